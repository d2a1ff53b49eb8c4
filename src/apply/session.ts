import { randomBytes } from "node:crypto";
import { TrinityError } from "../errors.ts";
import { readOnly, type FileSystem } from "../fs/port.ts";
import { JOURNAL_PATH } from "../manifest/store.ts";
import { recoverInterruptedRun } from "./apply.ts";
import type { Journal } from "./journal.ts";
import { withLock } from "./lock.ts";

/** How a mutating command runs. */
export interface SessionOptions {
  /** The command's name, recorded in the lock and used in messages. */
  command: string;
  dryRun: boolean;
  now: Date;
  isAlive?: (pid: number) => boolean;
}

/**
 * The frame of every command that may write (deploy, update, uninstall, rollback). A dry run gets
 * a read-only view and takes no lock, so it cannot write by construction; it refuses to plan on
 * top of an interrupted run, whose half-applied files would make the plan a lie. A real run takes
 * the project lock and first rolls back an interrupted earlier run (handed to `work` so it can say
 * so). A lock that cannot be released after success becomes a warning on the result.
 */
export async function runSession<T extends { warnings: string[] }>(
  fs: FileSystem,
  options: SessionOptions,
  work: (fs: FileSystem, recovered: Journal | null) => Promise<T>,
): Promise<T> {
  if (options.dryRun) {
    if (fs.read(JOURNAL_PATH) !== null) {
      throw new TrinityError("lock-held", `${JOURNAL_PATH}: an interrupted trinity run has not been repaired yet`, {
        hint: `Run trinity ${options.command} without --dry-run: it rolls the interrupted run back first.`,
      });
    }
    return work(readOnly(fs), null);
  }
  const { value, releaseWarning } = await withLock(fs, options.command, options.now, options.isAlive, () => work(fs, recoverInterruptedRun(fs)));
  if (releaseWarning !== null) value.warnings.push(releaseWarning);
  return value;
}

/** A sortable, unique run identifier: `20261127T160706Z-3f9a1c`. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
