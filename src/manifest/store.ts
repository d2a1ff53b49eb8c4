import { createHash } from "node:crypto";
import { TrinityError } from "../errors.ts";
import { describeParseFailure, parseJson } from "../formats/parse.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { decodeText, type ReadableFileSystem } from "../fs/port.ts";
import { manifestProblem, type Manifest } from "./schema.ts";

/** Where trinity keeps its machine state inside a project. */
export const STATE_DIR = projectPath(".trinity");
export const MANIFEST_PATH = projectPath(".trinity/manifest.json");
export const BASE_DIR = projectPath(".trinity/base");
export const BACKUPS_DIR = projectPath(".trinity/backups");
export const LOCK_PATH = projectPath(".trinity/lock");
export const JOURNAL_PATH = projectPath(".trinity/journal.json");

/** Hex sha256 of bytes or UTF-8 text. */
export function sha256(content: Uint8Array | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The base-store path of a content hash (content-addressed: identical bases are stored once). */
export function basePath(hash: string): ProjectPath {
  return projectPath(`${BASE_DIR}/${hash.slice(0, 2)}/${hash}`);
}

/** Reads a base by its hash; null when the store does not have it. */
export function readBase(fs: ReadableFileSystem, hash: string): string | null {
  const data = fs.read(basePath(hash));
  return data === null ? null : decodeText(basePath(hash), data);
}

/**
 * Reads and validates `.trinity/manifest.json`; null when the project has none. A manifest that
 * does not parse or has the wrong shape is an error naming the file and the problem: trinity
 * cannot tell the user's edits from its own without it, so it never guesses.
 */
export function readManifest(fs: ReadableFileSystem): Manifest | null {
  const data = fs.read(MANIFEST_PATH);
  if (data === null) return null;
  const parsed = parseJson(decodeText(MANIFEST_PATH, data));
  const problem = parsed.ok ? manifestProblem(parsed.value) : `not valid JSON (${describeParseFailure(parsed)})`;
  if (problem !== null) {
    throw new TrinityError("invalid-input", `${MANIFEST_PATH}: cannot read the deployment record: ${problem}`, {
      hint: "Restore the file from version control, or run `trinity deploy --force` to re-deploy (changed files are backed up).",
    });
  }
  return (parsed as { value: Manifest }).value;
}

/** The manifest as written to disk: stable key order, files sorted by path, 2-space JSON. */
export function serializeManifest(manifest: Manifest): string {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ ...manifest, files }, null, 2)}\n`;
}
