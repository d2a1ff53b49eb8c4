import { hostname } from "node:os";
import { TrinityError } from "../errors.ts";
import { decodeText, encodeText, type FileSystem } from "../fs/port.ts";
import { isObject, parseJson } from "../formats/parse.ts";
import { LOCK_PATH, STATE_DIR } from "../manifest/store.ts";

/** The content of `.trinity/lock`: who holds it, so a stale lock can be told from a live one. */
interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/** A held lock; release() frees it (and removes `.trinity/` again if the run left it empty). */
export interface Lock {
  release(): void;
}

/** True when a process with that id exists on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * Takes the project lock so that two trinity runs never write the same project at once. A lock
 * left by a process that no longer exists (a crash, a kill -9) is stale and is taken over; the
 * interrupted run's journal is then repaired by the caller.
 */
export function acquireLock(
  fs: FileSystem,
  command: string,
  now: Date,
  isAlive: (pid: number) => boolean = processAlive,
): Lock {
  const createdStateDir = fs.stat(STATE_DIR) === null;
  fs.mkdir(STATE_DIR);
  try {
    return takeLock(fs, command, now, isAlive);
  } catch (error) {
    if (createdStateDir && fs.list(STATE_DIR).length === 0) fs.removeDir(STATE_DIR);
    throw error;
  }
}

function takeLock(fs: FileSystem, command: string, now: Date, isAlive: (pid: number) => boolean): Lock {
  const owner: LockOwner = { pid: process.pid, host: hostname(), command, startedAt: now.toISOString() };
  const content = encodeText(`${JSON.stringify(owner)}\n`);
  if (!fs.createExclusive(LOCK_PATH, content)) {
    const holder = readOwner(fs);
    const stale = holder !== null && holder.host === owner.host && !isAlive(holder.pid);
    if (stale) fs.remove(LOCK_PATH);
    if (!stale || !fs.createExclusive(LOCK_PATH, content)) {
      const who = holder ? `trinity ${holder.command} (process ${holder.pid} on ${holder.host}, started ${holder.startedAt})` : "another trinity run";
      throw new TrinityError("lock-held", `${LOCK_PATH}: ${who} is working on this project`, {
        hint: `Wait for it to finish. If no trinity process is running, delete ${LOCK_PATH} and run again.`,
      });
    }
  }
  return {
    release() {
      fs.remove(LOCK_PATH);
      if (fs.list(STATE_DIR).length === 0) fs.removeDir(STATE_DIR);
    },
  };
}

function readOwner(fs: FileSystem): LockOwner | null {
  const data = fs.read(LOCK_PATH);
  if (data === null) return null;
  let parsed;
  try {
    parsed = parseJson(decodeText(LOCK_PATH, data));
  } catch {
    return null;
  }
  if (!parsed.ok || !isObject(parsed.value)) return null;
  const { pid, host, command, startedAt } = parsed.value;
  if (typeof pid !== "number" || typeof host !== "string") return null;
  return { pid, host, command: String(command), startedAt: String(startedAt) };
}

/**
 * Runs `work` while holding the project lock. A failure to release after success is not an error
 * of the run (the work is done, and the next run takes a stale lock over); it comes back as a
 * warning instead.
 */
export async function withLock<T>(
  fs: FileSystem,
  command: string,
  now: Date,
  isAlive: ((pid: number) => boolean) | undefined,
  work: () => Promise<T>,
): Promise<{ value: T; releaseWarning: string | null }> {
  const lock = acquireLock(fs, command, now, isAlive);
  let value: T;
  try {
    value = await work();
  } catch (error) {
    try {
      lock.release();
    } catch {
      // the run's own error is the one to report
    }
    throw error;
  }
  try {
    lock.release();
    return { value, releaseWarning: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { value, releaseWarning: `${reason}; the next trinity run takes the stale lock over` };
  }
}
