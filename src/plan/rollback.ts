import { backupPath, readRunRecords, runDir, runRecordPath, serializeJournal, type Journal, type JournalEntry } from "../apply/journal.ts";
import { TrinityError } from "../errors.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { sameBytes, type ReadableFileSystem } from "../fs/port.ts";
import { sha256, STATE_DIR } from "../manifest/store.ts";
import { changesDisk, type FileOp, type Plan } from "./ops.ts";

/** The commands whose runs `trinity rollback` undoes (a rollback itself is not undone by another). */
export const UNDOABLE_COMMANDS: readonly string[] = ["deploy", "update", "uninstall"];

/** The run `trinity rollback` undoes: the newest deploy, update or uninstall not rolled back yet; null when there is none. */
export function findRollbackTarget(fs: ReadableFileSystem): Journal | null {
  const candidates = readRunRecords(fs).filter((record) => UNDOABLE_COMMANDS.includes(record.command) && record.rolledBackBy === undefined);
  return candidates.at(-1) ?? null;
}

export interface RollbackPlanInput {
  fs: ReadableFileSystem;
  /** The run to undo (from findRollbackTarget()). */
  target: Journal;
  /** The id the rollback run will have, recorded in the target's run record. */
  runId: string;
}

export interface RollbackPlan extends Plan {
  /** Paths whose bytes changed since the target run; restoring them discards those edits. */
  changed: string[];
  /** The directories the target run created: removals may take them away again once empty, and no others. */
  removableDirs: Set<string>;
}

/**
 * Plans undoing one run from its record and backups: a file the run created is removed, a file it
 * replaced or removed gets its backed-up bytes and mode back. Each path is compared with what the
 * run left there (`afterSha256`), so the caller can refuse to discard later edits. The target's
 * run record is marked as rolled back by the same journaled run, so a failed rollback leaves no mark.
 */
export function planRollback(input: RollbackPlanInput): RollbackPlan {
  const { fs, target } = input;
  const ops: FileOp[] = [];
  const changed: string[] = [];
  const what = `the ${target.command} run ${target.runId}`;
  for (const entry of target.entries) {
    const planned = planEntry(fs, target, entry, what);
    // A path already back in its pre-run state loses nothing, whatever happened to it since.
    if (changesDisk(planned) && changedSince(entry, planned.before)) changed.push(entry.path);
    ops.push(planned);
  }
  const recordPath = runRecordPath(target.runId);
  ops.push(op("update", recordPath, "rollback recorded", fs.read(recordPath), serializeJournal({ ...target, rolledBackBy: input.runId }), true));
  const warnings = changed.map((path) => `${path}: changed since ${what}; rolling back discards that change (this rollback's backup keeps it)`);
  return { ops, warnings, changed, removableDirs: new Set(target.createdDirs) };
}

/** What undoing the run does to one of its paths. */
function planEntry(fs: ReadableFileSystem, target: Journal, entry: JournalEntry, what: string): FileOp {
  const path = projectPath(entry.path);
  const current = fs.read(path);
  const internal = path.startsWith(`${STATE_DIR}/`);
  if (!entry.existed) {
    return current === null ? op("unchanged", path, "already absent", null, null, internal) : op("remove", path, `created by ${what}`, current, null, internal);
  }
  const backup = fs.read(backupPath(target.runId, entry.path));
  if (backup === null) {
    throw new TrinityError("io", `${backupPath(target.runId, entry.path)}: the backup of ${entry.path} is missing; nothing was changed`, {
      hint: `Restore ${runDir(target.runId)}/ from another copy of the project, or put ${entry.path} back by hand.`,
    });
  }
  const mode = entry.mode ?? undefined;
  const sameMode = mode === undefined || fs.stat(path)?.mode === mode;
  if (current !== null && sameBytes(current, backup) && sameMode) return op("unchanged", path, "already as before the run", current, current, internal);
  const reason = current === null ? `restored; ${what} had removed it` : `restored from the backup of ${what}`;
  return { ...op(current === null ? "create" : "update", path, reason, current, backup, internal), ...(mode === undefined ? {} : { mode }) };
}

/** True when the bytes at a path are not what the run left there (unknown counts as changed). */
function changedSince(entry: JournalEntry, current: Uint8Array | null): boolean {
  if (entry.afterSha256 === undefined) return true;
  if (entry.afterSha256 === null) return current !== null;
  return current === null || sha256(current) !== entry.afterSha256;
}

function op(action: FileOp["action"], path: ProjectPath, reason: string, before: Uint8Array | null, after: Uint8Array | null, internal: boolean): FileOp {
  return { action, path, reason, before, after, record: null, base: null, internal };
}
