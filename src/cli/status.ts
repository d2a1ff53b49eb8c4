import { hasDrift, status, type StatusResult } from "../commands/status.ts";
import { readOnly } from "../fs/port.ts";
import { RealFileSystem } from "../fs/real.ts";
import { formatDiff } from "../report/diff.ts";
import { formatStatus, formatUpdateDiff } from "../report/status.ts";
import { VERSION } from "../version.ts";
import type { Command, CommandContext } from "./command.ts";
import { PROJECT_DIR, projectRoot, templateSource } from "./project.ts";

const TEMPLATES = { name: "templates", kind: "string" as const, valueName: "DIR", directory: true, description: "compare with this template directory instead of the built-in one" };

/** Runs status read-only on the project a command names. */
async function statusOf({ io, args }: CommandContext): Promise<StatusResult> {
  const root = projectRoot(io, args);
  return status({
    fs: readOnly(new RealFileSystem(root)),
    templates: templateSource(io, args),
    version: VERSION,
    now: () => new Date(),
    git: true,
  });
}

/** `trinity status [DIR]`. */
export const statusCommand: Command = {
  name: "status",
  summary: "show drift: what you changed, what is missing, what an update would do",
  usage: "trinity status [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [{ name: "check", kind: "boolean", description: "exit 5 when anything was changed or would change (facts-only changes excepted)" }, TEMPLATES],
  details: "Columns: on disk (modified, deleted, conflict since trinity wrote the file) and update (what `trinity update` would do). Writes nothing.",
  async run(context) {
    const result = await statusOf(context);
    const drift = hasDrift(result.entries);
    return {
      exitCode: context.args.flags.check === true && drift ? 5 : 0,
      text: formatStatus(result, context.global.style, { all: context.global.verbose }),
      warnings: result.warnings,
      json: { root: result.root, deployedVersion: result.deployedVersion, drift, files: result.entries },
    };
  },
};

/** `trinity diff [DIR]`. */
export const diffCommand: Command = {
  name: "diff",
  summary: "show the unified diff between the files on disk and what this version would write",
  usage: "trinity diff [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [TEMPLATES],
  details: "The diff is what `trinity update` would change, after merging your edits. Writes nothing.",
  async run(context) {
    const result = await statusOf(context);
    return {
      exitCode: 0,
      text: formatUpdateDiff(result),
      warnings: result.warnings,
      json: { root: result.root, files: result.operations.map((op) => ({ path: op.path, op: op.action, diff: formatDiff(op) })).filter((file) => file.diff !== "") },
    };
  },
};
