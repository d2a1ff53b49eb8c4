import { describe, expect, test } from "bun:test";
import { hostname } from "node:os";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, read, snapshot, writeFiles } from "./support/tree.ts";

describe("trinity (top level)", () => {
  test("without a command prints help on stderr and exits 2", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: trinity <command>");
    expect(result.stdout).toBe("");
  });

  test("--help and help COMMAND print help on stdout and exit 0", async () => {
    expect((await runCli(["--help"])).stdout).toContain("deploy");
    const help = await runCli(["help", "deploy"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: trinity deploy [DIR] [options]");
    expect((await runCli(["deploy", "--help"])).stdout).toBe(help.stdout);
  });

  test("an unknown command exits 2 with a suggestion", async () => {
    const result = await runCli(["deplyo"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "deplyo"; did you mean deploy?');
    expect((await runCli(["help", "nope"])).code).toBe(2);
  });

  test("--version prints version and commit, also as JSON", async () => {
    expect((await runCli(["--version"])).stdout).toMatch(/^trinity \d+\.\d+\.\d+ \(commit dev\)\n$/);
    expect(JSON.parse((await runCli(["-v", "--json"])).stdout)).toMatchObject({ schemaVersion: 1, command: "version", commit: "dev", exitCode: 0 });
  });

  test("NO_COLOR and --no-color keep output free of escape codes even when colour is forced", async () => {
    const dir = fixtureCopy("empty");
    const forced = await runCli(["deploy", dir, "--dry-run"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[");
    expect((await runCli(["deploy", dir, "--dry-run"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await runCli(["deploy", dir, "--dry-run", "--no-color"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain("\u001b[");
  });

  test("--quiet prints nothing on success", async () => {
    const result = await runCli(["deploy", fixtureCopy("empty"), "--quiet"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("pre-flight checks", () => {
  test("a lock held by a running trinity exits 3 and changes nothing", async () => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, { ".trinity/lock": JSON.stringify({ pid: process.pid, host: hostname(), command: "deploy", startedAt: "2026-01-01T00:00:00Z" }) });
    const before = snapshot(dir);
    const result = await runCli(["deploy", dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`.trinity/lock: trinity deploy (process ${process.pid}`);
    expect(snapshot(dir)).toEqual(before);
  });

  test("a lock left by a process that is gone is taken over", async () => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, { ".trinity/lock": JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), command: "deploy", startedAt: "x" }) });
    expect((await runCli(["deploy", dir])).code).toBe(0);
    expect(existsSync(join(dir, ".trinity/lock"))).toBe(false);
  });

  test("an interrupted run is rolled back before the next deploy, which says so", async () => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, {
      "CLAUDE.md": "half-written by the interrupted run\n",
      "notes.md": "created by the interrupted run\n",
      ".trinity/backups/run-1/files/CLAUDE.md": "the user's original\n",
      ".trinity/journal.json": JSON.stringify({
        schemaVersion: 1,
        runId: "run-1",
        command: "deploy",
        startedAt: "2026-01-01T00:00:00Z",
        phase: "applying",
        createdDirs: [],
        removedDirs: [],
        entries: [
          { path: "CLAUDE.md", existed: true, mode: 420 },
          { path: "notes.md", existed: false, mode: null },
        ],
      }),
    });
    const dryRun = await runCli(["deploy", dir, "--dry-run"]);
    expect(dryRun.code).toBe(3);
    expect(dryRun.stderr).toContain("an interrupted trinity run has not been repaired yet");
    const result = await runCli(["deploy", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Repaired first: an interrupted deploy (run run-1) was rolled back.");
    expect(read(dir, "CLAUDE.md").startsWith("the user's original\n")).toBe(true);
    expect(existsSync(join(dir, "notes.md"))).toBe(false);
  });

  test("an unreadable manifest stops deploy with the file named; --force re-deploys with a warning", async () => {
    const dir = fixtureCopy("empty");
    await runCli(["deploy", dir]);
    writeFiles(dir, { ".trinity/manifest.json": '{"schemaVersion": 1, "files": "oops"}' });
    const before = snapshot(dir);
    const refused = await runCli(["deploy", dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(".trinity/manifest.json: cannot read the deployment record:");
    expect(snapshot(dir)).toEqual(before);
    const forced = await runCli(["deploy", dir, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain("warning: .trinity/manifest.json: cannot read the deployment record");
    expect(JSON.parse(read(dir, ".trinity/manifest.json")).files.length).toBeGreaterThan(10);
  });

  test("broken trinity markers in a CLAUDE.md stop the deploy with the line", async () => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, { "CLAUDE.md": "# Notes\n<!-- trinity:begin -->\nhalf a block\n" });
    const result = await runCli(["deploy", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CLAUDE.md: line 2: "<!-- trinity:begin -->" without a "<!-- trinity:end -->" after it');
  });
});

describe("trinity list", () => {
  test("shows the 18 agents by team, the 21 workflows, the templates and the stacks", async () => {
    const result = await runCli(["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Agents (18 in 6 teams)");
    expect(result.stdout).toContain("Workflows (21)");
    expect(result.stdout).toMatch(/kil-task-executor\s+KIL, Task Executor: implements exactly one task/);
    expect(result.stdout).toContain("/trinity-orchestrate");
    expect(result.stdout).toContain("work orders (6)");
    expect(result.stdout).toContain("detected: Node.js, Deno, Python, Rust, Go, Dart, JVM, Ruby, PHP, .NET, Swift");
  });

  test("--json gives the same catalogue as data", async () => {
    const document = JSON.parse((await runCli(["list", "--json"])).stdout);
    expect(document).toMatchObject({ schemaVersion: 1, command: "list", exitCode: 0 });
    expect(document.agents).toHaveLength(18);
    expect(document.workflows).toHaveLength(21);
    expect(document.agents.find((a: { stem: string }) => a.stem === "juno-auditor").workflows).toEqual([
      "/trinity-init",
      "/trinity-orchestrate",
      "/trinity-audit",
      "/trinity-docs-update",
    ]);
    expect(document.templates.investigations).toEqual(["bug", "feature", "performance", "security", "technical"]);
    expect(document.stacks.guidance.at(-1).template).toBe("blocks/source/base.md.eta");
  });

  test("takes no arguments", async () => {
    expect((await runCli(["list", "extra"])).code).toBe(2);
  });
});
