import { changesDisk, type Action, type FileOp } from "../plan/ops.ts";
import { formatDiff } from "./diff.ts";
import type { Style } from "./style.ts";

/** Display order and wording of actions in plans and summaries. */
const ACTIONS: ReadonlyArray<{ action: Action; label: string }> = [
  { action: "create", label: "create" },
  { action: "update", label: "update" },
  { action: "remove", label: "remove" },
  { action: "merge", label: "merge" },
  { action: "conflict", label: "conflict" },
  { action: "adopt", label: "adopt" },
  { action: "skip", label: "skip" },
  { action: "keep", label: "keep" },
  { action: "unchanged", label: "unchanged" },
];

/** Counts of operations per action. */
export function countActions(ops: readonly FileOp[]): Record<Action, number> {
  const counts = Object.fromEntries(ACTIONS.map(({ action }) => [action, 0])) as Record<Action, number>;
  for (const op of ops) counts[op.action]++;
  return counts;
}

/** "12 to create, 2 to update, 1 skipped" — only the non-zero parts. */
export function formatCounts(ops: readonly FileOp[], tense: "plan" | "done"): string {
  const counts = countActions(ops);
  const words: Record<Action, [string, string]> = {
    create: ["to create", "created"],
    update: ["to update", "updated"],
    remove: ["to remove", "removed"],
    merge: ["to merge", "merged"],
    conflict: ["conflicting", "left in conflict"],
    adopt: ["to adopt", "adopted"],
    skip: ["skipped", "skipped"],
    keep: ["kept", "kept"],
    unchanged: ["unchanged", "unchanged"],
  };
  const parts = ACTIONS.filter(({ action }) => counts[action] > 0).map(
    ({ action }) => `${counts[action]} ${words[action][tense === "plan" ? 0 : 1]}`,
  );
  return parts.length === 0 ? "nothing to do" : parts.join(", ");
}

/**
 * The plan as lines: one per path that is created, updated, removed, adopted, skipped or kept
 * (unchanged paths are summarised unless `all`), optionally followed by diffs.
 */
export function formatPlan(ops: readonly FileOp[], style: Style, options: { diff?: boolean; all?: boolean } = {}): string {
  const width = Math.max(...ACTIONS.map(({ label }) => label.length));
  const colour = (action: Action) =>
    action === "create" || action === "adopt" ? style.green : action === "update" || action === "remove" || action === "merge" ? style.yellow : action === "conflict" ? style.red : action === "skip" || action === "keep" ? style.cyan : style.dim;
  const lines: string[] = [];
  for (const { action, label } of ACTIONS) {
    if (action === "unchanged" && !options.all) continue;
    for (const op of ops) {
      if (op.action !== action) continue;
      lines.push(`  ${colour(action)(label.padEnd(width))}  ${op.path}  ${style.dim(`(${op.reason})`)}`);
    }
  }
  const unchanged = ops.filter((op) => op.action === "unchanged").length;
  if (unchanged > 0 && !options.all) lines.push(style.dim(`  … and ${unchanged} unchanged`));
  if (options.diff) {
    for (const op of ops) {
      if (!changesDisk(op)) continue;
      const diff = formatDiff(op);
      if (diff !== "") lines.push("", diff.trimEnd());
    }
  }
  return lines.join("\n");
}
