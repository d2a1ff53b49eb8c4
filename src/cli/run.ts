import { exitCodeFor, TrinityError } from "../errors.ts";
import { jsonDocument, toJson } from "../report/json.ts";
import { createStyle } from "../report/style.ts";
import { COMMIT, VERSION } from "../version.ts";
import { closest, parseArgs, type FlagSpec } from "./args.ts";
import { GLOBAL_FLAGS, HELP_SUMMARY, VERSION_FLAG, type Command, type GlobalOptions } from "./command.ts";
import { completionsCommand } from "./completions.ts";
import { deployCommand } from "./deploy.ts";
import { doctorCommand } from "./doctor.ts";
import { listCommand } from "./list.ts";
import { scanCommand } from "./scan.ts";
import { updateCommand } from "./update.ts";
import { diffCommand, statusCommand } from "./status.ts";
import { uninstallCommand } from "./uninstall.ts";
import { rollbackCommand } from "./rollback.ts";
import type { Io } from "./io.ts";

/** Every subcommand, in help order. Help, completions and dispatch all read this table. */
export const COMMANDS: readonly Command[] = [
  deployCommand,
  updateCommand,
  statusCommand,
  diffCommand,
  doctorCommand,
  uninstallCommand,
  rollbackCommand,
  scanCommand,
  listCommand,
  completionsCommand(() => COMMANDS),
];

/**
 * The CLI: parses arguments, runs one command, prints its output, and maps every error to its
 * exit code (PRODUCT.md §2.4). The only place that writes to stdout/stderr or decides exit codes.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const wantsJson = argv.includes("--json");
  const verbose = argv.includes("--verbose");
  let commandName = "trinity";
  try {
    const first = argv[0];
    if (first === undefined) {
      io.stderr(topLevelHelp());
      return exitCodeFor("usage");
    }
    if (first === "--version" || first === "-v") {
      parseArgs(argv.slice(1), GLOBAL_FLAGS, 0, "trinity --version");
      if (wantsJson) io.stdout(toJson(jsonDocument("version", VERSION, 0, { commit: COMMIT })));
      else io.stdout(`trinity ${VERSION} (commit ${COMMIT})\n`);
      return 0;
    }
    if (first === "--help" || first === "-h" || first === "help") {
      const topic = first === "help" ? argv[1] : undefined;
      io.stdout(topic === undefined ? topLevelHelp() : commandHelp(findCommand(topic)));
      return 0;
    }
    if (first.startsWith("-")) {
      throw new TrinityError("usage", `${first}: a command must come first`, { hint: "Run `trinity --help` for the commands." });
    }
    const command = findCommand(first);
    commandName = command.name;
    const flags: FlagSpec[] = [...command.flags, ...GLOBAL_FLAGS];
    const args = parseArgs(argv.slice(1), flags, command.positionals.length, `trinity ${command.name}`);
    if (args.flags.help === true) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const global = globalOptions(args.flags, io);
    const outcome = await command.run({ io, args, global });
    for (const warning of outcome.warnings ?? []) io.stderr(`${global.stderrStyle.yellow("warning:")} ${warning}\n`);
    if (global.json) {
      io.stdout(toJson(jsonDocument(command.name, VERSION, outcome.exitCode, outcome.json ?? {})));
    } else if (!global.quiet && outcome.text) {
      io.stdout(outcome.text);
    }
    return outcome.exitCode;
  } catch (error) {
    return reportError(error, io, { json: wantsJson, verbose, command: commandName });
  }
}

function reportError(error: unknown, io: Io, options: { json: boolean; verbose: boolean; command: string }): number {
  const known = error instanceof TrinityError;
  const code = known ? error.exitCode : 1;
  const message = known ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  const hint = known ? error.hint : "This is a bug in trinity; please report it with the output of --verbose.";
  const style = createStyle(io.stderrIsTTY && colourAllowed(io.env, false));
  io.stderr(`${style.red("error:")} ${message}\n`);
  if (hint) io.stderr(`${style.dim(hint)}\n`);
  if (options.verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  if (options.json) {
    const errorFields = { code: known ? error.code : "internal", message, hint: hint ?? null };
    io.stdout(toJson(jsonDocument(options.command, VERSION, code, { error: errorFields })));
  }
  return code;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const close = closest(name, COMMANDS.map((c) => c.name));
  throw new TrinityError("usage", `unknown command ${JSON.stringify(name)}${close ? `; did you mean ${close}?` : ""}`, {
    hint: "Run `trinity --help` for the commands.",
  });
}

function globalOptions(flags: Record<string, string | boolean>, io: Io): GlobalOptions {
  const json = flags.json === true;
  const yes = flags.yes === true;
  const noColor = flags["no-color"] === true;
  return {
    json,
    quiet: flags.quiet === true,
    verbose: flags.verbose === true,
    yes,
    interactive: io.stdinIsTTY && io.stderrIsTTY && !yes && !json,
    style: createStyle(!json && colourAllowed(io.env, noColor) && (io.stdoutIsTTY || forced(io.env))),
    stderrStyle: createStyle(colourAllowed(io.env, noColor) && (io.stderrIsTTY || forced(io.env))),
  };
}

/** NO_COLOR (any value) and --no-color switch colours off; FORCE_COLOR (not "0") switches them on without a terminal. */
function colourAllowed(env: Io["env"], noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return true;
}

function forced(env: Io["env"]): boolean {
  return env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
}

/** `trinity --help`. */
export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `trinity ${VERSION} — installs the Trinity Method into a project and keeps it up to date`,
    "",
    "Usage: trinity <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${"help".padEnd(width)}${HELP_SUMMARY}`,
    "",
    "Options:",
    formatFlags([VERSION_FLAG, ...GLOBAL_FLAGS]),
    "",
    "Run `trinity <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** `trinity <command> --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${command.usage}`, "", `${capitalise(command.summary)}.`, ""];
  if (command.positionals.length > 0) {
    lines.push("Arguments:", ...command.positionals.map((p) => `  ${p.name.padEnd(24)}${p.description}`), "");
  }
  if (command.flags.length > 0) lines.push("Options:", formatFlags(command.flags), "");
  lines.push("Global options:", formatFlags(GLOBAL_FLAGS), "");
  if (command.details) lines.push(command.details, "");
  return lines.join("\n");
}

function formatFlags(flags: readonly FlagSpec[]): string {
  const signature = (flag: FlagSpec) =>
    `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.kind === "string" ? ` ${flag.valueName ?? "VALUE"}` : ""}`;
  const width = Math.max(...flags.map((f) => signature(f).length)) + 2;
  return flags
    .map((flag) => {
      const values = flag.values ? ` (${flag.values.join(" | ")})` : "";
      return `  ${signature(flag).padEnd(width)}${flag.description}${values}`;
    })
    .join("\n");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
