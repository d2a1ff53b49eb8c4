import { describe, expect, test } from "bun:test";
import { backupPath, runRecordPath, type Journal, type JournalEntry } from "../apply/journal.ts";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { encodeText } from "../fs/port.ts";
import { sha256 } from "../manifest/store.ts";
import { findRollbackTarget, planRollback } from "./rollback.ts";

function run(runId: string, command: string, entries: JournalEntry[], extra: Partial<Journal> = {}): Journal {
  return { schemaVersion: 1, runId, command, startedAt: `2026-03-04T05:06:0${runId.slice(-1)}.000Z`, phase: "complete", createdDirs: [], removedDirs: [], entries, ...extra };
}

/** A project holding the given run records (and backups) besides its files. */
function project(files: Record<string, string>, runs: Journal[], backups: Record<string, Record<string, string>> = {}): MemoryFileSystem {
  const all: Record<string, string> = { ...files };
  for (const record of runs) all[runRecordPath(record.runId)] = `${JSON.stringify(record, null, 2)}\n`;
  for (const [runId, saved] of Object.entries(backups)) for (const [path, content] of Object.entries(saved)) all[backupPath(runId, path)] = content;
  return new MemoryFileSystem(all);
}

const created = (path: string, content: string): JournalEntry => ({ path, existed: false, mode: null, afterSha256: sha256(content) });
const replaced = (path: string, content: string, mode = 0o644): JournalEntry => ({ path, existed: true, mode, afterSha256: sha256(content) });
const removed = (path: string): JournalEntry => ({ path, existed: true, mode: 0o644, afterSha256: null });

describe("findRollbackTarget()", () => {
  test("picks the newest deploy, update or uninstall that is not rolled back yet, never a rollback", () => {
    const fs = project({}, [
      run("r1", "deploy", []),
      run("r2", "uninstall", [], { rolledBackBy: "r3" }),
      run("r3", "rollback", []),
    ]);
    expect(findRollbackTarget(fs)?.runId).toBe("r1");
  });

  test("orders runs by their start time, not by their folder name", () => {
    const fs = project({}, [run("b1", "deploy", [], { startedAt: "2026-03-04T06:00:00.000Z" }), run("a2", "update", [], { startedAt: "2026-03-04T07:00:00.000Z" })]);
    expect(findRollbackTarget(fs)?.runId).toBe("a2");
  });

  test("finds nothing without records, or when everything is rolled back", () => {
    expect(findRollbackTarget(new MemoryFileSystem())).toBeNull();
    expect(findRollbackTarget(project({}, [run("r1", "deploy", [], { rolledBackBy: "r2" }), run("r2", "rollback", [])]))).toBeNull();
  });

  test("refuses a record it cannot read, naming it, rather than undoing an older run", () => {
    const fs = project({ ".trinity/backups/r2/run.json": "{ nope" }, [run("r1", "deploy", [])]);
    expect(() => findRollbackTarget(fs)).toThrow(".trinity/backups/r2/run.json: cannot read the record of run r2: not valid JSON");
  });
});

describe("planRollback()", () => {
  test("removes what the run created and restores what it replaced or removed, with the recorded mode", () => {
    const target = run("r1", "deploy", [created("new.md", "new\n"), replaced("CLAUDE.md", "mine\nblock\n", 0o600), removed("old.md")]);
    const fs = project({ "new.md": "new\n", "CLAUDE.md": "mine\nblock\n" }, [target], { r1: { "CLAUDE.md": "mine\n", "old.md": "old\n" } });
    const plan = planRollback({ fs, target, runId: "r2" });
    const byPath = Object.fromEntries(plan.ops.map((op) => [op.path, op]));
    expect(byPath["new.md"]).toMatchObject({ action: "remove", after: null });
    expect(byPath["CLAUDE.md"]).toMatchObject({ action: "update", after: encodeText("mine\n"), mode: 0o600 });
    expect(byPath["old.md"]).toMatchObject({ action: "create", after: encodeText("old\n") });
    expect(plan.changed).toEqual([]);
  });

  test("marks the run as rolled back in its record, within the same run", () => {
    const target = run("r1", "deploy", []);
    const fs = project({}, [target]);
    const op = planRollback({ fs, target, runId: "r2" }).ops.at(-1)!;
    expect(op).toMatchObject({ path: runRecordPath("r1"), action: "update", internal: true });
    expect(JSON.parse(new TextDecoder().decode(op.after!))).toMatchObject({ runId: "r1", rolledBackBy: "r2" });
  });

  test("lists every path changed since the run whose change the rollback would discard", () => {
    const target = run("r1", "update", [created("new.md", "new\n"), replaced("a.md", "after\n"), removed("gone.md"), replaced("same.md", "after\n")]);
    const fs = project({ "new.md": "new, edited\n", "a.md": "after, edited\n", "gone.md": "back again\n", "same.md": "before\n" }, [target], {
      r1: { "a.md": "before\n", "gone.md": "gone\n", "same.md": "before\n" },
    });
    const plan = planRollback({ fs, target, runId: "r2" });
    // same.md was changed since, but back to exactly what the rollback restores: nothing is lost
    expect(plan.changed).toEqual(["new.md", "a.md", "gone.md"]);
    expect(plan.warnings).toHaveLength(3);
  });

  test("treats a path without a recorded after-state as changed", () => {
    const target = run("r1", "deploy", [{ path: "x.md", existed: false, mode: null }]);
    expect(planRollback({ fs: project({ "x.md": "x\n" }, [target]), target, runId: "r2" }).changed).toEqual(["x.md"]);
  });

  test("keeps trinity's own state out of the project operations and lets removals take away only the run's folders", () => {
    const target = run("r1", "deploy", [created(".trinity/manifest.json", "{}\n")], { createdDirs: [".claude", ".claude/trinity"] });
    const plan = planRollback({ fs: project({ ".trinity/manifest.json": "{}\n" }, [target]), target, runId: "r2" });
    expect(plan.ops[0]).toMatchObject({ path: ".trinity/manifest.json", internal: true });
    expect([...plan.removableDirs]).toEqual([".claude", ".claude/trinity"]);
  });

  test("fails, naming the backup, when a backup is missing", () => {
    const target = run("r1", "deploy", [replaced("CLAUDE.md", "x\n")]);
    const fs = project({ "CLAUDE.md": "x\n" }, [target]);
    expect(() => planRollback({ fs, target, runId: "r2" })).toThrow(".trinity/backups/r1/files/CLAUDE.md: the backup of CLAUDE.md is missing; nothing was changed");
  });

  test("leaves alone what is already as before the run", () => {
    const target = run("r1", "deploy", [created("new.md", "new\n")]);
    const plan = planRollback({ fs: project({}, [target]), target, runId: "r2" });
    expect(plan.ops[0]).toMatchObject({ path: projectPath("new.md"), action: "unchanged" });
  });
});
