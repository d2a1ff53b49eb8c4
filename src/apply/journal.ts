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

function journalProblem(value: unknown): string | null {
  if (!isObject(value)) return "the top level is not a JSON object";
  if (value.schemaVersion !== 1) return "schemaVersion is not 1";
  if (typeof value.runId !== "string" || !/^[\w.-]+$/.test(value.runId)) return "runId is not a run identifier";
  if (!["backing-up", "applying", "complete"].includes(value.phase as string)) return "phase is not known";
  for (const key of ["createdDirs", "removedDirs", "entries"] as const) {
    if (!Array.isArray(value[key])) return `${key} is not an array`;
  }
  for (const dir of [...(value.createdDirs as unknown[]), ...(value.removedDirs as unknown[])]) {
    if (typeof dir !== "string") return "a directory entry is not a path";
    projectPath(dir);
  }
  for (const entry of value.entries as unknown[]) {
    if (!isObject(entry) || typeof entry.path !== "string" || typeof entry.existed !== "boolean") return "an entry is malformed";
    projectPath(entry.path);
  }
  return null;
}
