import type { ProjectPath } from "../fs/path.ts";
import type { FileRecord } from "../manifest/schema.ts";

/**
 * What a run does to one path:
 * - `create`, `update`, `remove` change the disk; so do `merge` (both sides' changes combined)
 *   and `conflict` (markers written into the file; or, rej style, the file left as it is);
 * - `unchanged` (already as desired), `adopt` (already as desired, now recorded), `skip` (left alone,
 *   with the reason), `keep` (left alone on purpose, e.g. a user-changed orphan) do not.
 */
export type Action = "create" | "update" | "remove" | "merge" | "conflict" | "unchanged" | "adopt" | "skip" | "keep";

/** One planned operation. Plans are data: dry-run, status and diff only format them. */
export interface FileOp {
  action: Action;
  path: ProjectPath;
  /** Why, in a few words, for the user. */
  reason: string;
  /** The bytes on disk before the run (null: absent). */
  before: Uint8Array | null;
  /** The bytes on disk after the run (null: absent). Equal to `before` unless the action writes. */
  after: Uint8Array | null;
  /** What the manifest records for this path after the run; null: not recorded. */
  record: FileRecord | null;
  /** The base content to keep in the base store for `record`. */
  base: string | null;
  /** Trinity's own state under .trinity/ (manifest, base store): applied, but not shown as project changes. */
  internal: boolean;
  /** Permission bits to give the written file (rollback restores the recorded mode); absent: keep the file's mode, 0644 for a new file. */
  mode?: number;
}

/** The outcome of planning: the operations, in apply order, and anything worth telling the user. */
export interface Plan {
  ops: FileOp[];
  warnings: string[];
}

/** True when applying the op changes the disk. */
export function changesDisk(op: FileOp): boolean {
  if (op.action === "conflict") return op.after !== op.before;
  return op.action === "create" || op.action === "update" || op.action === "remove" || op.action === "merge";
}
