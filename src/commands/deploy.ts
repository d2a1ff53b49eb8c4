import { basename } from "node:path";
import { applyOps } from "../apply/apply.ts";
import { newRunId, runSession } from "../apply/session.ts";
import type { Journal } from "../apply/journal.ts";
import { detectStack } from "../detect/index.ts";
import type { Stack } from "../detect/types.ts";
import { resolveCi, resolveLint, type LintRequest } from "../tooling/choices.ts";
import type { CiChoice, LintToolId } from "../tooling/tools.ts";
import { TrinityError } from "../errors.ts";
import type { FileSystem } from "../fs/port.ts";
import { detectLegacyDeployment } from "../plan/adopt.ts";
import { MANIFEST_SCHEMA_VERSION, type DeployOptions, type Manifest } from "../manifest/schema.ts";
import { MANIFEST_PATH, readManifest } from "../manifest/store.ts";
import { planChanges } from "../plan/changes.ts";
import type { FileOp, Plan } from "../plan/ops.ts";
import { planStateWrites } from "../plan/state.ts";
import type { Metrics } from "../metrics/scan.ts";
import { renderProject } from "./render.ts";
import type { TemplateSource } from "../templates/source.ts";

/** Options of `trinity deploy`; undefined means "not given" (a re-deploy then keeps the previous choice). */
export interface DeployRequest {
  name?: string;
  dryRun: boolean;
  force: boolean;
  skipAudit: boolean;
  ciDeploy: boolean;
  /** `--ci`: the CI platform, overriding the git remote (implies --ci-deploy). */
  ci?: CiChoice;
  /** `--lint` (recommended tools), `--no-lint`, `--lint-tools a,b`; undefined: not given. */
  lint?: LintRequest;
  commandFormat?: "skills" | "commands";
  gitignore?: "shared" | "private";
}

/** The answers of the interactive questions, asked once detection has supplied the defaults. */
export interface DeployAnswers {
  name: string;
  /** The lint tools to set up (empty: none). */
  lint: LintToolId[];
  /** The CI platform to write workflows for (null: none). */
  ci: CiChoice | null;
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
  return runSession(deps.fs, { command: "deploy", dryRun: request.dryRun, now, isAlive: deps.isAlive }, (fs, recovered) =>
    deployLocked(request, deps, fs, now, recovered),
  );
}

async function deployLocked(request: DeployRequest, deps: DeployDeps, fs: FileSystem, now: Date, recovered: Journal | null): Promise<DeployResult> {
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
    lint: resolveLint(request.lint, detection.stack.ecosystems, previous?.options.lint),
    ci: resolveCi(request.ci, request.ciDeploy, detection.stack.ciPlatform, previous?.options.ci),
  };
  const answers = deps.ask ? await deps.ask(defaults, { stack: detection.stack }) : defaults;
  const options: DeployOptions = {
    projectName: answers.name,
    commandFormat: request.commandFormat ?? previous?.options.commandFormat ?? "skills",
    gitignore: request.gitignore ?? previous?.options.gitignore ?? "shared",
    skipAudit: request.skipAudit,
    ciDeploy: answers.ci !== null,
    lint: answers.lint,
    ci: answers.ci,
    templates: deps.templates.origin,
  };
  const notes: string[] = [];
  if (answers.ci === "generic" && request.ci === undefined) notes.push("CI: no GitHub or GitLab remote was found, so only the generic reference was written (.claude/trinity/templates/ci/generic-ci.yml); `--ci github` or `--ci gitlab` writes a pipeline");

  const deployDate = previous?.deployDate ?? isoDate(now);
  const { metrics, desired, notes: toolingNotes } = await renderProject({
    fs,
    options,
    deployDate,
    previous,
    templates: deps.templates,
    version: deps.version,
    today: isoDate(now),
    git: deps.git,
    onScanProgress: deps.onScanProgress,
    detection,
  });
  notes.push(...toolingNotes);
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
  const legacy = detectLegacyDeployment(fs);
  if (legacy !== null) {
    const marker = legacy === "2.0" ? "trinity/VERSION" : ".claude/trinity/VERSION";
    throw new TrinityError("legacy-deployment", `${marker}: this project has a deployment made by the original Trinity Method SDK ${legacy}`, {
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

/** YYYY-MM-DD in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export { newRunId };
