import { rollback, type RollbackRequest } from "../commands/rollback.ts";
import { RealFileSystem } from "../fs/real.ts";
import { operationsJson } from "../report/json.ts";
import { formatCounts, formatPlan } from "../report/plan.ts";
import { formatRollbackSummary } from "../report/rollback.ts";
import type { Command, CommandContext, CommandOutcome } from "./command.ts";
import { interruptible, PROJECT_DIR, projectRoot, requireDryRunForDiff } from "./project.ts";
import { prompts } from "./prompts.ts";

/** `trinity rollback [DIR]`. */
export const rollbackCommand: Command = {
  name: "rollback",
  summary: "restore the state before the last deploy, update or uninstall (from its backup)",
  usage: "trinity rollback [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [
    { name: "dry-run", kind: "boolean", description: "show what would be restored; write nothing at all" },
    { name: "diff", kind: "boolean", description: "with --dry-run: also show the diffs" },
    { name: "force", kind: "boolean", description: "roll back even over files changed since that run (their current content is backed up)" },
  ],
  details: [
    "Undoes the newest deploy, update or uninstall recorded in .trinity/backups/ that is not rolled back yet;",
    "run it again to undo the one before. Files the run created are removed, files it replaced or removed come back.",
    "Exits 3 when there is nothing to roll back, or when a file changed after that run (unless --force).",
  ].join("\n"),
  run: runRollback,
};

async function runRollback({ io, args, global }: CommandContext): Promise<CommandOutcome> {
  const root = projectRoot(io, args);
  requireDryRunForDiff("rollback", args);
  const request: RollbackRequest = { dryRun: args.flags["dry-run"] === true, force: args.flags.force === true };
  return interruptible(io, async (isCancelled) => {
    const result = await rollback(request, {
      fs: new RealFileSystem(root),
      now: () => new Date(),
      isCancelled,
      confirm:
        global.interactive && !request.dryRun
          ? async (plan, target) => {
              const ops = plan.ops.filter((op) => !op.internal);
              io.stderr(`\nRolling back the ${target.command} run ${target.runId}: ${formatCounts(ops, "plan")}\n${formatPlan(ops, global.stderrStyle)}\n\n`);
              return prompts.confirm("Roll back?", true);
            }
          : undefined,
    });
    return {
      exitCode: result.declined ? 1 : 0,
      text: formatRollbackSummary(result, global.style, { diff: args.flags.diff === true, verbose: global.verbose }),
      warnings: result.warnings,
      json: {
        dryRun: result.dryRun,
        root: result.root,
        rolledBack: result.target,
        operations: operationsJson(result.operations),
        overwritten: result.overwritten,
        warnings: result.warnings,
        runId: result.runId,
        recovered: result.recovered ? { runId: result.recovered.runId, command: result.recovered.command } : null,
        declined: result.declined,
      },
    };
  });
}
