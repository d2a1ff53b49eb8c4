import type { RollbackResult } from "../commands/rollback.ts";
import { runDir } from "../apply/journal.ts";
import { changesDisk } from "../plan/ops.ts";
import { formatCounts, formatPlan } from "./plan.ts";
import type { Style } from "./style.ts";

/** The human summary of a rollback: which run it undoes, what it restores and removes, and where its own backup is. */
export function formatRollbackSummary(result: RollbackResult, style: Style, options: { diff: boolean; verbose: boolean }): string {
  if (result.declined) return "Cancelled: nothing was written.\n";
  const lines = [style.bold("trinity rollback") + style.dim(`  (${result.root})`)];
  if (result.recovered) {
    lines.push(style.yellow(`Repaired first: an interrupted ${result.recovered.command} (run ${result.recovered.runId}) was rolled back.`));
  }
  const { command, runId, startedAt } = result.target;
  const run = `the ${command} run ${runId} (started ${startedAt})`;
  lines.push("");
  const ops = result.operations;
  // A run that only rewrote trinity's records (a re-deploy with nothing new) changes no project file back.
  const counts = ops.some(changesDisk) ? formatCounts(ops, result.dryRun ? "plan" : "done") : "no project file changes, only trinity's own records";
  lines.push(result.dryRun ? `Would roll back ${run}. Plan: ${counts}` : `Rolled back ${run}. ${capitalise(counts)}.`);
  const plan = formatPlan(ops, style, { diff: options.diff, all: options.verbose });
  if (plan !== "") lines.push(plan);
  lines.push("");
  if (result.dryRun) {
    lines.push("Dry run: nothing was written.");
  } else if (result.runId !== null) {
    const backup = `${runDir(result.runId)}/`;
    lines.push(
      result.overwritten.length > 0
        ? `Your later changes to ${result.overwritten.length} file${result.overwritten.length === 1 ? "" : "s"} are kept in ${backup}files/.`
        : `Whatever the rollback replaced is backed up in ${backup}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
