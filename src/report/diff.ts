import { createTwoFilesPatch } from "diff";
import type { FileOp } from "../plan/ops.ts";

/** A unified diff of one operation (disk before → after), or "" when nothing changes. */
export function formatDiff(op: FileOp): string {
  if (op.before === op.after) return "";
  const before = op.before === null ? "" : Buffer.from(op.before).toString("utf8");
  const after = op.after === null ? "" : Buffer.from(op.after).toString("utf8");
  if (before === after) return "";
  return createTwoFilesPatch(
    op.before === null ? "/dev/null" : `a/${op.path}`,
    op.after === null ? "/dev/null" : `b/${op.path}`,
    before,
    after,
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, "");
}
