import { describeSystemError, TrinityError } from "../errors.ts";
import { ancestors, parentPath, projectPath, type ProjectPath } from "../fs/path.ts";
import { sameBytes, type FileSystem } from "../fs/port.ts";
import { BACKUPS_DIR, JOURNAL_PATH, LOCK_PATH, sha256, STATE_DIR } from "../manifest/store.ts";
import { changesDisk, type FileOp } from "../plan/ops.ts";
import { backupPath, readJournal, runDir, runRecordPath, serializeJournal, type Journal } from "./journal.ts";

export interface ApplyOptions {
  runId: string;
  command: string;
  now: Date;
  /** Polled between operations; when it returns true the run stops and is rolled back (Ctrl-C). */
  isCancelled?: () => boolean;
  /**
   * The directories a removal may take away once it leaves them empty; absent: any directory.
   * Rollback passes the ones the undone run created, so a folder that existed before it stays.
   */
  removableDirs?: ReadonlySet<string>;
}

/** What an applied run did. */
export interface ApplyResult {
  runId: string;
  /** Paths written or removed. */
  changed: number;
}

/**
 * The only writer. Applies the disk-changing operations of a plan all-or-nothing:
 * 1. verify the disk still matches the plan (nothing changed while the user read it);
 * 2. write the journal, then back up every file about to be replaced or removed;
 * 3. apply, each write atomic; yield between operations so Ctrl-C is noticed;
 * 4. commit: keep the journal as the run record and delete it.
 * Any failure or cancellation rolls back to the exact previous bytes.
 */
export async function applyOps(fs: FileSystem, ops: readonly FileOp[], options: ApplyOptions): Promise<ApplyResult> {
  const targets = ops.filter(changesDisk);
  if (fs.stat(runDir(options.runId)) !== null) {
    throw new TrinityError("internal", `${runDir(options.runId)}: a run with this identifier already exists`);
  }
  verifyUnchanged(fs, targets);
  const journal: Journal = {
    schemaVersion: 1,
    runId: options.runId,
    command: options.command,
    startedAt: options.now.toISOString(),
    phase: "backing-up",
    createdDirs: directoriesToCreate(fs, targets),
    removedDirs: [],
    entries: targets.map((op) => ({
      path: op.path,
      existed: op.before !== null,
      mode: op.before === null ? null : (fs.stat(op.path)?.mode ?? null),
      afterSha256: op.after === null ? null : sha256(op.after),
    })),
  };
  try {
    fs.write(JOURNAL_PATH, serializeJournal(journal));
    for (const op of targets) {
      if (op.before === null) continue;
      const backup = backupPath(options.runId, op.path);
      ensureDirectory(fs, parentPath(backup)!);
      fs.write(backup, op.before);
    }
    journal.phase = "applying";
    fs.write(JOURNAL_PATH, serializeJournal(journal));
    for (const dir of journal.createdDirs) fs.mkdir(projectPath(dir));
    // A folder this run still writes into must survive removals that empty it on the way.
    const needed = new Set(targets.filter((op) => op.after !== null).flatMap((op) => ancestors(op.path) as string[]));
    for (const op of targets) {
      await checkpoint(options);
      if (op.after === null) {
        fs.remove(op.path);
        removeEmptiedParents(fs, op.path, journal, options.removableDirs, needed);
      } else {
        fs.write(op.path, op.after, op.mode === undefined ? {} : { mode: op.mode });
      }
    }
    await checkpoint(options);
    ensureDirectory(fs, runDir(options.runId));
    fs.write(runRecordPath(options.runId), serializeJournal({ ...journal, phase: "complete" }));
    fs.remove(JOURNAL_PATH);
  } catch (error) {
    throw failAndRollBack(fs, journal, error);
  }
  return { runId: options.runId, changed: targets.length };
}

/** Undoes an interrupted run recorded in `.trinity/journal.json`; returns it, or null when there was none. */
export function recoverInterruptedRun(fs: FileSystem): Journal | null {
  const journal = readJournal(fs);
  if (journal === null) return null;
  rollBack(fs, journal);
  return journal;
}

async function checkpoint(options: ApplyOptions): Promise<void> {
  // A macrotask turn lets a pending SIGINT handler run between two writes.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (options.isCancelled?.()) {
    throw new TrinityError("interrupted", "interrupted; every change of this run was rolled back");
  }
}

function verifyUnchanged(fs: FileSystem, targets: readonly FileOp[]): void {
  for (const op of targets) {
    const now = fs.read(op.path);
    const same = now === null || op.before === null ? now === op.before : sameBytes(now, op.before);
    if (!same) {
      throw new TrinityError("io", `${op.path}: changed while trinity was running; nothing was written`, {
        hint: "Run trinity again.",
      });
    }
  }
}

