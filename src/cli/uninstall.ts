import { uninstall, type UninstallRequest } from "../commands/uninstall.ts";
import { RealFileSystem } from "../fs/real.ts";
import { operationsJson } from "../report/json.ts";
import { formatCounts, formatPlan } from "../report/plan.ts";
import { formatUninstallSummary } from "../report/uninstall.ts";
import type { Command, CommandContext, CommandOutcome } from "./command.ts";
import { interruptible, PROJECT_DIR, projectRoot, requireDryRunForDiff } from "./project.ts";
import { prompts } from "./prompts.ts";

/** `trinity uninstall [DIR]`. */
export const uninstallCommand: Command = {
  name: "uninstall",
  summary: "remove what trinity wrote, keeping files you changed (unless --force)",
  usage: "trinity uninstall [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [
    { name: "dry-run", kind: "boolean", description: "show what would be removed; write nothing at all" },
    { name: "diff", kind: "boolean", description: "with --dry-run: also show the diffs" },
    { name: "force", kind: "boolean", description: "also remove the files, blocks and settings you changed (backups kept)" },
    { name: "purge", kind: "boolean", description: "also delete .trinity/ with every backup; the uninstall can then not be rolled back" },
  ],
  details: [
    "Removes trinity's files and managed blocks that are as trinity wrote them, and exactly the settings it added;",
    "your text, your keys and the files you changed stay (--force removes changed ones after a backup).",
    "The uninstall is journaled and backed up in .trinity/backups/, so `trinity rollback` undoes it, unless --purge.",
    "Exits 3 when the project has no trinity deployment.",
  ].join("\n"),
  run: runUninstall,
};

async function runUninstall({ io, args, global }: CommandContext): Promise<CommandOutcome> {
  const root = projectRoot(io, args);
  requireDryRunForDiff("uninstall", args);
  const request: UninstallRequest = { dryRun: args.flags["dry-run"] === true, force: args.flags.force === true, purge: args.flags.purge === true };
  return interruptible(io, async (isCancelled) => {
    const result = await uninstall(request, {
      fs: new RealFileSystem(root),
      now: () => new Date(),
      isCancelled,
      confirm:
        global.interactive && !request.dryRun
          ? async (plan) => {
              const ops = plan.ops.filter((op) => !op.internal);
              io.stderr(`\nPlan: ${formatCounts(ops, "plan")}\n${formatPlan(ops, global.stderrStyle)}\n\n`);
              if (request.purge) io.stderr(`${global.stderrStyle.yellow("--purge")} also deletes .trinity/ with every backup: this uninstall cannot be rolled back.\n\n`);
              // A purge destroys the backups, so it must be confirmed actively rather than by pressing Enter.
              return prompts.confirm(request.purge ? "Uninstall and delete every backup?" : "Uninstall trinity?", !request.purge);
            }
          : undefined,
    });
    return {
      exitCode: result.declined ? 1 : 0,
      text: formatUninstallSummary(result, global.style, { diff: args.flags.diff === true, verbose: global.verbose }),
      warnings: result.warnings,
      json: {
        dryRun: result.dryRun,
        root: result.root,
        projectName: result.projectName,
        operations: operationsJson(result.operations),
        purge: result.purge === null ? null : { runs: result.purge.runs, purged: result.purged },
        warnings: result.warnings,
        runId: result.runId,
        recovered: result.recovered ? { runId: result.recovered.runId, command: result.recovered.command } : null,
        declined: result.declined,
      },
    };
  });
}
