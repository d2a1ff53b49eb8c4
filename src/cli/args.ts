import { TrinityError } from "../errors.ts";

/** A command-line flag. Boolean flags take no value; string flags take one (`--name x` or `--name=x`). */
export interface FlagSpec {
  name: string;
  short?: string;
  kind: "boolean" | "string";
  /** Allowed values of a string flag. */
  values?: readonly string[];
  /** Shown in help for string flags: `--name NAME`. */
  valueName?: string;
  /** The value is a directory: shell completions offer directory names. */
  directory?: boolean;
  description: string;
}

export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positionals: string[];
}

/**
 * Parses arguments strictly against the given flags: an unknown flag, a missing or invalid value,
 * or too many positionals is a usage error (exit 2) with a "did you mean" hint where one is close.
 */
export function parseArgs(argv: readonly string[], flags: readonly FlagSpec[], maxPositionals: number, command: string): ParsedArgs {
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const byShort = new Map(flags.filter((flag) => flag.short).map((flag) => [flag.short!, flag]));
  const result: ParsedArgs = { flags: {}, positionals: [] };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || arg === "-" || !arg.startsWith("-")) {
      result.positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    let spec: FlagSpec | undefined;
    let inlineValue: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) inlineValue = arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec) throw unknownFlag(`--${name}`, flags, command);
    } else {
      if (arg.length !== 2) throw unknownFlag(arg, flags, command);
      spec = byShort.get(arg.slice(1));
      if (!spec) throw unknownFlag(arg, flags, command);
    }
    if (spec.kind === "boolean") {
      if (inlineValue !== undefined) {
        throw usage(`--${spec.name} takes no value`, command);
      }
      result.flags[spec.name] = true;
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith("-") && value !== "-")) {
      throw usage(`--${spec.name} needs a value${spec.values ? ` (${spec.values.join(", ")})` : ""}`, command);
    }
    if (spec.values && !spec.values.includes(value)) {
      const close = closest(value, spec.values);
      throw usage(
        `--${spec.name} ${JSON.stringify(value)}: expected one of ${spec.values.join(", ")}${close ? `; did you mean ${close}?` : ""}`,
        command,
      );
    }
    result.flags[spec.name] = value;
  }
  if (result.positionals.length > maxPositionals) {
    const extra = result.positionals[maxPositionals]!;
    throw usage(
      maxPositionals === 0 ? `unexpected argument ${JSON.stringify(extra)}` : `unexpected extra argument ${JSON.stringify(extra)}`,
      command,
    );
  }
  return result;
}

function unknownFlag(flag: string, flags: readonly FlagSpec[], command: string): TrinityError {
  const candidates = flags.flatMap((spec) => [`--${spec.name}`, ...(spec.short ? [`-${spec.short}`] : [])]);
  const close = closest(flag.split("=")[0]!, candidates);
  return usage(`unknown option ${flag}${close ? `; did you mean ${close}?` : ""}`, command);
}

function usage(message: string, command: string): TrinityError {
  return new TrinityError("usage", `${command}: ${message}`, { hint: `Run \`${command} --help\` for the options.` });
}

/** The candidate nearest to `input` by edit distance, when it is close enough to be a likely typo. */
export function closest(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best !== null && bestDistance <= limit ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
