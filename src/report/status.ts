import type { StatusEntry, StatusResult } from "../commands/status.ts";
import { hasDrift } from "../commands/status.ts";
import { formatDiff } from "./diff.ts";
import type { Style } from "./style.ts";

const DISK_WORDS: Record<StatusEntry["disk"], string> = { clean: "-", modified: "modified", deleted: "deleted", conflict: "conflict", new: "new" };

/**
 * `trinity status` as two columns, like chezmoi: what happened on disk since trinity wrote the
 * file, and what `trinity update` would do; then a summary line. Untouched, up-to-date files are
 * left out unless `all`.
 */
export function formatStatus(result: StatusResult, style: Style, options: { all: boolean }): string {
  const shown = result.entries.filter((entry) => options.all || entry.disk !== "clean" || entry.update !== "unchanged");
  const lines: string[] = [style.bold(`trinity status — deployed with ${result.deployedVersion}, this is ${result.version}`) + style.dim(`  (${result.root})`), ""];
  if (shown.length > 0) {
    lines.push(style.dim(`  ${"on disk".padEnd(10)}${"update".padEnd(12)}path`));
    for (const entry of shown) {
      const disk = DISK_WORDS[entry.disk];
      const colour = entry.disk === "conflict" ? style.red : entry.disk === "clean" || entry.disk === "new" ? style.dim : style.yellow;
      const update = entry.update + (entry.factsOnly ? "*" : "");
      lines.push(`  ${colour(disk.padEnd(10))}${update.padEnd(12)}${entry.path}`);
    }
    if (shown.some((entry) => entry.factsOnly)) lines.push(style.dim("  * only the facts change (new metrics); not drift for --check"));
    lines.push("");
  }
  const count = (predicate: (entry: StatusEntry) => boolean) => result.entries.filter(predicate).length;
  const changing = count((e) => ["create", "update", "remove", "merge", "conflict"].includes(e.update));
  lines.push(
    `${result.entries.length} managed files: ${count((e) => e.disk === "modified")} changed by you, ${count((e) => e.disk === "deleted")} deleted, ` +
      `${count((e) => e.disk === "conflict")} in conflict; an update would change ${changing} (${count((e) => e.factsOnly)} facts only).`,
  );
  lines.push(hasDrift(result.entries) ? "Drift: yes (`trinity diff` shows it; `trinity update` applies it)." : "Drift: none.");
  return `${lines.join("\n")}\n`;
}

/** `trinity diff`: the unified diff of every change `trinity update` would make. */
export function formatUpdateDiff(result: StatusResult): string {
  const diffs = result.operations.map(formatDiff).filter((diff) => diff !== "");
  return diffs.length === 0 ? "No differences: an update would change nothing.\n" : `${diffs.map((diff) => diff.trimEnd()).join("\n")}\n`;
}
