import { applyOps } from "../apply/apply.ts";
import type { Journal } from "../apply/journal.ts";
import { newRunId, runSession } from "../apply/session.ts";
import { TrinityError } from "../errors.ts";
import type { FileSystem, ReadableFileSystem } from "../fs/port.ts";
import { BACKUPS_DIR } from "../manifest/store.ts";
import type { FileOp } from "../plan/ops.ts";
import { findRollbackTarget, planRollback, type RollbackPlan } from "../plan/rollback.ts";

/** Options of `trinity rollback`. */
export interface RollbackRequest {
  dryRun: boolean;
  /** Roll back even over files changed since the run (their current bytes are backed up first). */
  force: boolean;
}

/** What rollback needs from the outside world; tests pass in-memory and fixed versions. */
export interface RollbackDeps {
  fs: FileSystem;
  now: () => Date;
  /** Interactive confirmation of the plan; absent in non-interactive runs. */
  confirm?: (plan: RollbackPlan, target: Journal) => Promise<boolean>;
  isCancelled?: () => boolean;
  isAlive?: (pid: number) => boolean;
  newRunId?: (now: Date) => string;
}

export interface RollbackResult {
  root: string;
  dryRun: boolean;
  /** The run that was (or would be) undone. */
  target: { runId: string; command: string; startedAt: string };
  /** The project operations (trinity's own state under .trinity/ is left out). */
  operations: FileOp[];
  /** Paths changed since the target run whose later edits were discarded (--force; kept in this run's backup). */
  overwritten: string[];
  warnings: string[];
  /** The rollback's own run id once applied; its backups hold whatever it replaced. */
  runId: string | null;
  recovered: Journal | null;
  declined: boolean;
}

/**
 * Restores the state before the last deploy, update or uninstall from its backups (PRODUCT.md §2,
 * `rollback`), as one journaled run of its own. Refuses when that would discard edits made since
 * the run, unless --force (the applier then backs those edits up, so nothing is lost).
 */
export async function rollback(request: RollbackRequest, deps: RollbackDeps): Promise<RollbackResult> {
  const now = deps.now();
  return runSession(deps.fs, { command: "rollback", dryRun: request.dryRun, now, isAlive: deps.isAlive }, async (fs, recovered) => {
    const target = findRollbackTarget(fs);
    if (target === null) throw nothingToRollBack(fs);
    const runId = (deps.newRunId ?? newRunId)(now);
    const plan = planRollback({ fs, target, runId });
    if (plan.changed.length > 0 && !request.force) {
      throw new TrinityError("changed-since-run", `cannot roll back the ${target.command} run ${target.runId}: ${describeChanged(plan.changed)} changed since then: ${plan.changed.join(", ")}`, {
        hint: "Rolling back would discard those changes. Save them elsewhere first, or run `trinity rollback --force` (their current content is backed up before it is replaced).",
      });
    }
    const result: RollbackResult = {
      root: fs.root,
      dryRun: request.dryRun,
      target: { runId: target.runId, command: target.command, startedAt: target.startedAt },
      operations: plan.ops.filter((op) => !op.internal),
      overwritten: plan.changed,
      warnings: [...plan.warnings],
      runId: null,
      recovered,
      declined: false,
    };
    if (request.dryRun) return result;
    if (deps.confirm && !(await deps.confirm(plan, target))) return { ...result, declined: true };
    await applyOps(fs, plan.ops, { runId, command: "rollback", now, isCancelled: deps.isCancelled, removableDirs: plan.removableDirs });
    return { ...result, runId };
  });
}

function describeChanged(paths: readonly string[]): string {
  return paths.length === 1 ? "1 file" : `${paths.length} files`;
}

function nothingToRollBack(fs: ReadableFileSystem): TrinityError {
  const hasRecords = fs.list(BACKUPS_DIR).length > 0;
  return new TrinityError("nothing-to-roll-back", `${BACKUPS_DIR}: nothing to roll back`, {
    hint: hasRecords
      ? "Every deploy, update and uninstall recorded there has been rolled back already."
      : "No trinity deploy, update or uninstall has been recorded in this project (or `trinity uninstall --purge` removed the records).",
  });
}
