import { statSync } from "node:fs";
import { resolve } from "node:path";
import { deploy, type DeployRequest } from "../commands/deploy.ts";
import { TrinityError } from "../errors.ts";
import { RealFileSystem } from "../fs/real.ts";
import { operationsJson } from "../report/json.ts";
import { formatCounts, formatPlan } from "../report/plan.ts";
import { formatDeploySummary } from "../report/summary.ts";
import { directoryTemplates, embeddedTemplates } from "../templates/source.ts";
import { VERSION } from "../version.ts";
import type { Command, CommandContext, CommandOutcome } from "./command.ts";
import { scanProgress } from "./progress.ts";
import { prompts } from "./prompts.ts";
import type { Io } from "./io.ts";
import { registerProject, registryPath } from "../registry/projects.ts";

/** `trinity deploy [DIR]`. */
export const deployCommand: Command = {
  name: "deploy",
  summary: "install the methodology into DIR (default: the current directory)",
  usage: "trinity deploy [DIR] [options]",
  positionals: [{ name: "DIR", description: "the project directory (default: the current directory)", directory: true }],
  flags: [
    { name: "name", kind: "string", valueName: "NAME", description: "project name (default: from the main manifest, else the directory name)" },
    { name: "dry-run", kind: "boolean", description: "show what would be written; write nothing at all" },
    { name: "diff", kind: "boolean", description: "with --dry-run: also show the diffs" },
    { name: "force", kind: "boolean", description: "re-deploy over an existing deployment; replace files trinity did not write (backups kept)" },
    { name: "skip-audit", kind: "boolean", description: "skip the metrics scan (documents say the facts were not collected)" },
    { name: "ci-deploy", kind: "boolean", description: "ask for CI workflow files (platform from the git remote); this version reports that it has no CI templates yet" },
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
  const root = resolve(io.cwd, args.positionals[0] ?? ".");
  requireDirectory(root, args.positionals[0] ?? ".");
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
    ciDeploy: args.flags["ci-deploy"] === true,
    commandFormat: args.flags["command-format"] as DeployRequest["commandFormat"],
    gitignore: args.flags.gitignore as DeployRequest["gitignore"],
  };
  if (args.flags.diff === true && !request.dryRun) {
    throw new TrinityError("usage", "deploy: --diff works with --dry-run", { hint: "Run `trinity deploy --dry-run --diff`." });
  }
  const templatesDir = args.flags.templates as string | undefined;
  const templates = templatesDir === undefined ? embeddedTemplates() : directoryTemplates(resolve(io.cwd, templatesDir));
  let cancelled = false;
  const removeHandler = io.onInterrupt(() => {
    cancelled = true;
  });
  const interactive = global.interactive && !request.dryRun;
  const progress = scanProgress(io, io.stderrIsTTY && !global.quiet);
  try {
    const result = await deploy(request, {
      onScanProgress: progress.update,
      fs: new RealFileSystem(root),
      templates,
      version: VERSION,
      now: () => new Date(),
      git: true,
      isCancelled: () => cancelled,
      ask: interactive
        ? async (defaults) => ({
            ...defaults,
            name: name ?? (await prompts.text("Project name", defaults.name, (value) => nameProblem(value) ?? undefined)),
          })
        : undefined,
      confirm: interactive
        ? async (plan) => {
            io.stderr(`\nPlan: ${formatCounts(plan.ops, "plan")}\n${formatPlan(plan.ops, global.stderrStyle)}\n\n`);
            return prompts.confirm("Apply these changes?", true);
          }
        : undefined,
    });
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
  } finally {
    progress.finish();
    removeHandler();
  }
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

/** Fails with exit code 3 unless `root` is an existing directory (`given` is how the user wrote it). */
export function requireDirectory(root: string, given: string): void {
  let isDirectory = false;
  let exists = false;
  try {
    const stats = statSync(root);
    exists = true;
    isDirectory = stats.isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new TrinityError("target-missing", `${given}: ${exists ? "not a directory" : "no such directory"}`, {
      hint: "Pass the project directory, or run trinity inside it.",
    });
  }
}

/** Why a project name is unusable (it is written into Markdown titles), or null. */
function nameProblem(name: string): string | null {
  if (name.trim() === "") return "the name is empty";
  if (/[\u0000-\u001f\u007f]/.test(name)) return "the name contains a line break or control character";
  if (name.length > 100) return "the name is longer than 100 characters";
  return null;
}
