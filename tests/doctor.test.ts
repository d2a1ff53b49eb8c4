import { describe, expect, test } from "bun:test";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, read, snapshot, writeFiles } from "./support/tree.ts";

const STACK_FIXTURES = ["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"];
const KIL = ".claude/agents/trinity/execution/kil-task-executor.md";

/** A fixture copied to a temporary directory and deployed with the CLI. */
async function deployed(fixture = "node-next", format: "skills" | "commands" = "skills"): Promise<string> {
  const dir = fixtureCopy(fixture);
  const result = await runCli(["deploy", dir, "--yes", "--command-format", format]);
  expect(result.code).toBe(0);
  return dir;
}

/** `trinity doctor --json` on a directory: the exit code and the document. */
async function doctorJson(dir: string, ...flags: string[]): Promise<{ code: number; findings: unknown[]; document: Record<string, unknown> }> {
  const result = await runCli(["doctor", dir, "--json", ...flags]);
  const document = JSON.parse(result.stdout) as Record<string, unknown>;
  return { code: result.code, findings: document.findings as unknown[], document };
}

function edit(dir: string, path: string, change: (text: string) => string): void {
  writeFiles(dir, { [path]: change(read(dir, path)) });
}

describe("trinity doctor on fresh deployments", () => {
  for (const fixture of STACK_FIXTURES) {
    for (const format of ["skills", "commands"] as const) {
      test(`${fixture} deployed as ${format} is clean: exit 0, no findings`, async () => {
        const dir = await deployed(fixture, format);
        const text = await runCli(["doctor", dir, "--strict"]);
        expect(text.stdout).toBe(`No problems found in the deployment at ${dir}.\n`);
        expect(text.code).toBe(0);
        const { code, document } = await doctorJson(dir);
        expect(document).toEqual({ schemaVersion: 1, command: "doctor", version: document.version, root: dir, findings: [], exitCode: 0 });
        expect(code).toBe(0);
      });
    }
  }

  test("checks the current directory when no DIR is given", async () => {
    const dir = await deployed();
    const result = await runCli(["doctor"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`No problems found in the deployment at ${dir}.`);
  });

  test("exits 3 on a project without a deployment, saying to deploy", async () => {
    const dir = fixtureCopy("node-next");
    const result = await runCli(["doctor", dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("not deployed; run `trinity deploy`");
    const json = JSON.parse((await runCli(["doctor", dir, "--json"])).stdout);
    expect(json).toMatchObject({ command: "doctor", error: { code: "not-deployed" }, exitCode: 3 });
  });
});

describe("trinity doctor finds what was broken, one thing at a time", () => {
  test("an unknown tool in an agent", async () => {
    const dir = await deployed();
    edit(dir, KIL, (text) => text.replace(/^tools: (.*)$/m, "tools: $1, Frobnicate"));
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [{ path: KIL, problem: 'tools: unknown tool "Frobnicate"', fix: "use a Claude Code tool name such as Read, Edit, Bash or Grep, or mcp__<server>__<tool>", severity: "error" }],
    });
  });

  test("an unquoted argument-hint", async () => {
    const dir = await deployed();
    const path = ".claude/skills/trinity-plan/SKILL.md";
    edit(dir, path, (text) => text.replace('argument-hint: "[WO-NNN]"', "argument-hint: [WO-NNN]"));
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [{ path, problem: 'argument-hint is a YAML list, so the / menu shows "WO-NNN"', fix: 'quote it: argument-hint: "[WO-NNN]"', severity: "error" }],
    });
  });

  test("the same agent name in two files", async () => {
    const dir = await deployed();
    writeFiles(dir, { ".claude/agents/custom/executor.md": read(dir, KIL) });
    const problem = (other: string) => `name "kil-task-executor" is also the name of ${other}; Claude Code loads only one of them`;
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [
        { path: ".claude/agents/custom/executor.md", problem: problem(KIL), fix: "rename one of the agents", severity: "error" },
        { path: KIL, problem: problem(".claude/agents/custom/executor.md"), fix: "rename one of the agents", severity: "error" },
      ],
    });
  });

  test("a bad permission rule", async () => {
    const dir = await deployed();
    const settings = JSON.parse(read(dir, ".claude/settings.json"));
    const index = settings.permissions.allow.push("bash(ls)") - 1;
    writeFiles(dir, { ".claude/settings.json": `${JSON.stringify(settings, null, 2)}\n` });
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [{ path: ".claude/settings.json", problem: `permissions.allow[${index}] "bash(ls)": tool names must start with an uppercase letter`, fix: 'write "Bash(ls)"', severity: "error" }],
    });
  });

  test("an import whose target is missing", async () => {
    const dir = await deployed();
    edit(dir, "CLAUDE.md", (text) => `${text}\n@docs/architecture.md\n`);
    const line = read(dir, "CLAUDE.md").split("\n").length - 1;
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [
        {
          path: "CLAUDE.md",
          problem: `@docs/architecture.md (line ${line}): no such file, so Claude Code skips the import without a word`,
          fix: "create docs/architecture.md, or correct or remove the import",
          severity: "error",
        },
      ],
    });
  });

  test("a deleted base blob", async () => {
    const dir = await deployed();
    const manifest = JSON.parse(read(dir, ".trinity/manifest.json"));
    const sha = manifest.files.find((record: { path: string }) => record.path === "CLAUDE.md").sha256;
    const blob = `.trinity/base/${sha.slice(0, 2)}/${sha}`;
    rmSync(join(dir, blob));
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [
        {
          path: blob,
          problem: "missing: the merge base of CLAUDE.md",
          fix: "restore .trinity/base/ from version control, or run `trinity deploy --force` to record it again; files you changed are backed up first",
          severity: "error",
        },
      ],
    });
  });

  test("malformed block markers", async () => {
    const dir = await deployed();
    edit(dir, "src/CLAUDE.md", (text) => text.replace("<!-- trinity:end -->\n", ""));
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [
        {
          path: "src/CLAUDE.md",
          problem: 'line 1: "<!-- trinity:begin -->" without a "<!-- trinity:end -->" after it',
          fix: 'add the missing "<!-- trinity:end -->" line (or remove the begin marker) and run trinity again',
          severity: "error",
        },
      ],
    });
  });

  test("a deleted agent that a workflow delegates to (reported once, as what is missing, not also as deleted)", async () => {
    const dir = await deployed();
    rmSync(join(dir, KIL));
    expect(await doctorJson(dir)).toMatchObject({
      code: 5,
      findings: [
        {
          path: KIL,
          problem: 'no agent is named "kil-task-executor", yet /trinity-orchestrate delegates to it',
          fix: `run \`trinity update --force\` to restore ${KIL}, or give it back name: kil-task-executor`,
          severity: "error",
        },
      ],
    });
  });

  test("a manifest that no longer parses is a finding, not a crash", async () => {
    const dir = await deployed();
    writeFiles(dir, { ".trinity/manifest.json": "{" });
    const { code, findings } = await doctorJson(dir);
    expect(code).toBe(5);
    expect(findings).toEqual([expect.objectContaining({ path: ".trinity/manifest.json", severity: "error" })]);
  });
});

