import type { ScanResult } from "../commands/scan.ts";
import { ecosystemSummary, label } from "../detect/types.ts";
import type { Style } from "./style.ts";

/** `trinity scan` as text: the stack, then the metrics. */
export function formatScan(result: ScanResult, style: Style): string {
  const { stack, metrics } = result;
  const lines: string[] = [style.bold(`trinity scan — ${result.projectName}`) + style.dim(`  (${result.root})`), ""];
  lines.push(style.bold("Stack"));
  if (stack.ecosystems.length === 0) lines.push("  not detected");
  for (const e of stack.ecosystems) {
    lines.push(`  ${e.path === "." ? "." : e.path}: ${label(e.id)} — ${ecosystemSummary(e)}`);
    const detail = [
      e.sourceDirs.length > 0 ? `source ${e.sourceDirs.join(", ")}` : null,
      e.testDirs.length > 0 ? `tests ${e.testDirs.join(", ")}` : null,
      e.testFrameworks.length > 0 ? `test framework ${e.testFrameworks.map(label).join(", ")}` : null,
      e.moduleType ? label(e.moduleType) : null,
    ].filter(Boolean);
    if (detail.length > 0) lines.push(style.dim(`    ${detail.join("; ")}`));
  }
  lines.push(`  CI platform: ${stack.ciPlatform === "unknown" ? "unknown" : label(stack.ciPlatform)}`, "");
  lines.push(style.bold("Metrics"));
  const languages = Object.entries(metrics.languages)
    .sort(([, a], [, b]) => b.lines - a.lines)
    .map(([id, { files, lines: count }]) => `${label(id)} ${count.toLocaleString("en-US")} lines in ${files} files`);
  lines.push(`  ${metrics.files.toLocaleString("en-US")} source files, ${metrics.lines.toLocaleString("en-US")} lines (average ${metrics.averageFileLines})${languages.length > 0 ? `: ${languages.join("; ")}` : ""}`);
  lines.push(`  markers: ${metrics.todo} TODO, ${metrics.fixme} FIXME, ${metrics.hack} HACK, ${metrics.xxx} XXX`);
  lines.push(`  debug statements: ${metrics.debugStatements}; commented-out blocks: ${metrics.commentedBlocks}`);
  lines.push(`  files over 500 / 1000 / 3000 lines: ${metrics.filesOver500} / ${metrics.filesOver1000} / ${metrics.filesOver3000}`);
  lines.push(`  dependencies: ${metrics.dependencies} (+ ${metrics.devDependencies} for development)`);
  const git = metrics.git;
  lines.push(
    git.commits === null
      ? "  git: unknown (not a git repository)"
      : `  git: ${plural(git.commits, "commit")} by ${plural(git.contributors ?? 0, "contributor")}, ${git.firstCommit ?? "–"} to ${git.lastCommit ?? "–"}, branch ${git.branch ?? "–"}`,
  );
  const skipped = Object.entries(metrics.skipped).filter(([, count]) => count > 0);
  if (skipped.length > 0) lines.push(style.dim(`  left out: ${skipped.map(([reason, count]) => `${count} ${reason}`).join(", ")}`));
  if (metrics.largest.length > 0) {
    lines.push("", style.bold("Largest files"));
    for (const file of metrics.largest) lines.push(`  ${String(file.lines).padStart(7)}  ${file.path}`);
  }
  return `${lines.join("\n")}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
