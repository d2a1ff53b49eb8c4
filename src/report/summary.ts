import type { DeployResult } from "../commands/deploy.ts";
import { ecosystemSummary, type Ecosystem } from "../detect/types.ts";
import { formatCounts, formatPlan } from "./plan.ts";
import type { Style } from "./style.ts";

/** The human summary of a deploy: stack, what was (or would be) written and skipped, and next steps. */
export function formatDeploySummary(result: DeployResult, style: Style, options: { diff: boolean; verbose: boolean }): string {
  if (result.declined) return "Cancelled: nothing was written.\n";
  const lines: string[] = [];
  const heading = result.dryRun ? "Dry run: nothing was written." : "Deployed.";
  lines.push(style.bold(`trinity deploy — ${result.options.projectName}`) + style.dim(`  (${result.root})`));
  if (result.recovered) {
    lines.push(style.yellow(`Repaired first: an interrupted ${result.recovered.command} (run ${result.recovered.runId}) was rolled back.`));
  }
  lines.push(...stackLines(result.stack.ecosystems, style));
  lines.push("");
  const ops = result.operations;
  if (result.dryRun) {
    lines.push(`Plan: ${formatCounts(ops, "plan")}`);
    const plan = formatPlan(ops, style, { diff: options.diff, all: options.verbose });
    if (plan !== "") lines.push(plan);
  } else {
    lines.push(`${heading} ${capitalise(formatCounts(ops, "done"))}.`);
    const shown = options.verbose ? ops : ops.filter((op) => op.action !== "create" && op.action !== "unchanged");
    const plan = formatPlan(shown, style, { diff: options.diff, all: options.verbose });
    if (plan !== "") lines.push(plan);
  }
  if (result.dryRun) lines.push("", heading);
  for (const note of result.notes) lines.push(style.dim(`Note: ${note}`));
  if (!result.dryRun) {
    lines.push("", style.bold("Next steps"));
    lines.push("  1. Review the new files (for example with `git status`) and commit them.");
    lines.push("  2. Open Claude Code in this project and run /trinity-init to fill in the knowledge base.");
    lines.push("  3. Start each working session with /trinity-start.");
  }
  return `${lines.join("\n")}\n`;
}

function stackLines(ecosystems: readonly Ecosystem[], style: Style): string[] {
  if (ecosystems.length === 0) return [`Stack: ${style.yellow("not detected")} (the guidance stays generic)`];
  return ecosystems.map((e) => `Stack: ${ecosystemSummary(e)}${e.path === "." ? "" : ` in ${e.path}`}`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
