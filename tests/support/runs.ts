import { rollback, type RollbackRequest, type RollbackResult } from "../../src/commands/rollback.ts";
import { uninstall, type UninstallRequest, type UninstallResult } from "../../src/commands/uninstall.ts";
import { MemoryFileSystem } from "../../src/fs/memory.ts";
import { projectPath } from "../../src/fs/path.ts";
import type { FileSystem } from "../../src/fs/port.ts";
import { FIXED_NOW } from "./deploy.ts";

let tick = 0;

/** A clock one minute further after the fixed deploy time per call, so later runs sort after earlier ones. */
function nextNow(): Date {
  return new Date(FIXED_NOW.getTime() + ++tick * 60_000);
}

/** Runs the uninstall API non-interactively, after the fixed deploy time, with no live lock holders. */
export function uninstallWith(fs: FileSystem, request: Partial<UninstallRequest> = {}, extra: { runId?: string } = {}): Promise<UninstallResult> {
  const now = nextNow();
  return uninstall(
    { dryRun: false, force: false, purge: false, ...request },
    { fs, now: () => now, isAlive: () => false, newRunId: () => extra.runId ?? `20260304T0506Z-uninstall${tick}` },
  );
}

/** Runs the rollback API non-interactively, after the fixed deploy time, with no live lock holders. */
export function rollbackWith(fs: FileSystem, request: Partial<RollbackRequest> = {}, extra: { runId?: string } = {}): Promise<RollbackResult> {
  const now = nextNow();
  return rollback(
    { dryRun: false, force: false, ...request },
    { fs, now: () => now, isAlive: () => false, newRunId: () => extra.runId ?? `20260304T0506Z-rollback${tick}` },
  );
}

/** An independent copy of an in-memory project (files and directories), to run the same scenario many times. */
export function copyOf(fs: MemoryFileSystem): MemoryFileSystem {
  const copy = new MemoryFileSystem({}, fs.root);
  for (const [path, content] of Object.entries(fs.snapshot())) {
    if (path.endsWith("/")) copy.mkdir(projectPath(path.slice(0, -1)));
    else copy.write(projectPath(path), Buffer.from(content, "base64"));
  }
  return copy;
}
