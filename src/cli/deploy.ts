import { deploy, type DeployRequest, type DeployResult } from "../commands/deploy.ts";
import { TrinityError } from "../errors.ts";
import { RealFileSystem } from "../fs/real.ts";
import { operationsJson } from "../report/json.ts";
import { formatCounts, formatPlan } from "../report/plan.ts";
import { formatDeploySummary } from "../report/summary.ts";
import { VERSION } from "../version.ts";
import type { Command, CommandContext, CommandOutcome } from "./command.ts";
import { scanProgress } from "./progress.ts";
import { interruptible, PROJECT_DIR, projectRoot, requireDryRunForDiff, templateSource } from "./project.ts";
import { prompts } from "./prompts.ts";
import type { ParsedArgs } from "./args.ts";
import type { CiPlatform, Ecosystem } from "../detect/types.ts";
import { parseLintTools, type LintRequest } from "../tooling/choices.ts";
import { availableTools, CI_CHOICES, LINT_TOOL_IDS, recommendedTools, type CiChoice, type LintToolId } from "../tooling/tools.ts";
import type { Io } from "./io.ts";
import { registerProject, registryPath } from "../registry/projects.ts";

/** `trinity deploy [DIR]`. */
export const deployCommand: Command = {
  name: "deploy",
  summary: "install the methodology into DIR (default: the current directory)",
  usage: "trinity deploy [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [
    { name: "name", kind: "string", valueName: "NAME", description: "project name (default: from the main manifest, else the directory name)" },
    { name: "dry-run", kind: "boolean", description: "show what would be written; write nothing at all" },
    { name: "diff", kind: "boolean", description: "with --dry-run: also show the diffs" },
    { name: "force", kind: "boolean", description: "re-deploy over an existing deployment; replace files trinity did not write (backups kept)" },
    { name: "skip-audit", kind: "boolean", description: "skip the metrics scan (documents say the facts were not collected)" },
    { name: "lint", kind: "boolean", description: "set up the recommended linting tools for the detected stack" },
    { name: "no-lint", kind: "boolean", description: "set up no linting (the default without --lint)" },
    { name: "lint-tools", kind: "string", valueName: "TOOLS", description: `set up exactly these lint tools, comma-separated (${LINT_TOOL_IDS.join(", ")})` },
    { name: "ci-deploy", kind: "boolean", description: "write CI workflows for the platform of the git remote (GitHub Actions or GitLab CI; else a generic reference)" },
    { name: "ci", kind: "string", values: CI_CHOICES, valueName: "PLATFORM", description: "write CI workflows for this platform (implies --ci-deploy)" },
    { name: "command-format", kind: "string", values: ["skills", "commands"], valueName: "FORMAT", description: "workflows as skills (default) or legacy commands" },
    { name: "gitignore", kind: "string", values: ["shared", "private"], valueName: "MODE", description: "shared (default): commit the methodology; private: also ignore it" },
    { name: "templates", kind: "string", valueName: "DIR", directory: true, description: "render from this template directory instead of the built-in one" },
  ],
  details: [
    "Without --force, deploy refuses a project that already has a deployment (exit 3); use `trinity update` to upgrade it.",
    "Files trinity did not write are never overwritten without --force, and text outside trinity's managed blocks is never touched.",
    "Prompts appear only when stdin and stderr are terminals; otherwise deploy behaves as with --yes.",
  ].join("\n"),
  run: runDeploy,
};

