import { ioError } from "../errors.ts";
import type { ProjectPath } from "./path.ts";
import type { FileSystem } from "./port.ts";

/**
 * A FileSystem wrapper for fault-injection tests. It counts mutating calls and, at the chosen one,
 * either fails that call once (`mode: "fail"`, as a full disk would) or dies (`mode: "crash"`:
 * that call and every later one, reads included, throw — as if the process had been killed, so
 * nothing the run tries afterwards reaches the disk).
 */
export class FaultyFileSystem implements FileSystem {
  readonly root: string;
  /** Mutating calls seen so far (including the failed one). */
  writes = 0;
  private dead = false;

  constructor(
    private readonly inner: FileSystem,
    private readonly failAt: number,
    private readonly mode: "fail" | "crash" = "fail",
  ) {
    this.root = inner.root;
  }

  read(path: ProjectPath): Uint8Array | null {
    this.checkAlive(path);
    return this.inner.read(path);
  }
  stat(path: ProjectPath) {
    this.checkAlive(path);
    return this.inner.stat(path);
  }
  list(dir?: ProjectPath) {
    this.checkAlive(dir ?? ".");
    return this.inner.list(dir);
  }
  write(path: ProjectPath, data: Uint8Array, options?: { mode?: number }): void {
    this.mutation(path);
    this.inner.write(path, data, options);
  }
  mkdir(path: ProjectPath): void {
    this.mutation(path);
    this.inner.mkdir(path);
  }
  remove(path: ProjectPath): void {
    this.mutation(path);
    this.inner.remove(path);
  }
  removeDir(path: ProjectPath): void {
    this.mutation(path);
    this.inner.removeDir(path);
  }
  createExclusive(path: ProjectPath, data: Uint8Array): boolean {
    this.mutation(path);
    return this.inner.createExclusive(path, data);
  }

  private mutation(path: string): void {
    this.checkAlive(path);
    this.writes++;
    if (this.writes === this.failAt) {
      if (this.mode === "crash") this.dead = true;
      throw ioError("write", path, Object.assign(new Error("injected fault"), { code: "EIO" }));
    }
  }

  private checkAlive(path: string): void {
    if (this.dead) throw ioError("access", path, new Error("process is gone (simulated crash)"));
  }
}
