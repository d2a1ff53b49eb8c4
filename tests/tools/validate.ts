/**
 * Validators that hand a generated lint configuration to the real tool (PRODUCT.md §6: "each
 * generated file must pass the real tool's validation"). They never touch the network: ESLint,
 * Prettier and Ruff (as WebAssembly) are dev dependencies; pre-commit, rustfmt and Clippy are used
 * when their executables are installed and report "skipped" otherwise. Each validator throws an
 * Error that says what the tool rejected.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { PositionEncoding, Workspace } from "@astral-sh/ruff-wasm-nodejs";
import { ESLint } from "eslint";
import * as prettier from "prettier";
import { parse as parseTomlText } from "smol-toml";
import { parseDocument } from "yaml";

/** The repository's node_modules, where the configs' imports (`@eslint/js`, `globals`, …) resolve. */
export const REPO_NODE_MODULES = resolve(import.meta.dir, "..", "..", "node_modules");

/** Links the repository's node_modules into `dir` (when it has none), so a config written there can import its packages. */
export function linkNodeModules(dir: string): void {
  const target = join(dir, "node_modules");
  if (!existsSync(target)) symlinkSync(REPO_NODE_MODULES, target, "dir");
}

// ---------------------------------------------------------------------------------------------
// Structured text

/** Parses TOML 1.0 strictly (duplicate keys and tables are errors); throws with the line and column. */
export function parsesAsToml(text: string): Record<string, unknown> {
  return parseTomlText(text) as Record<string, unknown>;
}

/** Parses one YAML 1.2 document strictly: duplicate keys, several documents and warnings are errors. */
export function parsesAsYaml(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`invalid YAML: ${problems.map((problem) => problem.message).join("; ")}`);
  return document.toJS();
}

/** Parses JSON and requires an object at the top. */
export function parsesAsJsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("expected a JSON object");
  return value as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// ESLint

export interface EslintProblem {
  /** Relative to the linted directory, `/`-separated. */
  file: string;
  ruleId: string | null;
  line: number;
  message: string;
}

export interface EslintRun {
  /** The files ESLint linted, relative to the directory, sorted. */
  files: string[];
  problems: EslintProblem[];
}

/**
 * Lints `patterns` in `dir` with ESLint's Node API and the config file `configFile` (relative to
 * `dir`). Throws when the config does not load, when a file cannot be parsed (a fatal message),
 * or when nothing was linted. The project needs the config's packages: see linkNodeModules.
 */
export async function eslintAccepts(dir: string, configFile: string, patterns: string[] = ["."]): Promise<EslintRun> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: isAbsolute(configFile) ? configFile : join(dir, configFile) });
  const results = await eslint.lintFiles(patterns);
  const rel = (path: string) => relative(dir, path).split("\\").join("/");
  const fatal = results.flatMap((result) => result.messages.filter((m) => m.fatal).map((m) => `${rel(result.filePath)}:${m.line}: ${m.message}`));
  if (fatal.length > 0) throw new Error(`ESLint could not parse: ${fatal.join("; ")}`);
  if (results.length === 0) throw new Error(`ESLint linted no files in ${dir}`);
  return {
    files: results.map((result) => rel(result.filePath)).sort(),
    problems: results.flatMap((result) =>
      result.messages.map((m) => ({ file: rel(result.filePath), ruleId: m.ruleId, line: m.line, message: m.message })),
    ),
  };
}

/**
 * The same check through ESLint's command line under Node.js (`node eslint.js --config FILE .`),
 * which is how projects run it: Node, unlike Bun, refuses ES module syntax in a `.js` file of a
 * CommonJS package, so this proves the `.js`/`.mjs` choice. Exit code 2 (config or crash) throws.
 */
