import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from "node:path";
import { ioError, TrinityError } from "../errors.ts";
import type { ProjectPath } from "./path.ts";
import type { DirEntry, FileStat, FileSystem } from "./port.ts";

let tempCounter = 0;

/**
 * The FileSystem port over the real disk, rooted at one project directory. Writes resolve symlinks
 * and refuse any target outside the (real) project root, so a symlinked CLAUDE.md is edited in
 * place while a link pointing out of the project is never followed.
 */
export class RealFileSystem implements FileSystem {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.realRoot = realpathSync(this.root);
  }

  read(path: ProjectPath): Uint8Array | null {
    const abs = this.abs(path);
    try {
      return readFileSync(abs);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return null;
      throw ioError("read the file", path, error);
    }
  }

  stat(path: ProjectPath): FileStat | null {
    try {
      const stats = statSync(this.abs(path));
      const kind = stats.isFile() ? "file" : stats.isDirectory() ? "dir" : "other";
      return { kind, mode: stats.mode & 0o7777, size: stats.size };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP") return null;
      throw ioError("inspect", path, error);
    }
  }

  list(dir?: ProjectPath): DirEntry[] {
    const abs = dir === undefined ? this.root : this.abs(dir);
    try {
      return readdirSync(abs, { withFileTypes: true })
        .map((entry) => ({
          name: entry.name,
          kind: entry.isFile()
            ? ("file" as const)
            : entry.isDirectory()
              ? ("dir" as const)
              : entry.isSymbolicLink()
                ? ("symlink" as const)
                : ("other" as const),
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "ENOTDIR") return [];
      throw ioError("list the directory", dir ?? ".", error);
    }
  }

  write(path: ProjectPath, data: Uint8Array, options: { mode?: number } = {}): void {
    const target = this.resolveForWrite(path);
    let mode = options.mode;
    if (mode === undefined) {
      try {
        mode = statSync(target).mode & 0o7777;
      } catch {
        mode = 0o644;
      }
    }
    const temp = join(dirname(target), `.${basename(target)}.trinity-${process.pid}-${++tempCounter}.tmp`);
    let fd: number | null = null;
    try {
      fd = openSync(temp, "wx", mode);
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      renameSync(temp, target);
      syncDirectory(dirname(target));
    } catch (error) {
      if (fd !== null) closeSync(fd);
      try {
        unlinkSync(temp);
      } catch {
        // the temp file was never created or is already renamed
      }
      throw ioError("write the file", path, error);
    }
  }

  mkdir(path: ProjectPath): void {
    const target = this.resolveForWrite(path);
    try {
      mkdirSync(target);
    } catch (error) {
      if ((error as { code?: string }).code === "EEXIST" && statSync(target).isDirectory()) return;
      throw ioError("create the directory", path, error);
    }
  }

  remove(path: ProjectPath): void {
    this.removeEntry(path, "remove the file", unlinkSync);
  }

  removeDir(path: ProjectPath): void {
    this.removeEntry(path, "remove the directory", rmdirSync);
  }

  createExclusive(path: ProjectPath, data: Uint8Array): boolean {
    const target = this.resolveForWrite(path);
    let fd: number;
    try {
      fd = openSync(target, "wx", 0o644);
    } catch (error) {
      if ((error as { code?: string }).code === "EEXIST") return false;
      throw ioError("create the file", path, error);
    }
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return true;
  }

  /**
   * Removes the entry at the path itself: a symbolic link is unlinked, never its target. The
   * parent directory must resolve inside the project.
   */
  private removeEntry(path: ProjectPath, action: string, remove: (abs: string) => void): void {
    if (!this.exists(path)) return;
    const abs = this.abs(path);
    const parent = this.resolveForWrite(path.includes("/") ? (path.slice(0, path.lastIndexOf("/")) as ProjectPath) : null);
    try {
      remove(join(parent, basename(abs)));
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return;
      throw ioError(action, path, error);
    }
  }

  /** True when something (even a broken link) is at the path itself. */
  private exists(path: ProjectPath): boolean {
    try {
      lstatSync(this.abs(path));
      return true;
    } catch {
      return false;
    }
  }

  private abs(path: ProjectPath): string {
    return join(this.root, ...path.split("/"));
  }

  /** The real location a write to `path` lands on, refusing anything outside the project. */
  private resolveForWrite(path: ProjectPath | null): string {
    if (path === null) return this.realRoot;
    const abs = this.abs(path);
    let target: string;
    let isLink = false;
    try {
      isLink = lstatSync(abs).isSymbolicLink();
    } catch {
      // absent: resolve through the parent below
    }
    try {
      target = isLink ? realpathSync(abs) : join(realpathSync(dirname(abs)), basename(abs));
    } catch (error) {
      if (isLink) {
        throw new TrinityError("unsafe-path", `${path}: refusing to write through a broken symbolic link`, {
          hint: "Remove the link or point it at a file inside the project.",
          cause: error,
        });
      }
      throw ioError("resolve the path", path, error);
    }
    const rel = relative(this.realRoot, target);
    if (rel === "" ? false : rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) {
      throw new TrinityError("unsafe-path", `${path}: refusing to write: it resolves to ${target}, outside the project`, {
        hint: "Replace the symbolic link with a regular file, or remove it.",
      });
    }
    return target;
  }
}

/** Makes a rename durable. Directories cannot be opened for fsync on Windows; there it is a no-op. */
function syncDirectory(dir: string): void {
  if (process.platform === "win32") return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // some file systems refuse directory fsync; the rename itself is still atomic
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
