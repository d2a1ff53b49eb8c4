import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import { withLock } from "../apply/lock.ts";
import { applyOps, recoverInterruptedRun } from "../apply/apply.ts";
import type { Journal } from "../apply/journal.ts";
import { detectStack } from "../detect/index.ts";
import type { CiPlatform, Stack } from "../detect/types.ts";
import { TrinityError } from "../errors.ts";
import { projectPath } from "../fs/path.ts";
import { readOnly, type FileSystem } from "../fs/port.ts";
import { MANIFEST_SCHEMA_VERSION, type DeployOptions, type Manifest } from "../manifest/schema.ts";
import { JOURNAL_PATH, MANIFEST_PATH, readManifest } from "../manifest/store.ts";
import { scanMetrics, type Metrics } from "../metrics/scan.ts";
import { planChanges } from "../plan/changes.ts";
import { renderDesired } from "../plan/desired.ts";
import type { FileOp, Plan } from "../plan/ops.ts";
import { planStateWrites } from "../plan/state.ts";
import { buildContext } from "../templates/context.ts";
import { Renderer } from "../templates/render.ts";
import type { TemplateSource } from "../templates/source.ts";

/** Options of `trinity deploy`; undefined means "not given" (a re-deploy then keeps the previous choice). */
export interface DeployRequest {
  name?: string;
  dryRun: boolean;
  force: boolean;
  skipAudit: boolean;
  ciDeploy: boolean;
  commandFormat?: "skills" | "commands";
  gitignore?: "shared" | "private";
}

/** The answers of the interactive questions, asked once detection has supplied the defaults. */
export interface DeployAnswers {
  name: string;
  ciDeploy: boolean;
}

/** What deploy needs from the outside world; tests pass in-memory and fixed versions. */
export interface DeployDeps {
  fs: FileSystem;
  templates: TemplateSource;
  version: string;
  now: () => Date;
  /** Collect git facts with the git executable. */
  git: boolean;
  /** Interactive questions; absent in non-interactive runs (defaults are taken). */
  ask?: (defaults: DeployAnswers, facts: { stack: Stack }) => Promise<DeployAnswers>;
  /** Interactive confirmation of the plan; absent in non-interactive runs. */
  confirm?: (plan: Plan) => Promise<boolean>;
  isCancelled?: () => boolean;
  isAlive?: (pid: number) => boolean;
  /** Told how far the metrics scan is, for a progress indicator. */
  onScanProgress?: (done: number, total: number) => void;
  /** Run identifiers; tests make them deterministic. */
  newRunId?: (now: Date) => string;
}

export interface DeployResult {
  root: string;
  dryRun: boolean;
  stack: Stack;
  metrics: Metrics | null;
  /** The project operations (trinity's own state under .trinity/ is left out). */
  operations: FileOp[];
  warnings: string[];
  notes: string[];
  /** Set when the run changed the disk. */
  runId: string | null;
  /** An interrupted earlier run that was rolled back before this one started. */
  recovered: Journal | null;
  /** The user declined the plan at the confirmation prompt. */
  declined: boolean;
  options: DeployOptions;
}

/** Deploys the methodology into the project `deps.fs` is rooted at (PRODUCT.md §2.1). */
export async function deploy(request: DeployRequest, deps: DeployDeps): Promise<DeployResult> {
  const now = deps.now();
  const fs = request.dryRun ? readOnly(deps.fs) : deps.fs;
  if (request.dryRun) {
    if (fs.read(JOURNAL_PATH) !== null) {
      throw new TrinityError("lock-held", `${JOURNAL_PATH}: an interrupted trinity run has not been repaired yet`, {
        hint: "Run trinity deploy without --dry-run: it rolls the interrupted run back first.",
      });
    }
    return deployLocked(request, deps, fs, now);
  }
  const { value, releaseWarning } = await withLock(fs, "deploy", now, deps.isAlive, () => deployLocked(request, deps, fs, now));
  if (releaseWarning !== null) value.warnings.push(releaseWarning);
  return value;
}