/** Missing ancestor directories of the files to write, outermost first. */
function directoriesToCreate(fs: FileSystem, targets: readonly FileOp[]): string[] {
  const missing = new Set<string>();
  for (const op of targets) {
    if (op.after === null) continue;
    for (const dir of ancestors(op.path)) {
      if (!missing.has(dir) && fs.stat(dir) === null) missing.add(dir);
    }
  }
  return [...missing].sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : 1));
}

function ensureDirectory(fs: FileSystem, dir: ProjectPath): void {
  for (const path of [...ancestors(dir), dir]) if (fs.stat(path) === null) fs.mkdir(path);
}

/** After a removal, removes parent directories left empty (never the root or .trinity), journaling each first. */
function removeEmptiedParents(fs: FileSystem, path: ProjectPath, journal: Journal, removable: ReadonlySet<string> | undefined, needed: ReadonlySet<string>): void {
  for (let dir = parentPath(path); dir !== null && dir !== STATE_DIR; dir = parentPath(dir)) {
    if (needed.has(dir) || fs.list(dir).length > 0 || (removable !== undefined && !removable.has(dir))) return;
    journal.removedDirs.push(dir);
    fs.write(JOURNAL_PATH, serializeJournal(journal));
    fs.removeDir(dir);
  }
}

/** Rolls back after a failure and returns the error to report. */
function failAndRollBack(fs: FileSystem, journal: Journal, error: unknown): TrinityError {
  const original =
    error instanceof TrinityError
      ? error
      : new TrinityError("io", `cannot apply the changes: ${describeSystemError(error)}`, { cause: error });
  try {
    rollBack(fs, journal);
  } catch (rollbackError) {
    return new TrinityError(
      "io",
      `${original.message}; the rollback could not finish either (${rollbackError instanceof Error ? rollbackError.message : String(rollbackError)})`,
      { hint: "Run trinity again once the problem is fixed: it finishes the repair from the journal before doing anything else.", cause: error },
    );
  }
  if (original.code === "interrupted") return original;
  return new TrinityError(original.code, `${original.message}; every change of this run was rolled back`, {
    hint: original.hint,
    cause: error,
  });
}

/**
 * Restores every journaled path to its pre-run bytes, re-creates removed directories, removes
 * created ones, deletes the run's backups and finally the journal. Idempotent, so an interrupted
 * rollback can simply run again.
 */
function rollBack(fs: FileSystem, journal: Journal): void {
  if (journal.phase === "applying") {
    for (const dir of journal.removedDirs.slice().reverse()) ensureDirectory(fs, projectPath(dir));
    for (const entry of journal.entries) {
      const path = projectPath(entry.path);
      const current = fs.read(path);
      if (!entry.existed) {
        if (current !== null) fs.remove(path);
        continue;
      }
      const backup = fs.read(backupPath(journal.runId, entry.path));
      if (backup === null) {
        throw new TrinityError("io", `${backupPath(journal.runId, entry.path)}: the backup of ${entry.path} is missing`);
      }
      if (current === null || !sameBytes(current, backup)) {
        const parent = parentPath(path);
        if (parent !== null) ensureDirectory(fs, parent);
        fs.write(path, backup, entry.mode === null ? {} : { mode: entry.mode });
      }
    }
    for (const dir of journal.createdDirs.slice().reverse()) {
      const path = projectPath(dir);
      if (fs.stat(path)?.kind === "dir" && fs.list(path).length === 0) fs.removeDir(path);
    }
  }
  removeTree(fs, runDir(journal.runId));
  if (fs.list(BACKUPS_DIR).length === 0) fs.removeDir(BACKUPS_DIR);
  fs.remove(JOURNAL_PATH);
}

/**
 * Deletes everything under `.trinity/` except the lock the caller holds: the backups and records
 * of every run (`uninstall --purge`). Not journaled, because it destroys what a rollback needs;
 * run it only after the uninstall itself has committed.
 */
export function purgeState(fs: FileSystem): void {
  for (const entry of fs.list(STATE_DIR)) {
    const path = projectPath(`${STATE_DIR}/${entry.name}`);
    if (path === LOCK_PATH) continue;
    if (entry.kind === "dir") removeTree(fs, path);
    else fs.remove(path);
  }
}

function removeTree(fs: FileSystem, dir: ProjectPath): void {
  for (const entry of fs.list(dir)) {
    const path = projectPath(`${dir}/${entry.name}`);
    if (entry.kind === "dir") removeTree(fs, path);
    else fs.remove(path);
  }
  fs.removeDir(dir);
}