async function runDeploy({ io, args, global }: CommandContext): Promise<CommandOutcome> {
  const root = projectRoot(io, args);
  requireDryRunForDiff("deploy", args);
  const name = args.flags.name as string | undefined;
  if (name !== undefined) {
    const problem = nameProblem(name);
    if (problem) throw new TrinityError("usage", `deploy: --name ${JSON.stringify(name)}: ${problem}`);
  }
  const request: DeployRequest = {
    name,
    dryRun: args.flags["dry-run"] === true,
    force: args.flags.force === true,
    skipAudit: args.flags["skip-audit"] === true,
    ciDeploy: args.flags["ci-deploy"] === true || args.flags.ci !== undefined,
    ci: args.flags.ci as CiChoice | undefined,
    lint: lintRequest(args),
    commandFormat: args.flags["command-format"] as DeployRequest["commandFormat"],
    gitignore: args.flags.gitignore as DeployRequest["gitignore"],
  };
  const templates = templateSource(io, args);
  const interactive = global.interactive && !request.dryRun;
  const progress = scanProgress(io, io.stderrIsTTY && !global.quiet);
  let result: DeployResult;
  try {
    result = await interruptible(io, (isCancelled) =>
      deploy(request, {
        onScanProgress: progress.update,
        fs: new RealFileSystem(root),
        templates,
        version: VERSION,
        now: () => new Date(),
        git: true,
        isCancelled,
        ask: interactive
          ? async (defaults, facts) => ({
              name: name ?? (await prompts.text("Project name", defaults.name, (value) => nameProblem(value) ?? undefined)),
              lint: request.lint !== undefined ? defaults.lint : await askLint(facts.stack.ecosystems),
              ci: request.ci !== undefined || request.ciDeploy ? defaults.ci : await askCi(facts.stack.ciPlatform),
            })
          : undefined,
        confirm: interactive
          ? async (plan) => {
              io.stderr(`\nPlan: ${formatCounts(plan.ops, "plan")}\n${formatPlan(plan.ops, global.stderrStyle)}\n\n`);
              return prompts.confirm("Apply these changes?", true);
            }
          : undefined,
      }),
    );
  } finally {
    progress.finish();
  }
  if (result.runId !== null) rememberProject(io, result.root, result.warnings);
  return {
    exitCode: result.declined ? 1 : 0,
    text: formatDeploySummary(result, global.style, { diff: args.flags.diff === true, verbose: global.verbose }),
    warnings: result.warnings,
    json: {
      dryRun: result.dryRun,
      root: result.root,
      projectName: result.options.projectName,
      options: result.options,
      stack: result.stack,
      metrics: result.metrics,
      operations: operationsJson(result.operations),
      warnings: result.warnings,
      notes: result.notes,
      runId: result.runId,
      recovered: result.recovered ? { runId: result.recovered.runId, command: result.recovered.command } : null,
      declined: result.declined,
    },
  };
}

/** The lint flags as one request; naming more than one of them is a usage error. */
function lintRequest(args: ParsedArgs): LintRequest {
  const given = ["lint", "no-lint", "lint-tools"].filter((flag) => args.flags[flag] !== undefined);
  if (given.length > 1) throw new TrinityError("usage", `deploy: ${given.map((flag) => `--${flag}`).join(" and ")} cannot be combined`, { hint: "Use one of --lint, --no-lint or --lint-tools a,b." });
  if (args.flags.lint === true) return "recommended";
  if (args.flags["no-lint"] === true) return "none";
  if (typeof args.flags["lint-tools"] === "string") return parseLintTools(args.flags["lint-tools"]);
  return undefined;
}

/** Interactive: linting yes/no, then which tools, the recommended ones ticked. */
async function askLint(ecosystems: readonly Ecosystem[]): Promise<LintToolId[]> {
  const tools = availableTools(ecosystems);
  if (!(await prompts.confirm("Set up linting and formatting?", false))) return [];
  const recommended = recommendedTools(ecosystems);
  return prompts.multiselect("Which tools? (space toggles, enter accepts)", tools.map((tool) => ({ value: tool.id, label: tool.label, hint: tool.description })), recommended);
}

/** Interactive: CI yes/no, then the platform (the git remote's preselected). */
async function askCi(remote: CiPlatform): Promise<CiChoice | null> {
  if (!(await prompts.confirm("Write CI workflow files?", false))) return null;
  const initial: CiChoice = remote === "github" || remote === "gitlab" ? remote : "github";
  return prompts.select<CiChoice>("Which CI platform?", [
    { value: "github", label: "GitHub Actions", hint: ".github/workflows/trinity-ci.yml" },
    { value: "gitlab", label: "GitLab CI", hint: ".gitlab-ci.yml, or an include file when you have one" },
    { value: "generic", label: "Generic reference only", hint: ".claude/trinity/templates/ci/generic-ci.yml" },
  ], initial);
}

/** Adds the project to the user's registry for `update --all`; a failure is only a warning. */
export function rememberProject(io: Io, root: string, warnings: string[]): void {
  const path = registryPath(io.env);
  if (path === null) return;
  try {
    registerProject(path, root);
  } catch (error) {
    warnings.push(`${error instanceof Error ? error.message : String(error)}; this project is not in the list \`trinity update --all\` uses`);
  }
}

/** Why a project name is unusable (it is written into Markdown titles), or null. */
function nameProblem(name: string): string | null {
  if (name.trim() === "") return "the name is empty";
  if (/[\u0000-\u001f\u007f]/.test(name)) return "the name contains a line break or control character";
  if (name.length > 100) return "the name is longer than 100 characters";
  return null;
}
