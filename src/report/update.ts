import type { UpdateResult } from "../commands/update.ts";
import { formatCounts, formatPlan } from "./plan.ts";
import type { Style } from "./style.ts";

/** The human summary of an update: versions, adoption moves, what changed, conflicts, next steps. */
export function formatUpdateSummary(result: UpdateResult, style: Style, options: { diff: boolean; verbose: boolean }): string {
  const lines: string[] = [style.bold(`trinity update — ${result.from} → ${result.to}`) + style.dim(`  (${result.root})`)];
  if (result.recovered) lines.push(style.yellow(`Repaired first: an interrupted ${result.recovered.command} (run ${result.recovered.runId}) was rolled back.`));
  if (result.adopted) {
    lines.push("", `Adopting a deployment of the original Trinity Method SDK ${result.adopted.version}:`);
    for (const move of result.adopted.moves) {
      lines.push(`  ${move.from} → ${move.to ?? style.dim("the run's backup")}  ${style.dim(`(${move.reason})`)}`);
    }
  }
  lines.push("");
  const shown = options.verbose ? result.operations : result.operations.filter((op) => op.action !== "unchanged");
  lines.push(`${result.dryRun ? "Plan" : "Done"}: ${formatCounts(result.operations, result.dryRun ? "plan" : "done")}`);
  const plan = formatPlan(shown, style, { diff: options.diff, all: options.verbose });
  if (plan !== "") lines.push(plan);
  if (result.dryRun) lines.push("", "Dry run: nothing was written.");
  if (result.conflicts > 0 && !result.dryRun) {
    lines.push(
      "",
      style.red(`${result.conflicts} file${result.conflicts === 1 ? "" : "s"} left in conflict.`),
      "Resolve each one (markers `<<<<<<<` … `>>>>>>>` in the file, or the `.trinity-new` and `.rej` files beside it),",
      "then run `trinity status`. `trinity rollback` undoes the whole update.",
    );
  }
  return `${lines.join("\n")}\n`;
}
