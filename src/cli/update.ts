import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { update, type UpdateRequest, type UpdateResult } from "../commands/update.ts";
import { TrinityError } from "../errors.ts";
import { RealFileSystem } from "../fs/real.ts";
import { readRegistry, registryPath } from "../registry/projects.ts";
import { operationsJson } from "../report/json.ts";
import { formatUpdateSummary } from "../report/update.ts";
import { VERSION } from "../version.ts";
import type { Command, CommandContext, CommandOutcome } from "./command.ts";
import { rememberProject } from "./deploy.ts";
import { interruptible, PROJECT_DIR, requireDirectory, requireDryRunForDiff, templateSource } from "./project.ts";
import { scanProgress } from "./progress.ts";

/** `trinity update [DIR]`. */
export const updateCommand: Command = {
  name: "update",
  summary: "upgrade a deployment to this version's templates, merging your edits",
  usage: "trinity update [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [
    { name: "dry-run", kind: "boolean", description: "classify every file and show the plan; write nothing" },
    { name: "diff", kind: "boolean", description: "with --dry-run: also show the diffs" },
    { name: "force", kind: "boolean", description: "take the new version even for files you changed (backups kept)" },
    { name: "all", kind: "boolean", description: "update every project deployed from this account (the registry)" },
    { name: "conflict", kind: "string", values: ["inline", "rej"], valueName: "STYLE", description: "inline (default): markers in the file; rej: the new version beside it" },
    { name: "skip-audit", kind: "boolean", description: "skip the metrics scan; the documents keep the facts of the last scan" },
    { name: "templates", kind: "string", valueName: "DIR", directory: true, description: "render from this template directory instead of the built-in one" },
  ],
  details: [
    "For each file trinity manages: unchanged files are updated, files only you changed are kept, changes on both sides are merged,",
    "and overlapping changes are left as conflicts (exit code 4). Conflicts in frontmatter or .gitignore always go beside the file (rej).",
    "A deployment made by the original Trinity Method SDK (2.0 or 2.2) is adopted: your work moves into the current layout; nothing is lost.",
  ].join("\n"),
  run: runUpdate,
};

async function runUpdate(context: CommandContext): Promise<CommandOutcome> {
  const { io, args } = context;
  const request: UpdateRequest = {
    dryRun: args.flags["dry-run"] === true,
    force: args.flags.force === true,
    conflict: (args.flags.conflict as UpdateRequest["conflict"]) ?? "inline",
    skipAudit: args.flags["skip-audit"] === true,
  };
  requireDryRunForDiff("update", args);
  if (args.flags.all !== true) return updateOne(context, request, resolve(io.cwd, args.positionals[0] ?? "."), args.positionals[0] ?? ".");
  if (args.positionals.length > 0) throw new TrinityError("usage", "update: --all updates every registered project; leave out DIR");
  const path = registryPath(io.env);
  const projects = path === null ? [] : safeRegistry(path);
  const outcomes: { root: string; outcome: CommandOutcome | null; error: string | null }[] = [];
  for (const root of projects) {
    if (!existsSync(root)) {
      outcomes.push({ root, outcome: null, error: "gone: the folder no longer exists (skipped)" });
      continue;
    }
    try {
      outcomes.push({ root, outcome: await updateOne(context, request, root, root), error: null });
    } catch (error) {
      outcomes.push({ root, outcome: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const failed = outcomes.some((o) => o.error !== null && !o.error.startsWith("gone"));
  const conflicts = outcomes.some((o) => o.outcome?.exitCode === 4);
  const text = outcomes.length === 0
    ? `No registered projects${path ? ` in ${path}` : ""}: \`trinity deploy\` registers each project it deploys into.\n`
    : outcomes.map((o) => o.outcome?.text ?? `${o.root}: ${o.error}\n`).join("\n");
  return {
    exitCode: failed ? 1 : conflicts ? 4 : 0,
    text,
    warnings: outcomes.flatMap((o) => o.outcome?.warnings?.map((w) => `${o.root}: ${w}`) ?? []),
    json: { registry: path, projects: outcomes.map((o) => ({ root: o.root, exitCode: o.outcome?.exitCode ?? (o.error?.startsWith("gone") ? 0 : 1), error: o.error, ...(o.outcome?.json ?? {}) })) },
  };
}

function safeRegistry(path: string): string[] {
  try {
    return readRegistry(path).projects;
  } catch (error) {
    throw new TrinityError("invalid-input", `${error instanceof Error ? error.message : String(error)}`, { hint: "Fix or delete the file; `trinity deploy` writes it again." });
  }
}

async function updateOne({ io, args, global }: CommandContext, request: UpdateRequest, root: string, given: string): Promise<CommandOutcome> {
  requireDirectory(root, given);
  const templates = templateSource(io, args);
  const progress = scanProgress(io, io.stderrIsTTY && !global.quiet);
  let result: UpdateResult;
  try {
    result = await interruptible(io, (isCancelled) =>
      update(request, {
        fs: new RealFileSystem(root),
        templates,
        version: VERSION,
        now: () => new Date(),
        git: true,
        isCancelled,
        onScanProgress: progress.update,
      }),
    );
  } finally {
    progress.finish();
  }
  if (result.runId !== null) rememberProject(io, result.root, result.warnings);
  return {
    exitCode: !request.dryRun && result.conflicts > 0 ? 4 : 0,
    text: formatUpdateSummary(result, global.style, { diff: args.flags.diff === true, verbose: global.verbose }),
    warnings: result.warnings,
    json: {
      dryRun: request.dryRun,
      root: result.root,
      from: result.from,
      to: result.to,
      stack: result.stack,
      metrics: result.metrics,
      operations: operationsJson(result.operations),
      adopted: result.adopted,
      conflicts: result.conflicts,
      warnings: result.warnings,
      runId: result.runId,
      recovered: result.recovered ? { runId: result.recovered.runId, command: result.recovered.command } : null,
    },
  };
}
