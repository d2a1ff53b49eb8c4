import { beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../build.ts";
import { MAX_THREADS } from "../src/metrics/scan.ts";
import packageJson from "../package.json" with { type: "json" };
import { fixtureCopy, read, snapshot, snapshotWithoutBackups, tempDir, writeFiles } from "./support/tree.ts";

/** The compiled executable, built into a temporary folder and then copied alone to another one. */
let binary = "";

beforeAll(async () => {
  const built = await buildBinary({ outfile: join(tempDir("trinity-build-"), "trinity") });
  const lonely = join(tempDir("trinity-bin-"), "bin");
  mkdirSync(lonely);
  binary = join(lonely, "trinity");
  copyFileSync(built, binary);
  spawnSync("chmod", ["+x", binary]);
}, 120_000);

function trinity(args: string[], cwd: string, env: Record<string, string> = {}) {
  // A home of its own, so the project registry deploy writes lands in a temporary folder.
  const result = spawnSync(binary, args, { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: tempDir("trinity-home-"), ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the compiled binary", () => {
  test("prints its version and build commit", () => {
    const result = trinity(["--version"], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^trinity ${packageJson.version.replace(/\./g, "\\.")} \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)\\n$`));
  });

  test("copied alone to another folder, deploys into a fixture from an unrelated working directory", () => {
    const project = fixtureCopy("node-next");
    const elsewhere = tempDir();
    const result = trinity(["deploy", project, "--yes"], elsewhere);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(read(project, "CLAUDE.md")).toContain("@.claude/trinity/CLAUDE.md");
    expect(existsSync(join(project, ".claude/trinity/knowledge-base/ARCHITECTURE.md"))).toBe(true);
    expect(snapshot(elsewhere)).toEqual({});
    const again = trinity(["deploy", project, "--yes"], elsewhere);
    expect(again.code).toBe(3);
  });

  test("never runs a preload script from the project's bunfig.toml", () => {
    const project = fixtureCopy("empty");
    writeFiles(project, {
      "bunfig.toml": 'preload = ["./evil.ts"]\n',
      "evil.ts": 'require("node:fs").writeFileSync("PWNED", "preload ran");\n',
    });
    const result = trinity(["deploy", "--yes"], project);
    expect(result.code).toBe(0);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
    expect(trinity(["--version"], project).code).toBe(0);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
  });

  test("does not load the project's .env", () => {
    const project = fixtureCopy("empty");
    writeFiles(project, { ".env": "FORCE_COLOR=1\n" });
    const result = trinity(["deploy", "--yes"], project);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("\u001b[");
    // the same variable from the real environment does colour the output, so the check can fail
    const forced = trinity(["deploy", "--dry-run", "--force"], project, { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[");
  });

  test("reports a usage error with exit code 2 and no stack trace", () => {
    const result = trinity(["deploy", "--bogus"], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option --bogus");
    expect(result.stderr).not.toContain("    at ");
  });
});

describe("the compiled binary's scan", () => {
  test("reads a large tree with worker threads it carries inside, never a worker script from the project", () => {
    const project = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) files[`src/m${i % 30}/f${i}.ts`] = `// TODO: ${i}\nexport const x${i} = ${i};\n`;
    // a worker script where a careless loader would look for one, relative to the working directory
    const evil = 'require("node:fs").writeFileSync("PWNED", "worker from the project ran");\n';
    Object.assign(files, { "worker.ts": evil, "metrics/worker.ts": evil, "src/metrics/worker.ts": evil });
    writeFiles(project, files);
    const result = trinity(["scan", "--json"], project);
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout).metrics;
    expect(metrics).toMatchObject({ files: 2100 + 3, todo: 2100 });
    expect(metrics.threads).toBe(Math.min(MAX_THREADS, availableParallelism()));
    expect(existsSync(join(project, "PWNED"))).toBe(false);
  });
});

describe("the compiled binary's lifecycle", () => {
  /** A copy of the repository's templates with one change each in an agent, a facts block and the root block. */
  function changedTemplateDir(): string {
    const dir = join(tempDir("trinity-templates-"), "templates");
    cpSync(join(import.meta.dir, "..", "templates"), dir, { recursive: true });
    const change = (path: string, from: string, to: string) => {
      const text = readFileSync(join(dir, path), "utf8");
      expect(text).toContain(from);
      writeFileSync(join(dir, path), text.replace(from, to));
    };
    change("agents/execution/kil-task-executor.md.eta", "## Pre-checks", "## Before you start");
    change("trinity/knowledge-base/ARCHITECTURE.md.eta", "| CI platform |", "| CI service |");
    change("blocks/root.md.eta", "## Where things are", "## Where to find things");
    return dir;
  }

  test("update --templates merges edits to an agent, a knowledge-base doc and CLAUDE.md; status tells before from after; rollback restores the bytes", () => {
    const project = fixtureCopy("node-next");
    const home = tempDir("trinity-home-");
    const run = (args: string[]) => trinity(args, project, { HOME: home });
    expect(run(["deploy", "--yes"]).code).toBe(0);
    expect(run(["status", "--check"]).code).toBe(0);

    const agent = ".claude/agents/trinity/execution/kil-task-executor.md";
    const architecture = ".claude/trinity/knowledge-base/ARCHITECTURE.md";
    const edit = (path: string, change: (text: string) => string) => writeFileSync(join(project, path), change(read(project, path)));
    edit(agent, (text) => `${text}\nTeam rule: run the migrations check before each commit.\n`);
    edit(architecture, (text) => `${text}\n## Our overview\n\nThe storefront sells tea.\n`);
    edit("CLAUDE.md", (text) => `# Storefront\n\nDeploys go through the release train.\n\n${text.replace("- One task, one commit; never push.", "- One task, one commit; never push.\n- Ask before touching payments.")}`);

    const before = run(["status", "--json"]);
    expect(before.code).toBe(0);
    const modified = (json: string) => JSON.parse(json).files.filter((f: { disk: string }) => f.disk === "modified").map((f: { path: string }) => f.path).sort();
    // the document is the user's apart from its facts block, so prose added to it is not drift
    expect(modified(before.stdout)).toEqual(["CLAUDE.md", agent].sort());
    expect(run(["status", "--check"]).code).toBe(5);

    const templates = changedTemplateDir();
    const preUpdate = snapshotWithoutBackups(project);
    const updated = run(["update", "--templates", templates, "--json"]);
    expect(updated.stderr).toBe("");
    expect(updated.code).toBe(0);
    const actions = Object.fromEntries(JSON.parse(updated.stdout).operations.map((op: { path: string; op: string }) => [op.path, op.op]));
    expect(actions).toMatchObject({ [agent]: "merge", [architecture]: "update", "CLAUDE.md": "merge" });

    const agentText = read(project, agent);
    expect(agentText).toContain("## Before you start");
    expect(agentText).toContain("Team rule: run the migrations check before each commit.");
    const architectureText = read(project, architecture);
    expect(architectureText).toContain("| CI service |");
    expect(architectureText).toContain("The storefront sells tea.");
    const root = read(project, "CLAUDE.md");
    expect(root.startsWith("# Storefront\n\nDeploys go through the release train.\n\n")).toBe(true);
    expect(root).toContain("## Where to find things");
    expect(root).toContain("- Ask before touching payments.");

    // after: the user's edits are still theirs; against the new templates nothing is left to update
    const after = JSON.parse(run(["status", "--json", "--templates", templates]).stdout);
    expect(after.files.filter((f: { update: string }) => !["unchanged", "keep"].includes(f.update))).toEqual([]);
    expect(modified(JSON.stringify(after))).toEqual(["CLAUDE.md", agent].sort());
    // against the built-in templates, the same project would be updated back
    const builtIn = JSON.parse(run(["status", "--json"]).stdout);
    expect(builtIn.files.find((f: { path: string }) => f.path === agent).update).toBe("merge");

    const rolledBack = run(["rollback"]);
    expect(rolledBack.stderr).toBe("");
    expect(rolledBack.code).toBe(0);
    expect(snapshotWithoutBackups(project)).toEqual(preUpdate);
  });
});
