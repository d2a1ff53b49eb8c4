import { TrinityError } from "../errors.ts";
import { decodeText, encodeText, type ReadableFileSystem } from "../fs/port.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { describeParseFailure, isObject, parseJson } from "../formats/parse.ts";
import { BACKUPS_DIR, JOURNAL_PATH } from "../manifest/store.ts";

/**
 * The crash-recovery journal (`.trinity/journal.json`). It is written before the first change and
 * lists everything the run will touch, so that a run interrupted at any point can be undone by
 * the next one. After success it is kept as the run record `.trinity/backups/<run>/run.json`,
 * which `rollback` uses.
 */
export interface Journal {
  schemaVersion: 1;
  runId: string;
  command: string;
  startedAt: string;
  /** `backing-up`: nothing changed yet. `applying`: changes may have been made. `complete`: the run record. */
  phase: "backing-up" | "applying" | "complete";
  /** Directories the run creates, outermost first (removed again on rollback when empty). */
  createdDirs: string[];
  /** Directories the run removed because they became empty (re-created on rollback). */
  removedDirs: string[];
  /** Every path the run writes or removes, and whether it existed before (its backup is under files/). */
  entries: JournalEntry[];
  /** On a run record: the run id of the `trinity rollback` that undid this run (it is never undone twice). */
  rolledBackBy?: string;
}

export interface JournalEntry {
  path: string;
  existed: boolean;
  /** The file's permission bits before the run, restored with it. */
  mode: number | null;
  /** sha256 of what the run left at the path (null: removed), so `rollback` can tell later edits. */
  afterSha256?: string | null;
}

/** The folder holding one run's backups and record. */
export function runDir(runId: string): ProjectPath {
  return projectPath(`${BACKUPS_DIR}/${runId}`);
}

/** Where a path's pre-run content is backed up. */
export function backupPath(runId: string, path: string): ProjectPath {
  return projectPath(`${runDir(runId)}/files/${path}`);
}

export function runRecordPath(runId: string): ProjectPath {
  return projectPath(`${runDir(runId)}/run.json`);
}

export function serializeJournal(journal: Journal): Uint8Array {
  return encodeText(`${JSON.stringify(journal, null, 2)}\n`);
}

/** Reads the journal of an interrupted run; null when there is none. */
export function readJournal(fs: ReadableFileSystem, path: ProjectPath = JOURNAL_PATH): Journal | null {
  const data = fs.read(path);
  if (data === null) return null;
  const parsed = parseJson(decodeText(path, data));
  const problem = parsed.ok ? journalProblem(parsed.value) : `not valid JSON (${describeParseFailure(parsed)})`;
  if (problem !== null) {
    throw new TrinityError("invalid-input", `${path}: cannot read the record of an interrupted run: ${problem}`, {
      hint: `Inspect the project (the backups are in ${BACKUPS_DIR}/), then delete ${path} and run again.`,
    });
  }
  return (parsed as { value: Journal }).value;
}

/**
 * Every complete run record under `.trinity/backups/`, oldest first (by start time, then run id).
 * A folder without a record is skipped (nothing there describes a finished run); a record that
 * cannot be read is an error naming it, because skipping it could make rollback undo the wrong run.
 */
export function readRunRecords(fs: ReadableFileSystem): Journal[] {
  const records: Journal[] = [];
  for (const entry of fs.list(BACKUPS_DIR)) {
    if (entry.kind !== "dir") continue;
    const path = projectPath(`${BACKUPS_DIR}/${entry.name}/run.json`);
    const data = fs.read(path);
    if (data === null) continue;
    const parsed = parseJson(decodeText(path, data));
    let problem = parsed.ok ? journalProblem(parsed.value) : `not valid JSON (${describeParseFailure(parsed)})`;
    if (problem === null) {
      const record = (parsed as { value: Journal }).value;
      if (record.phase !== "complete") problem = "the run is not marked complete";
      else if (record.runId !== entry.name) problem = `it names run ${record.runId}, not ${entry.name}`;
      else if (record.rolledBackBy !== undefined && typeof record.rolledBackBy !== "string") problem = "rolledBackBy is not a run identifier";
      else records.push(record);
    }
    if (problem !== null) {
      throw new TrinityError("invalid-input", `${path}: cannot read the record of run ${entry.name}: ${problem}`, {
        hint: "Restore the file (for example from another copy of the project); trinity needs every run record to tell which run came last.",
      });
    }
  }
  return records.sort((a, b) => (a.startedAt !== b.startedAt ? (a.startedAt < b.startedAt ? -1 : 1) : a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

function journalProblem(value: unknown): string | null {
  if (!isObject(value)) return "the top level is not a JSON object";
  if (value.schemaVersion !== 1) return "schemaVersion is not 1";
  if (typeof value.runId !== "string" || !/^[\w.-]+$/.test(value.runId)) return "runId is not a run identifier";
  if (!["backing-up", "applying", "complete"].includes(value.phase as string)) return "phase is not known";
  if (typeof value.command !== "string" || typeof value.startedAt !== "string") return "command or startedAt is not a string";
  for (const key of ["createdDirs", "removedDirs", "entries"] as const) {
    if (!Array.isArray(value[key])) return `${key} is not an array`;
  }
  for (const dir of [...(value.createdDirs as unknown[]), ...(value.removedDirs as unknown[])]) {
    if (typeof dir !== "string") return "a directory entry is not a path";
    projectPath(dir);
  }
  for (const entry of value.entries as unknown[]) {
    if (!isObject(entry) || typeof entry.path !== "string" || typeof entry.existed !== "boolean") return "an entry is malformed";
    if (entry.mode !== undefined && entry.mode !== null && typeof entry.mode !== "number") return `the mode of ${entry.path} is not a number`;
    const after = entry.afterSha256;
    if (after !== undefined && after !== null && (typeof after !== "string" || !/^[0-9a-f]{64}$/.test(after))) return `the afterSha256 of ${entry.path} is not a sha256 hex digest`;
    projectPath(entry.path);
  }
  return null;
}
