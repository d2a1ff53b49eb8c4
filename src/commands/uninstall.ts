import { applyOps, purgeState } from "../apply/apply.ts";
import type { Journal } from "../apply/journal.ts";
import { newRunId, runSession } from "../apply/session.ts";
import { TrinityError } from "../errors.ts";
import { projectPath } from "../fs/path.ts";
import type { FileSystem, ReadableFileSystem } from "../fs/port.ts";
import { BACKUPS_DIR, MANIFEST_PATH, readManifest, STATE_DIR } from "../manifest/store.ts";
import type { FileOp } from "../plan/ops.ts";
import { planUninstall, type PurgePlan, type UninstallPlan } from "../plan/uninstall.ts";

/** Options of `trinity uninstall`. */
export interface UninstallRequest {
  dryRun: boolean;
  /** Also remove files, blocks and settings the user changed (backed up first). */
  force: boolean;
  /** Afterwards delete `.trinity/` with every backup: the uninstall can then not be rolled back. */
  purge: boolean;
}

/** What uninstall needs from the outside world; tests pass in-memory and fixed versions. */
export interface UninstallDeps {
  fs: FileSystem;
  now: () => Date;
  /** Interactive confirmation of the plan; absent in non-interactive runs. */
  confirm?: (plan: UninstallPlan) => Promise<boolean>;
  isCancelled?: () => boolean;
  isAlive?: (pid: number) => boolean;
  newRunId?: (now: Date) => string;
}

export interface UninstallResult {
  root: string;
  dryRun: boolean;
  /** The project name of the removed deployment (null when only leftover state was purged). */
  projectName: string | null;
  /** The project operations (trinity's own state under .trinity/ is left out). */
  operations: FileOp[];
  /** What --purge deletes (or deleted); null without it. */
  purge: PurgePlan | null;
  /** True once .trinity/ is gone (a failed purge leaves a warning instead). */
  purged: boolean;
  warnings: string[];
  /** Set when the run changed the disk; `trinity rollback` undoes it (unless purged). */
  runId: string | null;
  recovered: Journal | null;
  declined: boolean;
}

/** Removes what trinity wrote and the user did not change (PRODUCT.md §2, `uninstall`). */
export async function uninstall(request: UninstallRequest, deps: UninstallDeps): Promise<UninstallResult> {
  const now = deps.now();
  return runSession(deps.fs, { command: "uninstall", dryRun: request.dryRun, now, isAlive: deps.isAlive }, async (fs, recovered) => {
    const manifest = readManifest(fs);
    if (manifest === null && !(request.purge && fs.stat(STATE_DIR) !== null && hasLeftovers(fs))) throw notDeployed(fs);
    const plan = planUninstall({ fs, manifest, force: request.force, purge: request.purge });
    const result: UninstallResult = {
      root: fs.root,
      dryRun: request.dryRun,
      projectName: manifest?.options.projectName ?? null,
      operations: plan.ops.filter((op) => !op.internal),
      purge: plan.purge,
      purged: false,
      warnings: [...plan.warnings],
      runId: null,
      recovered,
      declined: false,
    };
    if (request.dryRun) return result;
    if (deps.confirm && !(await deps.confirm(plan))) return { ...result, declined: true };
    let runId: string | null = null;
    if (manifest !== null) {
      runId = (deps.newRunId ?? newRunId)(now);
      await applyOps(fs, plan.ops, { runId, command: "uninstall", now, isCancelled: deps.isCancelled, removableDirs: plan.removableDirs });
    }
    if (!request.purge) return { ...result, runId };
    // The uninstall has committed; what follows only deletes backups, so a failure is reported, not undone.
    try {
      purgeState(fs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.warnings.push(`${reason}; trinity is uninstalled, but ${STATE_DIR}/ was not removed completely. Run \`trinity uninstall --purge\` again to finish.`);
      return { ...result, runId };
    }
    return { ...result, runId, purged: true };
  });
}

/** True when `.trinity/` holds something besides a lock: what a purge without a deployment removes. */
function hasLeftovers(fs: ReadableFileSystem): boolean {
  return fs.list(STATE_DIR).some((entry) => entry.name !== "lock");
}

function notDeployed(fs: ReadableFileSystem): TrinityError {
  const legacy = [projectPath("trinity/VERSION"), projectPath(".claude/trinity/VERSION")].find((path) => fs.stat(path)?.kind === "file");
  if (legacy !== undefined) {
    return new TrinityError("not-deployed", `${MANIFEST_PATH}: no trinity deployment to uninstall (${legacy} belongs to a deployment made by the original Trinity Method SDK)`, {
      hint: "Run `trinity update` to adopt that deployment first; uninstall can then remove it.",
    });
  }
  const backups = fs.list(BACKUPS_DIR).length > 0;
  return new TrinityError("not-deployed", `${MANIFEST_PATH}: no trinity deployment to uninstall`, {
    hint: backups
      ? "Trinity is not deployed here. `trinity rollback` restores the last deployment from .trinity/backups/; `trinity uninstall --purge` deletes those backups."
      : "Trinity is not deployed here; there is nothing to remove.",
  });
}
