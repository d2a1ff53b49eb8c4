import { ioError } from "../errors.ts";
import { ancestors, parentPath, projectPath, type ProjectPath } from "./path.ts";
import type { DirEntry, FileStat, FileSystem } from "./port.ts";

/**
 * An in-memory FileSystem for tests: a map of files and a set of directories, with the same
 * semantics as the real one (parents must exist, directory removal needs an empty directory).
 */
export class MemoryFileSystem implements FileSystem {
  readonly root: string;
  private readonly files = new Map<string, { data: Uint8Array; mode: number }>();
  private readonly dirs = new Set<string>();

  /** `files` maps project paths to contents; their parent directories are created implicitly. */
  constructor(files: Record<string, string | Uint8Array> = {}, root = "/memory/project") {
    this.root = root;
    for (const [path, content] of Object.entries(files)) {
      const p = projectPath(path);
      for (const dir of ancestors(p)) this.dirs.add(dir);
      this.files.set(p, { data: toBytes(content), mode: 0o644 });
    }
  }

  read(path: ProjectPath): Uint8Array | null {
    const file = this.files.get(path);
    return file ? file.data.slice() : null;
  }

  stat(path: ProjectPath): FileStat | null {
    const file = this.files.get(path);
    if (file) return { kind: "file", mode: file.mode, size: file.data.length };
    return this.dirs.has(path) ? { kind: "dir", mode: 0o755, size: 0 } : null;
  }

  list(dir?: ProjectPath): DirEntry[] {
    const prefix = dir === undefined ? "" : `${dir}/`;
    const entries = new Map<string, DirEntry["kind"]>();
    for (const path of this.files.keys()) {
      if (path.startsWith(prefix) && !path.slice(prefix.length).includes("/")) {
        entries.set(path.slice(prefix.length), "file");
      }
    }
    for (const path of this.dirs) {
      if (path.startsWith(prefix) && !path.slice(prefix.length).includes("/")) {
        entries.set(path.slice(prefix.length), "dir");
      }
    }
    return [...entries]
      .map(([name, kind]) => ({ name, kind }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  write(path: ProjectPath, data: Uint8Array, options: { mode?: number } = {}): void {
    this.requireParent(path, "write the file");
    if (this.dirs.has(path)) throw ioError("write the file", path, Object.assign(new Error(), { code: "EISDIR" }));
    const mode = options.mode ?? this.files.get(path)?.mode ?? 0o644;
    this.files.set(path, { data: data.slice(), mode });
  }

  mkdir(path: ProjectPath): void {
    if (this.dirs.has(path)) return;
    this.requireParent(path, "create the directory");
    if (this.files.has(path)) throw ioError("create the directory", path, Object.assign(new Error(), { code: "EEXIST" }));
    this.dirs.add(path);
  }

  remove(path: ProjectPath): void {
    this.files.delete(path);
  }

  removeDir(path: ProjectPath): void {
    if (!this.dirs.has(path)) return;
    if (this.list(path).length > 0) {
      throw ioError("remove the directory", path, new Error("directory not empty"));
    }
    this.dirs.delete(path);
  }

  createExclusive(path: ProjectPath, data: Uint8Array): boolean {
    if (this.files.has(path) || this.dirs.has(path)) return false;
    this.write(path, data);
    return true;
  }

  /** Every file and directory, for byte-exact comparisons in tests. Directories end with `/`. */
  snapshot(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const dir of [...this.dirs].sort()) result[`${dir}/`] = "";
    for (const [path, file] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      result[path] = Buffer.from(file.data).toString("base64");
    }
    return result;
  }

  private requireParent(path: ProjectPath, action: string): void {
    const parent = parentPath(path);
    if (parent !== null && !this.dirs.has(parent)) {
      throw ioError(action, path, Object.assign(new Error(`parent ${parent} missing`), { code: "ENOENT" }));
    }
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}
