import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { FaultyFileSystem } from "../src/fs/faulty.ts";
import { MemoryFileSystem } from "../src/fs/memory.ts";
import { projectPath } from "../src/fs/path.ts";
import { encodeText } from "../src/fs/port.ts";
import { runCli } from "./support/cli.ts";
import { deployWith } from "./support/deploy.ts";
import { copyOf, uninstallWith } from "./support/runs.ts";
import { fixtureCopy, listFiles, read, snapshot, writeFiles, snapshotWithoutBackups } from "./support/tree.ts";

/** A Node project whose owner already has a CLAUDE.md (CRLF), a .gitignore, Claude Code settings and an empty .claude/agents/ folder. */
function projectWithUserFiles(): string {
  const dir = fixtureCopy("node-next");
  writeFiles(dir, {
    "CLAUDE.md": "# Storefront\r\n\r\nTeam conventions live here.\r\n",
    ".gitignore": "node_modules/\n.next/\n",
    ".claude/settings.json": '{\n  "model": "opus",\n  "permissions": {\n    "deny": [\n      "Read(.env)"\n    ]\n  }\n}\n',
  });
  mkdirSync(join(dir, ".claude/agents"));
  return dir;
}

async function deploy(dir: string): Promise<void> {
  expect((await runCli(["deploy", dir, "--yes"])).code).toBe(0);
}

/** Edits of every kind trinity must not lose: a methodology file, its block in CLAUDE.md, the settings, a knowledge-base document, a work order. */
function editEverything(dir: string): void {
  writeFiles(dir, {
    ".claude/trinity/CLAUDE.md": `${read(dir, ".claude/trinity/CLAUDE.md")}\nOur extra protocol.\n`,
    "src/CLAUDE.md": read(dir, "src/CLAUDE.md").replace("<!-- trinity:end -->", "Our note inside the block.\n<!-- trinity:end -->"),
    ".claude/settings.json": `${JSON.stringify({ ...JSON.parse(read(dir, ".claude/settings.json")), model: "sonnet" }, null, 2)}\n`,
    ".claude/trinity/knowledge-base/ARCHITECTURE.md": `${read(dir, ".claude/trinity/knowledge-base/ARCHITECTURE.md")}\n## Decisions\n\nWe use queues.\n`,
    ".claude/trinity/work-orders/WO-001.md": "# WO-001\n",
  });
}

