import type { UninstallResult } from "../commands/uninstall.ts";
import { BACKUPS_DIR, STATE_DIR } from "../manifest/store.ts";
import type { FileOp } from "../plan/ops.ts";
import { formatCounts, formatPlan } from "./plan.ts";
import type { Style } from "./style.ts";

/** The human summary of an uninstall: what was (or would be) removed, updated and kept, and how to undo it. */
export function formatUninstallSummary(result: UninstallResult, style: Style, options: { diff: boolean; verbose: boolean }): string {
  if (result.declined) return "Cancelled: nothing was written.\n";
  const name = result.projectName === null ? "" : ` — ${result.projectName}`;
  const lines = [style.bold(`trinity uninstall${name}`) + style.dim(`  (${result.root})`)];
  if (result.recovered) {
    lines.push(style.yellow(`Repaired first: an interrupted ${result.recovered.command} (run ${result.recovered.runId}) was rolled back.`));
  }
  lines.push("");
  const ops = result.operations;
  // Without a deployment only a purge of leftover state (an earlier uninstall's backups) gets this far.
  const leftovers = result.projectName === null;
  if (leftovers) lines.push(result.dryRun ? "Plan: delete trinity's leftover state" : "Deleted trinity's leftover state.");
  else lines.push(result.dryRun ? `Plan: ${formatCounts(ops, "plan")}` : `Uninstalled. ${capitalise(formatCounts(ops, "done"))}.`);
  const shown = result.purge === null ? ops : [...ops, purgeLine(result)];
  const plan = formatPlan(shown, style, { diff: options.diff, all: options.verbose });
  if (plan !== "") lines.push(plan);
  lines.push("");
  if (result.dryRun) {
    lines.push("Dry run: nothing was written.");
  } else if (result.purged) {
    lines.push(`${STATE_DIR}/ was removed with every backup (--purge): ${leftovers ? "the earlier runs" : "this uninstall"} cannot be rolled back.`);
  } else {
    if (ops.some((op) => op.action === "keep")) lines.push("Files that were kept are yours now; trinity no longer tracks them.");
    lines.push(`The backups are in ${BACKUPS_DIR}/: \`trinity rollback\` puts the deployment back; \`trinity uninstall --purge\` deletes them.`);
  }
  return `${lines.join("\n")}\n`;
}

/** `.trinity/` as a line of the plan (display only: the purge is not a journaled operation). */
function purgeLine(result: UninstallResult): FileOp {
  const runs = result.purge?.runs.length ?? 0;
  const backups = runs === 0 ? "trinity's state" : `trinity's state and the backups of ${runs} earlier run${runs === 1 ? "" : "s"}`;
  const reason = `--purge: ${backups}${result.operations.length > 0 ? " and of this uninstall" : ""}; this cannot be rolled back`;
  return { action: "remove", path: STATE_DIR, reason, before: null, after: null, record: null, base: null, internal: true };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