export function eslintCliAccepts(dir: string, configFile: string, extraArgs: string[] = [], patterns: string[] = ["."]): EslintRun {
  const bin = join(REPO_NODE_MODULES, "eslint", "bin", "eslint.js");
  const { status, output } = run("node", [bin, "--config", configFile, "--format", "json", ...extraArgs, ...patterns], { cwd: dir });
  if (status !== 0 && status !== 1) throw new Error(`eslint exited with ${status}:\n${output}`);
  const results = JSON.parse(output) as ESLint.LintResult[];
  const rel = (path: string) => relative(dir, path).split("\\").join("/");
  const fatal = results.flatMap((result) => result.messages.filter((m) => m.fatal).map((m) => `${rel(result.filePath)}:${m.line}: ${m.message}`));
  if (fatal.length > 0) throw new Error(`ESLint could not parse: ${fatal.join("; ")}`);
  return {
    files: results.map((result) => rel(result.filePath)).sort(),
    problems: results.flatMap((result) =>
      result.messages.map((m) => ({ file: rel(result.filePath), ruleId: m.ruleId, line: m.line, message: m.message })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Prettier

/** Prettier's options as its config files accept them (besides `overrides`). */
async function prettierOptionNames(): Promise<Set<string>> {
  const info = await prettier.getSupportInfo();
  return new Set(info.options.flatMap((option) => (option.name === undefined ? [] : [option.name])));
}

/**
 * Checks a Prettier JSON config: valid JSON, every key a Prettier option (Prettier only warns on
 * unknown ones), and every value accepted by `prettier.format` (it throws on invalid values).
 * Returns the options.
 */
export async function prettierAccepts(text: string): Promise<prettier.Options> {
  const options = parsesAsJsonObject(text);
  const known = await prettierOptionNames();
  const check = async (opts: Record<string, unknown>, where: string) => {
    const unknown = Object.keys(opts).filter((key) => !known.has(key) && !(where === "" && key === "overrides"));
    if (unknown.length > 0) throw new Error(`unknown Prettier option(s)${where}: ${unknown.join(", ")}`);
    const { overrides: _overrides, ...formatOptions } = opts;
    await prettier.format("const answer = { value: 42 };\n", { ...formatOptions, parser: "babel" });
  };
  await check(options, "");
  const overrides = options.overrides;
  if (overrides !== undefined) {
    if (!Array.isArray(overrides)) throw new Error("Prettier `overrides` must be an array");
    for (const [i, override] of overrides.entries()) await check((override as { options?: Record<string, unknown> }).options ?? {}, ` in overrides[${i}]`);
  }
  return options as prettier.Options;
}

// ---------------------------------------------------------------------------------------------
// Ruff (WebAssembly build of the same version as the CLI)

export interface RuffWorkspace {
  /** The rule codes Ruff reports for a Python snippet. */
  check(source: string): string[];
  /** The snippet formatted with the settings. */
  format(source: string): string;
  /** Ruff's settings as passed in. */
  settings: Record<string, unknown>;
}

/**
 * Hands Ruff's settings to Ruff: a `ruff.toml` text, or with `inPyproject` a pyproject.toml (or the
 * block trinity appends to one) whose `[tool.ruff]` tables are taken. Ruff rejects unknown keys,
 * wrong value types and unknown rule selectors; this throws with Ruff's message.
 */
export function ruffAccepts(text: string, options: { inPyproject: boolean }): RuffWorkspace {
  const parsed = parsesAsToml(text);
  let settings: unknown = parsed;
  if (options.inPyproject) {
    settings = (parsed.tool as Record<string, unknown> | undefined)?.ruff;
    if (typeof settings !== "object" || settings === null) throw new Error("no [tool.ruff] table in the pyproject text");
  }
  let workspace: Workspace;
  try {
    workspace = new Workspace(settings, PositionEncoding.Utf16);
  } catch (error) {
    throw new Error(`Ruff rejected the settings: ${String(error)}`);
  }
  return {
    settings: settings as Record<string, unknown>,
    check: (source) => (workspace.check(source) as Array<{ code: string | null }>).map((d) => d.code ?? "syntax-error"),
    format: (source) => workspace.format(source),
  };
}

// ---------------------------------------------------------------------------------------------
// Executables that may be missing: pre-commit, rustfmt, cargo clippy

/** Whether an executable answers `--version`. */
export function hasExecutable(name: string, args: string[] = ["--version"]): boolean {
  const result = spawnSync(name, args, { encoding: "utf8", timeout: 60_000 });
  return result.error === undefined && result.status === 0;
}

function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: "utf8", timeout: 300_000, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * `pre-commit validate-config` on `dir/.pre-commit-config.yaml` ("skipped" when pre-commit is not
 * installed). Missing or mistyped required keys fail it; so does any warning it prints (unexpected keys).
 * It checks the schema only: hook ids and revs are resolved when the hooks are installed, which needs the network.
 */
export function preCommitAccepts(dir: string): "accepted" | "skipped" {
  if (!hasExecutable("pre-commit")) return "skipped";
  const home = mkdtempSync(join(tmpdir(), "trinity-pre-commit-"));
  try {
    const { status, output } = run("pre-commit", ["validate-config", ".pre-commit-config.yaml"], { cwd: dir, env: { PRE_COMMIT_HOME: home } });
    if (status !== 0 || /warning/i.test(output)) throw new Error(`pre-commit validate-config failed:\n${output}`);
    return "accepted";
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * rustfmt with the config file `dir/rustfmt.toml` on `dir/<file>` ("skipped" when rustfmt is not
 * installed). rustfmt only warns about unknown options and about nightly-only ones on the stable
 * channel; any such warning fails here. Returns whether the file is already formatted.
 */
export function rustfmtAccepts(dir: string, file: string): { formatted: boolean } | "skipped" {
  if (!hasExecutable("rustfmt")) return "skipped";
  const { status, output } = run("rustfmt", ["--check", "--config-path", join(dir, "rustfmt.toml"), file], { cwd: dir });
  const warnings = output.split("\n").filter((line) => /^(warning|error)\b/i.test(line));
  if (warnings.length > 0 || (status !== 0 && status !== 1)) throw new Error(`rustfmt rejected the config:\n${output}`);
  return { formatted: status === 0 };
}

/**
 * `cargo clippy` on a throwaway crate with the given `src/lib.rs`, reading `dir/clippy.toml`
 * ("skipped" when cargo clippy is not installed). Clippy refuses unknown keys and wrong types.
 * Returns the lints it reported (`clippy::too_many_arguments`, …).
 */
export function clippyAccepts(dir: string, libSource: string): { lints: string[] } | "skipped" {
  if (!hasExecutable("cargo", ["clippy", "--version"])) return "skipped";
  const crate = mkdtempSync(join(tmpdir(), "trinity-clippy-"));
  try {
    mkdirSync(join(crate, "src"));
    writeFileSync(join(crate, "Cargo.toml"), '[package]\nname = "probe"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n');
    writeFileSync(join(crate, "src", "lib.rs"), libSource);
    const { status, output } = run("cargo", ["clippy", "--offline", "--quiet", "--message-format", "json"], {
      cwd: crate,
      env: { CLIPPY_CONF_DIR: resolve(dir), CARGO_TARGET_DIR: join(crate, "target"), CARGO_TERM_COLOR: "never" },
    });
    const messages = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { reason?: string; message?: { level: string; message: string; code: { code: string } | null } })
      .filter((entry) => entry.reason === "compiler-message" && entry.message !== undefined)
      .map((entry) => entry.message!);
    const errors = messages.filter((m) => m.level === "error");
    if (status !== 0 || errors.length > 0) throw new Error(`cargo clippy failed:\n${errors.map((m) => m.message).join("\n") || output}`);
    return { lints: messages.map((m) => m.code?.code).filter((code): code is string => code !== undefined) };
  } finally {
    rmSync(crate, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// EditorConfig

export interface EditorConfig {
  root: boolean;
  sections: { glob: string; properties: Record<string, string> }[];
}

const BOOLEAN = ["true", "false"];
const EDITORCONFIG_VALUES: Record<string, (value: string) => boolean> = {
  indent_style: (v) => ["space", "tab"].includes(v),
  indent_size: (v) => v === "tab" || /^[1-9]\d*$/.test(v),
  tab_width: (v) => /^[1-9]\d*$/.test(v),
  end_of_line: (v) => ["lf", "cr", "crlf"].includes(v),
  charset: (v) => ["latin1", "utf-8", "utf-8-bom", "utf-16be", "utf-16le"].includes(v),
  trim_trailing_whitespace: (v) => BOOLEAN.includes(v),
  insert_final_newline: (v) => BOOLEAN.includes(v),
  max_line_length: (v) => v === "off" || /^[1-9]\d*$/.test(v),
};

/**
 * Parses an .editorconfig by the specification (editorconfig.org): `root` only before the first
 * section, `[glob]` section headers with balanced braces and brackets, `key = value` pairs, `#`/`;`
 * comments on their own lines. The properties the specification defines must have one of their
 * values (`unset` too); unknown properties are errors here, as they would be typos.
 */
export function editorconfigParses(text: string): EditorConfig {
  const config: EditorConfig = { root: false, sections: [] };
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const fail = (why: string): never => {
      throw new Error(`.editorconfig line ${i + 1}: ${why}: ${raw}`);
    };
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[")) {
      if (!line.endsWith("]")) fail("a section header must end with ]");
      const glob = line.slice(1, -1);
      if (glob === "") fail("empty section glob");
      let braces = 0;
      for (const char of glob) {
        braces += char === "{" ? 1 : char === "}" ? -1 : 0;
        if (braces < 0) fail("unbalanced braces");
      }
      if (braces !== 0) fail("unbalanced braces");
      config.sections.push({ glob, properties: {} });
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) fail("expected key = value");
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim().toLowerCase();
    if (value === "") fail("empty value");
    const section = config.sections[config.sections.length - 1];
    if (section === undefined) {
      if (key !== "root") fail("only `root` may come before the first section");
      if (!BOOLEAN.includes(value)) fail("root must be true or false");
      config.root = value === "true";
      continue;
    }
    if (key === "root") fail("`root` belongs before the first section");
    const valid = EDITORCONFIG_VALUES[key];
    if (valid === undefined) fail(`unknown property ${key}`);
    if (value !== "unset" && !valid!(value)) fail(`invalid value for ${key}`);
    if (key in section.properties) fail(`duplicate property ${key}`);
    section.properties[key] = value;
  }
  return config;
}