async function deployLocked(request: DeployRequest, deps: DeployDeps, fs: FileSystem, now: Date): Promise<DeployResult> {
  const recovered: Journal | null = request.dryRun ? null : recoverInterruptedRun(fs);
  refuseLegacyDeployment(fs);
  const warnings: string[] = [];
  const previous = previousDeployment(fs, request.force, warnings);
  if (previous !== null && !request.force) {
    throw new TrinityError("already-deployed", `${MANIFEST_PATH}: this project already has a trinity deployment (version ${previous.trinityVersion}, deployed ${previous.deployDate})`, {
      hint: "Run `trinity update` to upgrade it, or `trinity deploy --force` to re-deploy (files you changed are backed up first).",
    });
  }

  const detection = detectStack(fs);
  warnings.push(...detection.warnings);
  const defaults: DeployAnswers = {
    name: request.name ?? previous?.options.projectName ?? detection.projectName ?? basename(fs.root),
    ciDeploy: request.ciDeploy,
  };
  const answers = deps.ask ? await deps.ask(defaults, { stack: detection.stack }) : defaults;
  const options: DeployOptions = {
    projectName: answers.name,
    commandFormat: request.commandFormat ?? previous?.options.commandFormat ?? "skills",
    gitignore: request.gitignore ?? previous?.options.gitignore ?? "shared",
    skipAudit: request.skipAudit,
    ciDeploy: answers.ciDeploy,
    templates: deps.templates.origin,
  };
  const notes: string[] = [];
  if (options.ciDeploy) notes.push(ciNote(detection.stack.ciPlatform));

  const managed = new Set((previous?.files ?? []).map((record) => record.path));
  const metrics = options.skipAudit
    ? null
    : await scanMetrics(fs, detection.stack, {
        managed,
        today: isoDate(now),
        git: deps.git,
        directories: [...new Set(detection.stack.ecosystems.flatMap((e) => [...e.sourceDirs, ...e.testDirs]))],
        onProgress: deps.onScanProgress,
      });
  const deployDate = previous?.deployDate ?? isoDate(now);
  const context = buildContext({
    projectName: options.projectName,
    version: deps.version,
    deployDate,
    commandFormat: options.commandFormat,
    gitignore: options.gitignore,
    coverageThreshold: 80,
    stack: detection.stack,
    metrics,
    ciChosen: false,
  });
  const desired = renderDesired(new Renderer(deps.templates), context);
  const plan = planChanges({
    desired,
    fs,
    previous,
    force: request.force,
    conflictStyle: "inline",
    versions: { base: previous?.trinityVersion ?? deps.version, next: deps.version },
  });
  warnings.push(...plan.warnings);
  const manifest: Omit<Manifest, "files"> = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    trinityVersion: deps.version,
    deployDate,
    lastRun: now.toISOString(),
    lastCommand: "deploy",
    options,
    stack: detection.stack,
    metrics,
  };
  const ops = [...plan.ops, ...planStateWrites(fs, plan.ops, manifest)];
  const result: DeployResult = {
    root: fs.root,
    dryRun: request.dryRun,
    stack: detection.stack,
    metrics,
    operations: plan.ops,
    warnings,
    notes,
    runId: null,
    recovered,
    declined: false,
    options,
  };
  if (request.dryRun) return result;
  if (deps.confirm && !(await deps.confirm(plan))) return { ...result, declined: true };
  const runId = (deps.newRunId ?? newRunId)(now);
  const applied = await applyOps(fs, ops, { runId, command: "deploy", now, isCancelled: deps.isCancelled });
  return { ...result, runId: applied.runId };
}

/**
 * The original npm SDK left `trinity/VERSION` (2.0) or `.claude/trinity/VERSION` without a
 * manifest (2.2). Deploying over it would collide with its files; update knows how to adopt it.
 */
function refuseLegacyDeployment(fs: FileSystem): void {
  const legacy = fs.stat(projectPath("trinity/VERSION"))?.kind === "file"
    ? "trinity/VERSION"
    : fs.stat(projectPath(".claude/trinity/VERSION"))?.kind === "file" && fs.stat(MANIFEST_PATH) === null
      ? ".claude/trinity/VERSION"
      : null;
  if (legacy !== null) {
    throw new TrinityError("legacy-deployment", `${legacy}: this project has a deployment made by the original Trinity Method SDK`, {
      hint: "Run `trinity update` to adopt it: your work moves into the current layout and nothing is lost.",
    });
  }
}

/** The recorded deployment. With --force an unreadable record is reported and ignored (every overwritten file is backed up). */
function previousDeployment(fs: FileSystem, force: boolean, warnings: string[]): Manifest | null {
  try {
    return readManifest(fs);
  } catch (error) {
    if (!force || !(error instanceof TrinityError)) throw error;
    warnings.push(`${error.message}; re-deploying as if nothing had been deployed (every file replaced is backed up)`);
    return null;
  }
}

function ciNote(platform: CiPlatform): string {
  const where = platform === "unknown" ? "no CI platform was recognised from the git remotes" : `the git remote points at ${platform}`;
  return `--ci-deploy: ${where}; this version of trinity has no CI templates yet, so no CI files were written`;
}

/** YYYY-MM-DD in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A sortable, unique run identifier: `20261127T160706Z-3f9a1c`. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
