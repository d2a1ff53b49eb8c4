import type { Listing } from "../commands/list.ts";
import { label } from "../detect/types.ts";
import type { Style } from "./style.ts";

/** `trinity list` as text: agents by team, workflows, templates, stacks. */
export function formatListing(listing: Listing, style: Style): string {
  const lines: string[] = [];
  const stemWidth = Math.max(...listing.agents.map((a) => a.stem.length)) + 2;
  lines.push(style.bold(`Agents (${listing.agents.length} in ${listing.teams.length} teams)`));
  for (const team of listing.teams) {
    lines.push(`  ${style.cyan(team)}`);
    for (const agent of listing.agents.filter((a) => a.team === team)) {
      lines.push(`    ${agent.stem.padEnd(stemWidth)}${agent.persona}, ${agent.title}: ${agent.role}`);
    }
  }
  const nameWidth = Math.max(...listing.workflows.map((w) => w.invocation.length)) + 2;
  lines.push("", style.bold(`Workflows (${listing.workflows.length})`));
  for (const workflow of listing.workflows) {
    const hint = workflow.argumentHint ? ` ${style.dim(workflow.argumentHint)}` : "";
    lines.push(`  ${workflow.invocation.padEnd(nameWidth)}${workflow.description}${hint}`);
  }
  const { knowledgeBase, workOrders, investigations, documentation } = listing.templates;
  lines.push("", style.bold("Documents and templates"));
  lines.push(
    `  knowledge base (${knowledgeBase.length}): ${knowledgeBase.map((d) => (d.ownership === "user" ? `${d.name} (yours)` : d.name)).join(", ")}`,
    `  work orders (${workOrders.length}): ${workOrders.join(", ")}`,
    `  investigations (${investigations.length}): ${investigations.join(", ")}`,
    `  documentation (${documentation.length}): ${documentation.join(", ")}`,
  );
  lines.push("", style.bold("Stacks"));
  lines.push(`  detected: ${listing.stacks.detected.map(label).join(", ")}`);
  lines.push("  source-directory guidance:");
  for (const guidance of listing.stacks.guidance) lines.push(`    ${guidance.stack}`);
  lines.push("", style.bold("Linting (deploy --lint, --lint-tools) and CI (--ci)"));
  const idWidth = Math.max(...listing.tooling.lint.map((tool) => tool.id.length)) + 2;
  for (const tool of listing.tooling.lint) {
    const where = tool.ecosystems === null ? "any stack" : tool.ecosystems.map(label).join(", ");
    lines.push(`  ${tool.id.padEnd(idWidth)}${tool.description} ${style.dim(`(${where})`)}`);
  }
  lines.push(`  CI platforms: ${listing.tooling.ci.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
