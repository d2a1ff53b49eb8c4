import { TrinityError } from "../errors.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { basePath, JOURNAL_PATH, MANIFEST_PATH, readManifest, sha256 } from "../manifest/store.ts";
import { asFix, error, RESTORE, someFiles, warning, withoutPath, type Finding } from "./finding.ts";

const RESTORE_BASE = "restore .trinity/base/ from version control, or run `trinity deploy --force` to record it again; files you changed are backed up first";

/**
 * Manifest integrity: the deployment record parses; the base of every record is in the store and
 * still hashes to its name (the store is content-addressed, so that holds for every kind of record);
 * recorded files are on disk; no interrupted run is waiting to be rolled back. Returns the manifest (null when it is absent or unreadable) for the
 * checks that need it.
 */
export function checkManifest(fs: ReadableFileSystem): { manifest: Manifest | null; findings: Finding[] } {
  let manifest: Manifest | null;
  try {
    manifest = readManifest(fs);
  } catch (caught) {
    if (!(caught instanceof TrinityError)) throw caught;
    return { manifest: null, findings: [...journalFindings(fs), error(MANIFEST_PATH, withoutPath(caught.message, MANIFEST_PATH), asFix(caught.hint ?? "restore it from version control"))] };
  }
  if (manifest === null) return { manifest: null, findings: journalFindings(fs) };
  return { manifest, findings: [...journalFindings(fs), ...baseFindings(fs, manifest), ...deletedFindings(fs, manifest)] };
}

/** A journal left behind means a run was killed mid-way: until it is rolled back, files may be half-changed. */
function journalFindings(fs: ReadableFileSystem): Finding[] {
  if (fs.stat(JOURNAL_PATH) === null) return [];
  return [error(JOURNAL_PATH, "an interrupted trinity run has not been rolled back yet, so files may be half-changed", "run `trinity update`, which rolls the interrupted run back before anything else, then run doctor again")];
}

/** One finding per missing or corrupted base blob, naming the files it is the base of. */
function baseFindings(fs: ReadableFileSystem, manifest: Manifest): Finding[] {
  const bySha = new Map<string, string[]>();
  for (const record of manifest.files) bySha.set(record.sha256, [...(bySha.get(record.sha256) ?? []), record.path]);
  const findings: Finding[] = [];
  for (const [sha, paths] of bySha) {
    const blob = basePath(sha);
    const data = fs.read(blob);
    if (data === null) findings.push(error(blob, `missing: the merge base of ${someFiles(paths)}`, RESTORE_BASE));
    else if (sha256(data) !== sha) findings.push(error(blob, `corrupted: its content no longer matches its name (the merge base of ${someFiles(paths)})`, RESTORE_BASE));
  }
  return findings;
}

/** The problem of a recorded file that is gone. */
export const DELETED = "deleted";

/** Recorded files that are gone: allowed (the user may not want them), but update would bring them back. */
function deletedFindings(fs: ReadableFileSystem, manifest: Manifest): Finding[] {
  return manifest.files
    .filter((record) => fs.stat(projectPath(record.path)) === null)
    .map((record) => warning(record.path, DELETED, `leave it deleted, or ${RESTORE}`));
}
