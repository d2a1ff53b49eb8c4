import type { FlagSpec, ParsedArgs } from "./args.ts";
import type { Io } from "./io.ts";
import type { Style } from "../report/style.ts";

/** Options every command accepts. */
export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  yes: boolean;
  /** Prompts are allowed: stdin and stderr are terminals, and neither --yes nor --json was given. */
  interactive: boolean;
  /** Styling for text written to stdout, and to stderr (each on only when that stream is a terminal). */
  style: Style;
  stderrStyle: Style;
}

export interface CommandContext {
  io: Io;
  args: ParsedArgs;
  global: GlobalOptions;
}

/** What a command hands back to run(): the exit code and what to print. */
export interface CommandOutcome {
  exitCode: number;
  /** Human output for stdout (suppressed by --quiet). */
  text?: string;
  /** The `--json` document fields (the envelope is added by run()). */
  json?: Record<string, unknown>;
  /** Warnings for stderr. */
  warnings?: string[];
}

/** A positional argument of a command. */
export interface PositionalSpec {
  name: string;
  description: string;
  /** The only values it takes (checked by the command, offered by shell completions). */
  values?: readonly string[];
  /** It is a directory: shell completions offer directory names. */
  directory?: boolean;
}

/** One subcommand: its help, its flags and its thin adapter over the programmatic API. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** At most this many positional arguments. */
  positionals: PositionalSpec[];
  flags: FlagSpec[];
  /** Extra help paragraphs. */
  details?: string;
  run(context: CommandContext): Promise<CommandOutcome>;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "print one JSON document on stdout and nothing else there" },
  { name: "quiet", short: "q", kind: "boolean", description: "print only warnings and errors" },
  { name: "verbose", kind: "boolean", description: "print more detail, and stack traces on errors" },
  { name: "no-color", kind: "boolean", description: "no colours (also NO_COLOR; FORCE_COLOR forces them)" },
  { name: "yes", short: "y", kind: "boolean", description: "never prompt; take the defaults" },
  { name: "help", short: "h", kind: "boolean", description: "show help for this command" },
];

/** The flag that stands in place of a command: `trinity --version`. */
export const VERSION_FLAG: FlagSpec = { name: "version", short: "v", kind: "boolean", description: "print the version and build commit" };

/** The summary of `trinity help [COMMAND]`, which run() handles itself rather than through a Command. */
export const HELP_SUMMARY = "show help for a command";