describe("trinity uninstall", () => {
  test.each(["node-next", "python-poetry", "empty"])("after a deploy leaves %s byte for byte as before, apart from .trinity/backups/", async (fixture) => {
    const dir = fixtureCopy(fixture);
    const before = snapshot(dir);
    await deploy(dir);
    const result = await runCli(["uninstall", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Uninstalled.");
    expect(snapshotWithoutBackups(dir)).toEqual(before);
    expect(listFiles(dir).some((path) => path.startsWith(".trinity/backups/"))).toBe(true);
  });

  test("gives the user's own CLAUDE.md, .gitignore and settings back byte for byte, and keeps their empty folder", async () => {
    const dir = projectWithUserFiles();
    const before = snapshot(dir);
    await deploy(dir);
    expect((await runCli(["uninstall", dir])).code).toBe(0);
    expect(snapshotWithoutBackups(dir)).toEqual(before);
  });

  test("--purge leaves the project exactly as before the deploy, .trinity/ included", async () => {
    const dir = projectWithUserFiles();
    const before = snapshot(dir);
    await deploy(dir);
    const result = await runCli(["uninstall", dir, "--purge"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("this uninstall cannot be rolled back");
    expect(snapshot(dir)).toEqual(before);
  });

  test("keeps files, blocks and settings the user changed, and says why", async () => {
    const dir = fixtureCopy("node-next");
    await deploy(dir);
    editEverything(dir);
    const edited = snapshot(dir);
    const result = await runCli(["uninstall", dir]);
    expect(result.code).toBe(0);
    for (const path of [".claude/trinity/CLAUDE.md", "src/CLAUDE.md", ".claude/trinity/work-orders/WO-001.md"]) expect(snapshot(dir)[path]).toBe(edited[path]!);
    expect(result.stdout).toMatch(/keep\s+\.claude\/trinity\/CLAUDE\.md\s+\(you changed it; kept — `--force` removes it, a backup is kept\)/);
    expect(result.stdout).toMatch(/keep\s+src\/CLAUDE\.md\s+\(you changed trinity's block; kept/);
    expect(result.stderr).toContain("warning: .claude/trinity/CLAUDE.md: you changed it; kept");
    expect(JSON.parse(read(dir, ".claude/settings.json"))).toEqual({ model: "sonnet" });
    const architecture = read(dir, ".claude/trinity/knowledge-base/ARCHITECTURE.md");
    expect(architecture).toContain("We use queues.");
    expect(architecture).not.toContain("trinity:begin");
    expect(existsSync(join(dir, ".claude/trinity/knowledge-base/To-do.md"))).toBe(false);
    expect(existsSync(join(dir, ".claude/trinity/work-orders/.gitkeep"))).toBe(false);
    expect(existsSync(join(dir, ".trinity/manifest.json")) || existsSync(join(dir, ".trinity/base"))).toBe(false);
  });

  test("--force also removes what the user changed, keeping a backup of each", async () => {
    const dir = fixtureCopy("node-next");
    await deploy(dir);
    editEverything(dir);
    const edited = snapshot(dir);
    const result = await runCli(["uninstall", dir, "--force", "--json"]);
    expect(result.code).toBe(0);
    const { runId } = JSON.parse(result.stdout);
    expect(existsSync(join(dir, ".claude/trinity/CLAUDE.md"))).toBe(false);
    expect(existsSync(join(dir, "src/CLAUDE.md"))).toBe(false);
    for (const path of [".claude/trinity/CLAUDE.md", "src/CLAUDE.md"]) {
      expect(snapshot(dir)[`.trinity/backups/${runId}/files/${path}`]).toBe(edited[path]!);
    }
    // what is the user's own stays even with --force
    expect(read(dir, ".claude/trinity/work-orders/WO-001.md")).toBe("# WO-001\n");
    expect(JSON.parse(read(dir, ".claude/settings.json"))).toEqual({ model: "sonnet" });
  });

  test("--dry-run writes nothing and prints the plan; --diff adds the diffs", async () => {
    const dir = projectWithUserFiles();
    await deploy(dir);
    const before = snapshot(dir);
    const result = await runCli(["uninstall", dir, "--dry-run", "--diff", "--purge"]);
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(result.stdout).toMatch(/update\s+CLAUDE\.md\s+\(trinity's block removed; your text is kept\)/);
    expect(result.stdout).toMatch(/remove\s+\.trinity\s+\(--purge: trinity's state and the backups of 1 earlier run and of this uninstall; this cannot be rolled back\)/);
    expect(result.stdout).toContain("--- a/CLAUDE.md\n+++ b/CLAUDE.md");
    expect(result.stdout).toContain("-<!-- trinity:begin -->");
  });

  test("--json prints one document listing the operations, without trinity's own state", async () => {
    const dir = fixtureCopy("empty");
    await deploy(dir);
    const document = JSON.parse((await runCli(["uninstall", dir, "--json"])).stdout);
    expect(document).toMatchObject({ schemaVersion: 1, command: "uninstall", dryRun: false, projectName: "empty", purge: null, exitCode: 0 });
    expect(document.operations).toContainEqual({ op: "remove", path: "CLAUDE.md", reason: "trinity created it; nothing of yours is in it" });
    expect(document.operations.some((op: { path: string }) => op.path.startsWith(".trinity/"))).toBe(false);
    expect(typeof document.runId).toBe("string");
  });

  test("a project without a deployment exits 3, says so, and changes nothing", async () => {
    const dir = fixtureCopy("node-next");
    const before = snapshot(dir);
    const result = await runCli(["uninstall", dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(".trinity/manifest.json: no trinity deployment to uninstall");
    expect(snapshot(dir)).toEqual(before);
    const json = JSON.parse((await runCli(["uninstall", dir, "--json", "--purge"])).stdout);
    expect(json).toMatchObject({ exitCode: 3, error: { code: "not-deployed" } });
    expect(snapshot(dir)).toEqual(before);
  });

  test("--purge after an uninstall deletes the leftover backups", async () => {
    const dir = fixtureCopy("empty");
    await deploy(dir);
    await runCli(["uninstall", dir]);
    expect(existsSync(join(dir, ".trinity/backups"))).toBe(true);
    const result = await runCli(["uninstall", dir, "--purge"]);
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual({});
  });

  test("--diff without --dry-run is a usage error", async () => {
    expect((await runCli(["uninstall", fixtureCopy("empty"), "--diff"])).code).toBe(2);
  });
});

describe("uninstall all-or-nothing", () => {
  /** A deployed project with user files and edits, in memory. */
  async function deployedProject(): Promise<MemoryFileSystem> {
    const fs = new MemoryFileSystem({
      "package.json": '{ "name": "shop", "devDependencies": { "vitest": "2" } }\n',
      "CLAUDE.md": "# Shop\r\n\r\nOur own notes.\r\n",
      ".gitignore": "node_modules/\n",
      ".claude/settings.json": '{\n  "model": "opus"\n}\n',
      "src/index.ts": "export const x = 1;\n",
      "tests/helpers.ts": "export {};\n",
    });
    await deployWith(fs, {}, { runId: "20260304T050607Z-deploy" });
    fs.write(projectPath(".claude/trinity/README.md"), encodeText("my readme\n"));
    return fs;
  }

  test("an uninstall that fails at the N-th write, for every N, leaves the project byte for byte as it was", async () => {
    const deployed = await deployedProject();
    const counter = new FaultyFileSystem(copyOf(deployed), Number.POSITIVE_INFINITY);
    await uninstallWith(counter, { force: true }, { runId: "under-test" });
    const total = counter.writes;
    expect(total).toBeGreaterThan(100);
    for (let n = 1; n <= total; n++) {
      const fs = copyOf(deployed);
      const before = fs.snapshot();
      const outcome = await uninstallWith(new FaultyFileSystem(fs, n, "fail"), { force: true }, { runId: "under-test" }).then(
        (result) => ({ ok: true as const, warnings: result.warnings }),
        (error: Error) => ({ ok: false as const, message: error.message }),
      );
      if (outcome.ok) {
        // only releasing the lock, the very last write, failed: the uninstall itself is complete
        expect({ n, last: n === total }).toEqual({ n, last: true });
        expect(outcome.warnings.join("\n")).toContain("stale lock");
      } else {
        expect(outcome.message).toContain("injected fault");
        expect({ n, state: fs.snapshot() }).toEqual({ n, state: before });
      }
    }
  }, 120_000);

  test("a purge that fails part-way leaves the uninstall complete and says how to finish", async () => {
    const deployed = await deployedProject();
    const counter = new FaultyFileSystem(copyOf(deployed), Number.POSITIVE_INFINITY);
    await uninstallWith(counter, {}, { runId: "under-test" });
    const uninstalled = counter.writes;
    const fs = copyOf(deployed);
    // the first write after the uninstall's last one (committing the journal) is the purge's first removal
    const result = await uninstallWith(new FaultyFileSystem(fs, uninstalled, "fail"), { purge: true }, { runId: "under-test" });
    expect(result.purged).toBe(false);
    expect(result.warnings.join("\n")).toContain("Run `trinity uninstall --purge` again to finish.");
    expect(fs.read(projectPath(".trinity/manifest.json"))).toBeNull();
    expect((await uninstallWith(fs, { purge: true })).purged).toBe(true);
    expect(Object.keys(fs.snapshot()).some((path) => path.startsWith(".trinity"))).toBe(false);
  });
});
