import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { FaultyFileSystem } from "../src/fs/faulty.ts";
import { MemoryFileSystem } from "../src/fs/memory.ts";
import { runCli } from "./support/cli.ts";
import { deployWith } from "./support/deploy.ts";
import { copyOf, rollbackWith, uninstallWith } from "./support/runs.ts";
import { fixtureCopy, read, snapshot, writeFiles, snapshotWithoutBackups } from "./support/tree.ts";

/** A Node project whose owner already has a CLAUDE.md, a .gitignore, settings and an empty .claude/agents folder. */
function projectWithUserFiles(): string {
  const dir = fixtureCopy("node-next");
  writeFiles(dir, {
    "CLAUDE.md": "# Storefront\n\nTeam conventions live here.\n",
    ".gitignore": "node_modules/\n",
    ".claude/settings.json": '{\n  "model": "opus"\n}\n',
  });
  mkdirSync(join(dir, ".claude/agents"));
  return dir;
}

function runRecord(dir: string, runId: string): { command: string; rolledBackBy?: string } {
  return JSON.parse(read(dir, `.trinity/backups/${runId}/run.json`));
}

describe("trinity rollback", () => {
  test("after a deploy restores the project byte for byte as before it, apart from .trinity/backups/", async () => {
    const dir = projectWithUserFiles();
    const before = snapshot(dir);
    const deployed = JSON.parse((await runCli(["deploy", dir, "--json"])).stdout);
    const result = await runCli(["rollback", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Rolled back the deploy run ${deployed.runId}`);
    // .claude/agents/ existed, empty, before the deploy put trinity's agents in it: it stays
    expect(snapshotWithoutBackups(dir)).toEqual(before);
  });

  test("after an uninstall restores the deployment exactly", async () => {
    const dir = projectWithUserFiles();
    await runCli(["deploy", dir]);
    writeFiles(dir, { ".claude/trinity/CLAUDE.md": "my own protocols\n" });
    const deployed = snapshotWithoutBackups(dir);
    expect((await runCli(["uninstall", dir, "--force"])).code).toBe(0);
    expect(existsSync(join(dir, ".trinity/manifest.json"))).toBe(false);
    const result = await runCli(["rollback", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Rolled back the uninstall run");
    expect(snapshotWithoutBackups(dir)).toEqual(deployed);
  });

  test("rolls back one run at a time, newest first, and records each rollback in the run it undid", async () => {
    const dir = projectWithUserFiles();
    const before = snapshot(dir);
    const deploy = JSON.parse((await runCli(["deploy", dir, "--json"])).stdout).runId;
    const uninstall = JSON.parse((await runCli(["uninstall", dir, "--json"])).stdout).runId;
    const first = JSON.parse((await runCli(["rollback", dir, "--json"])).stdout);
    expect(first.rolledBack).toMatchObject({ runId: uninstall, command: "uninstall" });
    expect(runRecord(dir, uninstall).rolledBackBy).toBe(first.runId);
    expect(runRecord(dir, first.runId).command).toBe("rollback");
    const second = JSON.parse((await runCli(["rollback", dir, "--json"])).stdout);
    expect(second.rolledBack).toMatchObject({ runId: deploy, command: "deploy" });
    expect(runRecord(dir, deploy).rolledBackBy).toBe(second.runId);
    expect(snapshotWithoutBackups(dir)).toEqual(before);
    const third = await runCli(["rollback", dir]);
    expect(third.code).toBe(3);
    expect(third.stderr).toContain(".trinity/backups: nothing to roll back");
    expect(third.stderr).toContain("has been rolled back already");
  });

  test("refuses with exit 3 when a file changed after the run, listing it; --force proceeds and keeps the change in its backup", async () => {
    const dir = projectWithUserFiles();
    await runCli(["deploy", dir]);
    writeFiles(dir, { "CLAUDE.md": `${read(dir, "CLAUDE.md")}Added after the deploy.\n` });
    const edited = snapshot(dir);
    const refused = await runCli(["rollback", dir]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("1 file changed since then: CLAUDE.md");
    expect(refused.stderr).toContain("trinity rollback --force");
    expect(snapshot(dir)).toEqual(edited);
    expect(JSON.parse((await runCli(["rollback", dir, "--json"])).stdout)).toMatchObject({ exitCode: 3, error: { code: "changed-since-run" } });
    const forced = await runCli(["rollback", dir, "--force", "--json"]);
    expect(forced.code).toBe(0);
    const document = JSON.parse(forced.stdout);
    expect(document.overwritten).toEqual(["CLAUDE.md"]);
    expect(read(dir, "CLAUDE.md")).toBe("# Storefront\n\nTeam conventions live here.\n");
    expect(snapshot(dir)[`.trinity/backups/${document.runId}/files/CLAUDE.md`]).toBe(edited["CLAUDE.md"]!);
  });

  test("--dry-run writes nothing and prints the plan; --diff adds the diffs", async () => {
    const dir = projectWithUserFiles();
    await runCli(["deploy", dir]);
    const before = snapshot(dir);
    const result = await runCli(["rollback", dir, "--dry-run", "--diff"]);
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(result.stdout).toContain("Would roll back the deploy run");
    expect(result.stdout).toMatch(/update\s+CLAUDE\.md\s+\(restored from the backup of the deploy run/);
    expect(result.stdout).toMatch(/remove\s+\.claude\/trinity\/CLAUDE\.md\s+\(created by the deploy run/);
    expect(result.stdout).toContain("-<!-- trinity:begin -->");
    expect(result.stdout).toContain("Dry run: nothing was written.");
  });

  test("a project with nothing recorded exits 3 and is left without a .trinity/ folder", async () => {
    const dir = fixtureCopy("empty");
    const result = await runCli(["rollback", dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("No trinity deploy, update or uninstall has been recorded in this project");
    expect(snapshot(dir)).toEqual({});
  });
});

describe("rollback all-or-nothing", () => {
  test("a rollback that fails at the N-th write, for every N, leaves the project byte for byte as it was", async () => {
    const uninstalled = new MemoryFileSystem({ "package.json": '{ "name": "shop" }\n', "CLAUDE.md": "# Shop\n", "src/index.ts": "export {};\n" });
    await deployWith(uninstalled);
    await uninstallWith(uninstalled);
    const counter = new FaultyFileSystem(copyOf(uninstalled), Number.POSITIVE_INFINITY);
    await rollbackWith(counter, {}, { runId: "under-test" });
    const total = counter.writes;
    expect(total).toBeGreaterThan(100);
    for (let n = 1; n < total; n++) {
      const fs = copyOf(uninstalled);
      const before = fs.snapshot();
      await expect(rollbackWith(new FaultyFileSystem(fs, n, "fail"), {}, { runId: "under-test" })).rejects.toThrow("injected fault");
      expect({ n, state: fs.snapshot() }).toEqual({ n, state: before });
    }
  }, 120_000);
});
