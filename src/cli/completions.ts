import { TrinityError } from "../errors.ts";
import { completionScript, SHELLS, type CompletionFlag, type CompletionGrammar, type Shell, type ValueKind } from "../report/completions.ts";
import { closest, type FlagSpec } from "./args.ts";
import { GLOBAL_FLAGS, HELP_SUMMARY, VERSION_FLAG, type Command, type PositionalSpec } from "./command.ts";

/**
 * `trinity completions SHELL`. It is given the command table as a function because it is itself
 * an entry of that table (run.ts builds both).
 */
export function completionsCommand(commands: () => readonly Command[]): Command {
  return {
    name: "completions",
    summary: "print a completion script for bash, zsh, fish or powershell",
    usage: "trinity completions SHELL",
    positionals: [{ name: "SHELL", description: "bash, zsh, fish or powershell", values: SHELLS }],
    flags: [],
    details: [
      "Load the completions in the current shell, or install them for every new one:",
      "  bash        source <(trinity completions bash)",
      "              trinity completions bash > ~/.local/share/bash-completion/completions/trinity",
      "  zsh         source <(trinity completions zsh)",
      '              trinity completions zsh > "${fpath[1]}/_trinity"',
      "  fish        trinity completions fish > ~/.config/fish/completions/trinity.fish",
      "  powershell  trinity completions powershell | Out-String | Invoke-Expression   (add it to $PROFILE)",
    ].join("\n"),
    async run({ args }) {
      const shell = requireShell(args.positionals[0]);
      const script = completionScript(shell, completionGrammar(commands()));
      return { exitCode: 0, text: script, json: { shell, script } };
    },
  };
}

function requireShell(given: string | undefined): Shell {
  const hint = "Run `trinity completions --help` for how to load the script.";
  if (given === undefined) {
    throw new TrinityError("usage", `completions: missing SHELL (one of ${SHELLS.join(", ")})`, { hint });
  }
  const shell = SHELLS.find((name) => name === given);
  if (shell) return shell;
  const close = closest(given, SHELLS);
  throw new TrinityError(
    "usage",
    `completions: unknown shell ${JSON.stringify(given)}: expected one of ${SHELLS.join(", ")}${close ? `; did you mean ${close}?` : ""}`,
    { hint },
  );
}

/** The command line as completion sees it: every command with its flags (globals included), plus `help` and `--version`. */
export function completionGrammar(commands: readonly Command[]): CompletionGrammar {
  const helpFlag = GLOBAL_FLAGS.find((flag) => flag.name === "help");
  return {
    program: "trinity",
    topLevelFlags: [VERSION_FLAG, ...(helpFlag ? [helpFlag] : [])].map(completionFlag),
    commands: [
      ...commands.map((command) => ({
        name: command.name,
        summary: command.summary,
        flags: [...command.flags, ...GLOBAL_FLAGS].map(completionFlag),
        arguments: command.positionals.map(positionalValue),
      })),
      // `help` is handled by run() itself; it takes a command name.
      { name: "help", summary: HELP_SUMMARY, flags: [], arguments: [{ kind: "words", words: commands.map((c) => c.name), label: "COMMAND" }] },
    ],
  };
}

function completionFlag(flag: FlagSpec): CompletionFlag {
  const label = flag.valueName ?? "VALUE";
  let value: ValueKind | null = null;
  if (flag.kind === "string") {
    value = flag.values ? { kind: "words", words: flag.values, label } : flag.directory ? { kind: "directory", label } : { kind: "text", label };
  }
  return { long: flag.name, ...(flag.short ? { short: flag.short } : {}), description: flag.description, value };
}

function positionalValue(positional: PositionalSpec): ValueKind {
  if (positional.values) return { kind: "words", words: positional.values, label: positional.name };
  return positional.directory ? { kind: "directory", label: positional.name } : { kind: "text", label: positional.name };
}
