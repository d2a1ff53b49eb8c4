import { statSync } from "node:fs";
import { resolve } from "node:path";
import { TrinityError } from "../errors.ts";
import { directoryTemplates, embeddedTemplates, type TemplateSource } from "../templates/source.ts";
import type { ParsedArgs } from "./args.ts";
import type { PositionalSpec } from "./command.ts";
import type { Io } from "./io.ts";

/** The `[DIR]` argument every project command takes. */
export const PROJECT_DIR: PositionalSpec = { name: "DIR", description: "the project directory (default: the current directory)", directory: true };

/** The project directory a command names (default: the working directory); exit 3 when it is not a directory. */
export function projectRoot(io: Io, args: ParsedArgs): string {
  const given = args.positionals[0] ?? ".";
  const root = resolve(io.cwd, given);
  requireDirectory(root, given);
  return root;
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

/** `--diff` shows the diffs of a plan, so it only makes sense with `--dry-run` (a usage error otherwise). */
export function requireDryRunForDiff(command: string, args: ParsedArgs): void {
  if (args.flags.diff === true && args.flags["dry-run"] !== true) {
    throw new TrinityError("usage", `${command}: --diff works with --dry-run`, { hint: `Run \`trinity ${command} --dry-run --diff\`.` });
  }
}

/**
 * Runs a writing command with Ctrl-C turned into a request to stop: the command checks
 * `isCancelled` between steps and rolls back, instead of the process dying mid-write.
 */
export async function interruptible<T>(io: Io, work: (isCancelled: () => boolean) => Promise<T>): Promise<T> {
  let cancelled = false;
  const removeHandler = io.onInterrupt(() => {
    cancelled = true;
  });
  try {
    return await work(() => cancelled);
  } finally {
    removeHandler();
  }
}

/** The templates a command renders from: `--templates DIR` when given, else the ones built in. */
export function templateSource(io: Io, args: ParsedArgs): TemplateSource {
  const dir = args.flags.templates;
  return typeof dir === "string" ? directoryTemplates(resolve(io.cwd, dir)) : embeddedTemplates();
}
