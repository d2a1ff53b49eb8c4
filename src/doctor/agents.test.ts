import { describe, expect, test } from "bun:test";
import { projectPath } from "../fs/path.ts";
import { readManifest } from "../manifest/store.ts";
import { deployedInMemory, edit, put, text } from "../../tests/support/doctor.ts";
import { checkAgents, duplicateNameFindings } from "./agents.ts";

const KIL = ".claude/agents/trinity/execution/kil-task-executor.md";

describe("checkAgents()", () => {
  test("finds nothing wrong with trinity's 18 agents and returns their names", async () => {
    const fs = await deployedInMemory();
    const { names, findings } = checkAgents(fs, readManifest(fs));
    expect(findings).toEqual([]);
    expect(names.size).toBe(18);
    expect(names.has("kil-task-executor")).toBe(true);
  });

  test("checks the project's own agents too, in any subfolder", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/ours/deep/reviewer.md", "---\nname: reviewer\ndescription: Reviews.\ntools: Read, LS\n---\nReview.\n");
    expect(checkAgents(fs, readManifest(fs)).findings).toEqual([
      { path: ".claude/agents/ours/deep/reviewer.md", problem: 'tools: unknown tool "LS", which Claude Code removed', fix: "use Glob", severity: "error" },
    ]);
  });

  test("leaves a reference document in the agents folder alone, but not one of trinity's agents without frontmatter", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/README.md", "# Our agents\n");
    edit(fs, KIL, (t) => t.slice(t.indexOf("\n---\n") + 5));
    expect(checkAgents(fs, readManifest(fs)).findings.map((f) => [f.path, f.severity, f.problem])).toEqual([
      [KIL, "error", "there is no frontmatter, so Claude Code skips the agent without a word"],
    ]);
  });

  test("reports two files with one name, each naming the other", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/mine.md", text(fs, KIL));
    const findings = checkAgents(fs, readManifest(fs)).findings;
    expect(findings.map((f) => `${f.path}: ${f.problem}`)).toEqual([
      `.claude/agents/mine.md: name "kil-task-executor" is also the name of ${KIL}; Claude Code loads only one of them`,
      `${KIL}: name "kil-task-executor" is also the name of .claude/agents/mine.md; Claude Code loads only one of them`,
    ]);
  });

  test("checks hooks in an agent's frontmatter with the settings schema", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/guarded.md", '---\nname: guarded\ndescription: Guarded.\nhooks:\n  Stop:\n    - hooks:\n        - type: shell\n---\nBody.\n');
    expect(checkAgents(fs, readManifest(fs)).findings.map((f) => f.problem)).toEqual(['hooks.Stop[0].hooks[0].type "shell" is not a hook type, so Claude Code skips the handler']);
  });

  test("reports a file that is not UTF-8 instead of failing", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/agents/latin1.md", new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    expect(checkAgents(fs, readManifest(fs)).findings.map((f) => [f.path, f.problem])).toEqual([[".claude/agents/latin1.md", "not UTF-8 text, so Claude Code cannot read it as written"]]);
  });

  test("works without a manifest (every agent is then the project's own)", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".trinity/manifest.json"));
    expect(checkAgents(fs, null).findings).toEqual([]);
  });
});

describe("duplicateNameFindings()", () => {
  test("is silent for unique names", () => {
    expect(duplicateNameFindings(new Map([["a", ["x.md"]], ["b", ["y.md"]]]))).toEqual([]);
  });
});
