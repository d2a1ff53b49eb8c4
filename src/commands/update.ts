import { applyOps } from "../apply/apply.ts";
import type { Journal } from "../apply/journal.ts";
import { newRunId, runSession } from "../apply/session.ts";
import { basename } from "node:path";
import { detectStack } from "../detect/index.ts";
import type { Stack } from "../detect/types.ts";
import { TrinityError } from "../errors.ts";
import type { FileSystem, ReadableFileSystem } from "../fs/port.ts";
import { MANIFEST_SCHEMA_VERSION, type DeployOptions, type Manifest } from "../manifest/schema.ts";
import { MANIFEST_PATH, readManifest } from "../manifest/store.ts";
import type { Metrics } from "../metrics/scan.ts";
import { detectLegacyDeployment, planAdoption, type Move } from "../plan/adopt.ts";
import { planChanges, type ConflictStyle } from "../plan/changes.ts";
import type { FileOp } from "../plan/ops.ts";
import { composeOps, overlay } from "../plan/overlay.ts";
import { planStateWrites } from "../plan/state.ts";
import type { TemplateSource } from "../templates/source.ts";
import { isoDate } from "./deploy.ts";
import { renderProject } from "./render.ts";

export interface UpdateRequest {
  dryRun: boolean;
  force: boolean;
  conflict: ConflictStyle;
  skipAudit: boolean;
}

/** What update needs from the outside world; tests pass in-memory and fixed versions. */
export interface UpdateDeps {
  fs: FileSystem;
  templates: TemplateSource;
  version: string;
  now: () => Date;
  git: boolean;
  isCancelled?: () => boolean;
  isAlive?: (pid: number) => boolean;
  newRunId?: (now: Date) => string;
  onScanProgress?: (done: number, total: number) => void;
}

export interface UpdateResult {
  root: string;
  dryRun: boolean;
  /** The version the deployment had before (the legacy SDK's when adopting). */
  from: string;
  to: string;
  stack: Stack;
  metrics: Metrics | null;
  operations: FileOp[];
  /** Files moved or backed up while adopting a deployment of the original SDK. */
  adopted: { version: string; moves: Move[] } | null;
  conflicts: number;
  warnings: string[];
  runId: string | null;
  recovered: Journal | null;
}

/** Upgrades a deployment to this version's templates, merging the user's edits (PRODUCT.md §2.2, §5). */
export async function update(request: UpdateRequest, deps: UpdateDeps): Promise<UpdateResult> {
  const now = deps.now();
  return runSession(deps.fs, { command: "update", dryRun: request.dryRun, now, isAlive: deps.isAlive }, async (fs, recovered) => {
    const planned = await planUpdate(fs, request, deps, now);
    const result: UpdateResult = { ...planned.result, recovered, dryRun: request.dryRun };
    if (request.dryRun) return result;
    const runId = (deps.newRunId ?? newRunId)(now);
    await applyOps(fs, planned.ops, { runId, command: "update", now, isCancelled: deps.isCancelled });
    return { ...result, runId };
  });
}

/** Everything update would do, without doing it: status and diff use this too. */
export async function planUpdate(
  fs: ReadableFileSystem,
  request: Omit<UpdateRequest, "dryRun">,
  deps: Omit<UpdateDeps, "fs">,
  now: Date,
  metricsOverride?: Metrics | null,
): Promise<{ result: Omit<UpdateResult, "recovered">; ops: FileOp[]; manifest: Manifest | null }> {
  const warnings: string[] = [];
  const legacy = detectLegacyDeployment(fs);
  const adoption = legacy === null ? null : planAdoption(fs, legacy);
  const previous = adoption === null ? readManifest(fs) : null;
  if (adoption === null && previous === null) {
    throw new TrinityError("not-deployed", `${MANIFEST_PATH}: this project has no trinity deployment`, { hint: "Run `trinity deploy` first." });
  }
  if (previous !== null && compareVersions(previous.trinityVersion, deps.version) > 0 && !request.force) {
    throw new TrinityError("newer-deployment", `${MANIFEST_PATH}: deployed by trinity ${previous.trinityVersion}, which is newer than this trinity (${deps.version})`, {
      hint: "Use trinity " + previous.trinityVersion + " or later, or run with --force to go back to this version's templates (changed files are backed up).",
    });
  }
  if (adoption !== null) warnings.push(...adoption.warnings);

  const view = adoption === null ? fs : overlay(fs, adoption.ops);
  const detected = detectStack(view);
  const options: DeployOptions = {
    projectName: previous?.options.projectName ?? detected.projectName ?? basename(fs.root),
    commandFormat: previous?.options.commandFormat ?? "skills",
    gitignore: previous?.options.gitignore ?? "shared",
    skipAudit: request.skipAudit,
    ciDeploy: previous?.options.ciDeploy ?? false,
    lint: previous?.options.lint ?? [],
    ci: previous?.options.ci ?? null,
    templates: deps.templates.origin,
  };
  const deployDate = previous?.deployDate ?? isoDate(now);
  const { detection, metrics, desired } = await renderProject({
    fs: view,
    options,
    deployDate,
    previous,
    templates: deps.templates,
    version: deps.version,
    today: isoDate(now),
    git: deps.git,
    onScanProgress: deps.onScanProgress,
    detection: detected,
    // --skip-audit keeps the facts of the last scan rather than erasing them from the documents.
    ...(metricsOverride !== undefined ? { metrics: metricsOverride } : request.skipAudit && previous?.metrics !== undefined ? { metrics: previous.metrics } : {}),
  });
  warnings.push(...detection.warnings);
  const plan = planChanges({
    desired,
    fs: view,
    previous,
    force: request.force,
    conflictStyle: request.conflict,
    addFactsBlocks: adoption !== null,
    versions: { base: previous?.trinityVersion ?? `the original SDK ${legacy}`, next: deps.version },
  });
  warnings.push(...plan.warnings);
  const projectOps = adoption === null ? plan.ops : composeOps(adoption.ops, plan.ops);
  const manifest: Omit<Manifest, "files"> = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    trinityVersion: deps.version,
    deployDate,
    lastRun: now.toISOString(),
    lastCommand: "update",
    options,
    stack: detection.stack,
    metrics,
  };
  const ops = [...projectOps, ...planStateWrites(fs, projectOps, manifest)];
  return {
    ops,
    manifest: previous,
    result: {
      root: fs.root,
      dryRun: false,
      from: previous?.trinityVersion ?? `the original SDK ${legacy}`,
      to: deps.version,
      stack: detection.stack,
      metrics,
      operations: projectOps,
      adopted: adoption === null ? null : { version: adoption.version, moves: adoption.moves },
      conflicts: projectOps.filter((op) => op.action === "conflict").length,
      warnings,
      runId: null,
    },
  };
}

/** Compares dotted versions numerically (1.10.0 > 1.9.0); pre-release suffixes compare as text. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.+-]/);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? "0", y[i] ?? "0"];
    const [m, n] = [Number(p), Number(q)];
    const order = Number.isInteger(m) && Number.isInteger(n) ? m - n : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}
