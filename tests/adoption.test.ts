/**
 * Adopting deployments made by the original npm SDK (2.0 and 2.2 layouts), through the CLI on real
 * folders: deploy refuses and points to update; update --dry-run writes nothing; update moves the
 * user's work into the current layout, lists every move, and loses no file's bytes; rollback puts
 * the old layout back exactly.
 */
import { describe, expect, test } from "bun:test";
import { renameSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, read, snapshot, snapshotWithoutBackups, tempDir } from "./support/tree.ts";

/** A legacy fixture in a temporary folder; the fixtures keep their .gitignore as `gitignore` so git does not apply it here. */
function legacyProject(version: "2.0" | "2.2"): string {
  const dir = fixtureCopy(`legacy-${version}`);
  renameSync(join(dir, "gitignore"), join(dir, ".gitignore"));
  return dir;
}

const files = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([path]) => !path.endsWith("/")));
/** The bytes of a snapshot entry (its mode prefix dropped). */
const bytes = (entry: string) => entry.slice(entry.indexOf(":") + 1);

describe.each(["2.0", "2.2"] as const)("adopting an SDK %s deployment", (version) => {
  const env = () => ({ HOME: tempDir("trinity-home-") });

  test("deploy refuses it with exit code 3 and points to trinity update", async () => {
    const project = legacyProject(version);
    const before = snapshot(project);
    const result = await runCli(["deploy", "--yes"], { cwd: project, env: env() });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`original Trinity Method SDK ${version}`);
    expect(result.stderr).toContain("trinity update");
    expect(snapshot(project)).toEqual(before);
  });

  test("update --dry-run lists the moves and writes nothing", async () => {
    const project = legacyProject(version);
    const before = snapshot(project);
    const result = await runCli(["update", "--dry-run"], { cwd: project, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Adopting a deployment of the original Trinity Method SDK ${version}`);
    expect(snapshot(project)).toEqual(before);
  });

  test("update moves the user's work into the current layout, lists every move and loses no file", async () => {
    const project = legacyProject(version);
    const before = files(snapshot(project));
    const result = await runCli(["update", "--json"], { cwd: project, env: env() });
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const moves: { from: string; to: string | null }[] = report.adopted.moves;
    expect(moves.length).toBeGreaterThan(10);

    // every file the project had is still somewhere: at its path, moved, or in the run's backup
    const after = files(snapshot(project));
    const contents = new Set(Object.values(after).map(bytes));
    const lost = Object.entries(before).filter(([, entry]) => !contents.has(bytes(entry))).map(([path]) => path);
    expect(lost).toEqual([]);
    // every file that left its path or changed is reported: as a move, or as an edit in place (a block or keys added)
    const left = Object.keys(before).filter((path) => !(path in after) || after[path] !== before[path]);
    const editedInPlace = report.operations.filter((op: { op: string }) => op.op === "update" || op.op === "merge").map((op: { path: string }) => op.path);
    const reported = new Set([...moves.map((move) => move.from), ...editedInPlace]);
    expect(left.filter((path) => !reported.has(path))).toEqual([]);
    expect(editedInPlace).toContain("CLAUDE.md");

    // the user's own files are theirs in the current layout; the root CLAUDE.md keeps its text and gains trinity's block
    const workOrder = Object.keys(before).find((path) => path.includes("work-orders/WO-0") && !path.includes("archive"))!;
    expect(after[`.claude/trinity/work-orders/${workOrder.split("/").pop()}`]).toBe(before[workOrder]);
    const root = read(project, "CLAUDE.md");
    expect(root).toContain("<!-- trinity:begin -->");
    expect(root).toContain(Buffer.from(bytes(before["CLAUDE.md"]!), "base64").toString("utf8").split("\n").find((line) => line.startsWith("- "))!);
    expect(read(project, ".trinity/manifest.json")).toContain('"trinityVersion"');
    // deployed now: a second update has nothing left to adopt, and status works
    expect((await runCli(["update", "--dry-run"], { cwd: project, env: env() })).stdout).not.toContain("Adopting");
    expect((await runCli(["status"], { cwd: project, env: env() })).code).toBe(0);
  });

  test("rollback after the adoption restores the old layout byte for byte", async () => {
    const project = legacyProject(version);
    const before = snapshot(project);
    expect((await runCli(["update"], { cwd: project, env: env() })).code).toBe(0);
    const result = await runCli(["rollback"], { cwd: project, env: env() });
    expect(result.code).toBe(0);
    expect(snapshotWithoutBackups(project)).toEqual(before);
  });
});