describe("trinity doctor output and exit codes", () => {
  test("prints each finding as path: problem (fix), errors first, then a summary", async () => {
    const dir = await deployed();
    edit(dir, KIL, (text) => text.replace(/^tools: (.*)$/m, "tools: $1, Task"));
    rmSync(join(dir, ".claude/trinity/knowledge-base/To-do.md"));
    cpSync(join(dir, KIL), join(dir, ".claude/agents/copy.md"));
    const result = await runCli(["doctor", dir]);
    expect(result.code).toBe(5);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`error    .claude/agents/copy.md: name "kil-task-executor" is also the name of ${KIL}; Claude Code loads only one of them (rename one of the agents)`);
    expect(result.stdout).toContain(`warning  ${KIL}: tools: "Task" is the old name of Agent (write Agent)`);
    expect(result.stdout).toMatch(/^error {4}\.claude\/trinity\/knowledge-base\/To-do\.md: does not exist, yet \S+ and \d+ more refer to it \(run `trinity update --force` to restore it; --force also takes trinity's version of files you changed, after a backup\)$/m);
    expect(lines.at(-2)).toBe(`Found 3 errors and 2 warnings in the deployment at ${dir}.`);
  });

  test("warnings alone exit 0, and 5 with --strict", async () => {
    const dir = await deployed();
    writeFiles(dir, { ".claude/agents/helper.md": "---\nname: helper\ndescription: Helps with chores.\ntools: Read, Task\n---\nHelp.\n" });
    const relaxed = await doctorJson(dir);
    expect(relaxed.code).toBe(0);
    expect(relaxed.findings).toEqual([{ path: ".claude/agents/helper.md", problem: 'tools: "Task" is the old name of Agent', fix: "write Agent", severity: "warning" }]);
    expect((await doctorJson(dir, "--strict")).code).toBe(5);
    expect((await runCli(["doctor", dir])).stdout).toContain("(warnings alone do not fail; --strict makes them fail)");
  });

  test("writes nothing, not even on a broken deployment", async () => {
    const dir = await deployed();
    edit(dir, "src/CLAUDE.md", (text) => text.replace("<!-- trinity:end -->\n", ""));
    writeFiles(dir, { ".trinity/journal.json": "{}" });
    const before = snapshot(dir);
    expect((await runCli(["doctor", dir])).code).toBe(5);
    expect(snapshot(dir)).toEqual(before);
  });

  test("--quiet prints nothing but keeps the exit code", async () => {
    const dir = await deployed();
    rmSync(join(dir, KIL));
    const result = await runCli(["doctor", dir, "--quiet"]);
    expect(result).toEqual({ code: 5, stdout: "", stderr: "" });
  });
});
