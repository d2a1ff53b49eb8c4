import { TrinityError } from "../errors.ts";
import type { ProjectPath } from "./path.ts";

/** What a path is, following symlinks. */
export interface FileStat {
  kind: "file" | "dir" | "other";
  /** Permission bits (e.g. 0o644); 0 where the platform has none. */
  mode: number;
  size: number;
}

/** One entry of a directory listing (not following symlinks). */
export interface DirEntry {
  name: string;
  kind: "file" | "dir" | "symlink" | "other";
}

/**
 * The read side of the FileSystem port. Planners, status, diff and doctor only ever receive this,
 * so they cannot write by construction. Paths are project-relative; `list()` without an argument
 * lists the project root.
 */
export interface ReadableFileSystem {
  /** Absolute path of the project root, for messages and for spawning tools in it. */
  readonly root: string;
  /** The bytes of a file, or null when nothing (or a directory) is there. */
  read(path: ProjectPath): Uint8Array | null;
  stat(path: ProjectPath): FileStat | null;
  /** Entries of a directory, sorted by name; empty when the directory does not exist. */
  list(dir?: ProjectPath): DirEntry[];
}

/**
 * The write side. Only the applier (src/apply/) and the lock use it. Every write is atomic: a
 * reader sees the old bytes or the new bytes, never a mix.
 */
export interface FileSystem extends ReadableFileSystem {
  /** Atomically replaces (or creates) a file; the parent directory must exist. Keeps an existing file's mode. */
  write(path: ProjectPath, data: Uint8Array, options?: { mode?: number }): void;
  /** Creates one directory; its parent must exist. No-op when it exists. */
  mkdir(path: ProjectPath): void;
  /** Removes a file; no-op when absent. */
  remove(path: ProjectPath): void;
  /** Removes an empty directory; no-op when absent. */
  removeDir(path: ProjectPath): void;
  /** Creates a file only if nothing is there; returns false when something already is. */
  createExclusive(path: ProjectPath, data: Uint8Array): boolean;
}

/** Wraps a file system so that every write throws: the guarantee behind --dry-run, status and diff. */
export function readOnly(fs: ReadableFileSystem): FileSystem {
  const refuse = (action: string, path: string): never => {
    throw new TrinityError("internal", `${path}: attempted to ${action} in a read-only run`);
  };
  return {
    root: fs.root,
    read: (path) => fs.read(path),
    stat: (path) => fs.stat(path),
    list: (dir) => fs.list(dir),
    write: (path) => refuse("write", path),
    mkdir: (path) => refuse("create a directory", path),
    remove: (path) => refuse("remove", path),
    removeDir: (path) => refuse("remove a directory", path),
    createExclusive: (path) => refuse("create", path),
  };
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Decodes UTF-8 exactly (a BOM is kept as U+FEFF), so that encode(decode(x)) === x. */
export function decodeText(path: string, data: Uint8Array): string {
  try {
    return decoder.decode(data);
  } catch (cause) {
    throw new TrinityError("invalid-input", `${path}: cannot edit the file: it is not UTF-8 text`, {
      hint: "Convert it to UTF-8, or move it aside and run trinity again.",
      cause,
    });
  }
}

/** Encodes text as UTF-8. */
export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Reads a file as UTF-8 text, or null when absent. */
export function readText(fs: ReadableFileSystem, path: ProjectPath): string | null {
  const data = fs.read(path);
  return data === null ? null : decodeText(path, data);
}

/** True when two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
