import { describe, expect, test } from "bun:test";
import { error, warning } from "../doctor/finding.ts";
import { sortFindings } from "../doctor/index.ts";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { readOnly } from "../fs/port.ts";
import { deployedInMemory, put } from "../../tests/support/doctor.ts";
import { doctor, doctorExitCode } from "./doctor.ts";

describe("doctor()", () => {
  test.each(["skills", "commands"] as const)("finds nothing wrong with a fresh deployment (%s), through a read-only file system", async (format) => {
    for (const fixture of ["node-next", "python-poetry", "empty"]) {
      const fs = await deployedInMemory(fixture, format);
      const before = fs.snapshot();
      expect({ fixture, findings: doctor({ fs: readOnly(fs) }).findings }).toEqual({ fixture, findings: [] });
      expect(fs.snapshot()).toEqual(before);
    }
  });

  test("refuses a project without a deployment (exit 3)", () => {
    expect(() => doctor({ fs: new MemoryFileSystem({ "README.md": "x" }) })).toThrow("not deployed; run `trinity deploy`");
    try {
      doctor({ fs: new MemoryFileSystem() });
    } catch (caught) {
      expect((caught as { exitCode: number }).exitCode).toBe(3);
    }
  });

  test("points a deployment of the original SDK at trinity update", () => {
    try {
      doctor({ fs: new MemoryFileSystem({ ".claude/trinity/VERSION": "2.2.0\n" }) });
      throw new Error("doctor() did not throw");
    } catch (caught) {
      expect((caught as { hint: string }).hint).toContain("run `trinity update` to adopt it");
    }
  });

  test("reports a deleted file others still need once, as that error; one nobody needs as a deleted warning", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/agents/trinity/audit/juno-auditor.md"));
    fs.remove(projectPath("src/CLAUDE.md"));
    expect(doctor({ fs }).findings.map((f) => `${f.severity} ${f.path}: ${f.problem}`)).toEqual([
      'error .claude/agents/trinity/audit/juno-auditor.md: no agent is named "juno-auditor", yet /trinity-audit, /trinity-docs-update, /trinity-init, /trinity-orchestrate delegate to it',
      "warning src/CLAUDE.md: deleted",
    ]);
  });

  test("lists errors first, then warnings, each by path", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/b.md", "---\nname: b\ndescription: B.\ntools: Task\n---\nB.\n");
    put(fs, ".claude/agents/a.md", "---\nname: a\ndescription: A.\ntools: Task\n---\nA.\n");
    put(fs, ".claude/agents/c.md", "---\nname: c\ndescription: C.\ntools: LS\n---\nC.\n");
    expect(doctor({ fs }).findings.map((f) => `${f.severity} ${f.path}`)).toEqual(["error .claude/agents/c.md", "warning .claude/agents/a.md", "warning .claude/agents/b.md"]);
  });
});

describe("doctorExitCode()", () => {
  const anError = error("a", "broken", "fix it");
  const aWarning = warning("b", "odd", "look");

  test("is 0 without findings, 5 with an error", () => {
    expect(doctorExitCode([], false)).toBe(0);
    expect(doctorExitCode([aWarning, anError], false)).toBe(5);
  });

  test("lets warnings alone pass, unless --strict", () => {
    expect(doctorExitCode([aWarning], false)).toBe(0);
    expect(doctorExitCode([aWarning], true)).toBe(5);
  });
});

describe("sortFindings()", () => {
  test("keeps the order of the checks within one path", () => {
    const first = error("x", "first", "f");
    const second = error("x", "second", "f");
    expect(sortFindings([warning("a", "w", "f"), first, second])).toEqual([first, second, warning("a", "w", "f")]);
  });
});
