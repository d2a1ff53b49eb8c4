import { lt, minVersion } from "semver";
import type { Ecosystem } from "../detect/types.ts";
import { projectPath } from "../fs/path.ts";
import { decodeText, type ReadableFileSystem } from "../fs/port.ts";
import { isObject, parseJson, parseToml } from "../formats/parse.ts";
import { findBlock } from "../plan/blocks.ts";
import { nodeDevDependencies, NODE_DEV_DEPENDENCIES, NODE_SCRIPTS, PYTHON_DEV_DEPENDENCIES, type LintToolId, type Tooling } from "./tools.ts";

/**
 * Where the chosen linting and CI setup goes in this project (PRODUCT.md §6): which config files
 * are written, what is added to package.json, pyproject.toml or requirements-dev.txt, and what is
 * left alone because the project already configures that tool. Reads the project; writes nothing.
 * Files trinity recorded in an earlier run are its own, so they never count as "already configured".
 */
export interface ToolingLayout {
  /** Whole files rendered from a template. */
  files: { template: string; path: string; eco: Ecosystem | null }[];
  /** Keys added to a package.json when absent: devDependencies and scripts. */
  packageJson: PackageJsonAdditions[];
  /** One `#`-marked block per pyproject.toml: development dependencies, then Ruff's tables. */
  pyproject: PyprojectBlock[];
  /** One `#`-marked block per requirements-dev.txt: the requirement lines. */
  requirements: { path: string; lines: string[] }[];
  /** Where the GitLab pipeline goes. */
  gitlabFile: string;
  /** What the user should know: tools left alone, install commands, lines to add by hand. */
  notes: string[];
}

export interface PackageJsonAdditions {
  path: string;
  /** The package's directory (the ecosystem path). */
  dir: string;
  additions: KeyAddition[];
  /** How many of the devDependencies are not there yet (detection counts them once added). */
  newDevDependencies: number;
  /** The package's scripts once the additions are made. */
  scripts: string[];
}

export interface KeyAddition {
  /** The JSON path of the key: ["devDependencies", "eslint"]. */
  path: string[];
  value: string;
}

export interface PyprojectBlock {
  path: string;
  eco: Ecosystem;
  /** Render Ruff's `[tool.ruff]` tables into the block. */
  ruff: boolean;
  /** TOML lines for the development dependencies (a table header first when the block opens a new table). */
  dependencyLines: string[];
  /** Where a new block goes: the end of the file, or before a line (the end of the table the dependencies join). */
  placement: { beforeLine: number } | "end";
}

export const GITLAB_CI = ".gitlab-ci.yml";
export const GITLAB_INCLUDE = ".gitlab/trinity-ci.yml";

/** Config files that mean a tool is already set up, relative to the package directory. */
const EXISTING_CONFIGS: Readonly<Partial<Record<LintToolId, readonly string[]>>> = {
  eslint: ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts", ".eslintrc", ".eslintrc.js", ".eslintrc.cjs", ".eslintrc.json", ".eslintrc.yml", ".eslintrc.yaml"],
  prettier: [".prettierrc", ".prettierrc.json", ".prettierrc.json5", ".prettierrc.yml", ".prettierrc.yaml", ".prettierrc.toml", ".prettierrc.js", ".prettierrc.cjs", ".prettierrc.mjs", "prettier.config.js", "prettier.config.cjs", "prettier.config.mjs", "prettier.config.ts"],
  husky: [".husky/pre-commit", ".lintstagedrc", ".lintstagedrc.json", ".lintstagedrc.yml", ".lintstagedrc.yaml", ".lintstagedrc.js", ".lintstagedrc.cjs", ".lintstagedrc.mjs", "lint-staged.config.js", "lint-staged.config.cjs", "lint-staged.config.mjs"],
  ruff: ["ruff.toml", ".ruff.toml"],
  "pre-commit": [".pre-commit-config.yaml", ".pre-commit-config.yml"],
  rustfmt: ["rustfmt.toml", ".rustfmt.toml"],
  clippy: ["clippy.toml", ".clippy.toml"],
  "golangci-lint": [".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"],
  "dart-analysis": ["analysis_options.yaml"],
  editorconfig: [".editorconfig"],
};

/** package.json keys that configure a tool inline. */
const PACKAGE_JSON_KEYS: Readonly<Partial<Record<LintToolId, string>>> = { eslint: "eslintConfig", prettier: "prettier", husky: "lint-staged" };

const LABELS: Readonly<Record<LintToolId, string>> = {
  eslint: "ESLint",
  prettier: "Prettier",
  husky: "Husky and lint-staged",
  ruff: "Ruff",
  "pre-commit": "pre-commit",
  rustfmt: "rustfmt",
  clippy: "Clippy",
  "golangci-lint": "golangci-lint",
  "dart-analysis": "the Dart analyzer",
  editorconfig: "EditorConfig",
};

const join = (dir: string, name: string) => (dir === "." ? name : `${dir}/${name}`);

export function toolingLayout(fs: ReadableFileSystem, ecosystems: readonly Ecosystem[], tooling: Tooling, managed: ReadonlySet<string>): ToolingLayout {
  const layout: ToolingLayout = { files: [], packageJson: [], pyproject: [], requirements: [], gitlabFile: GITLAB_CI, notes: [] };
  const isUserFile = (path: string) => !managed.has(path) && fs.stat(projectPath(path))?.kind === "file";
  const chosen = (tool: LintToolId) => tooling.lint.includes(tool);
  /** The first existing config of a tool in a directory that trinity did not write, or null. */
  const existingConfig = (tool: LintToolId, dir: string) => (EXISTING_CONFIGS[tool] ?? []).map((name) => join(dir, name)).find(isUserFile) ?? null;
  const leftAlone = (tool: LintToolId, config: string) => layout.notes.push(`${LABELS[tool]}: ${config} already configures it; left alone`);
  /** Adds a file unless the project configures the tool already; true when added. */
  const addFile = (tool: LintToolId, dir: string, template: string, name: string, eco: Ecosystem | null): boolean => {
    const config = existingConfig(tool, dir);
    if (config !== null) {
      leftAlone(tool, config);
      return false;
    }
    layout.files.push({ template, path: join(dir, name), eco });
    return true;
  };
  /** Prettier's ignore file, unless the package has one: without it `format:check` would also check lock files and trinity's documents. */
  const addIgnoreFile = (dir: string) => {
    const path = join(dir, ".prettierignore");
    if (!isUserFile(path)) layout.files.push({ template: "tooling/prettierignore.eta", path, eco: null });
  };
  const byPath = uniqueByPath(ecosystems);

  for (const eco of byPath.filter((e) => e.id === "node")) {
    const manifestPath = join(eco.path, "package.json");
    const manifest = readJsonObject(fs, manifestPath);
    const inline = (tool: LintToolId) => manifest !== null && PACKAGE_JSON_KEYS[tool] !== undefined && PACKAGE_JSON_KEYS[tool]! in manifest;
    const set: LintToolId[] = [];
    for (const tool of ["eslint", "prettier", "husky"] as const) {
      if (!chosen(tool) || (tool === "husky" && eco.path !== ".")) continue;
      if (inline(tool)) {
        leftAlone(tool, `the "${PACKAGE_JSON_KEYS[tool]}" key of ${manifestPath}`);
        continue;
      }
      const added =
        tool === "eslint"
          ? addFile(tool, eco.path, "tooling/eslint.config.js.eta", eco.moduleType === "esm" ? "eslint.config.js" : "eslint.config.mjs", eco)
          : tool === "prettier"
            ? addFile(tool, eco.path, "tooling/prettierrc.json.eta", ".prettierrc.json", eco) && (addIgnoreFile(eco.path), true)
            : addFile(tool, ".", "tooling/husky-pre-commit.eta", ".husky/pre-commit", eco) && (layout.files.push({ template: "tooling/lintstagedrc.json.eta", path: ".lintstagedrc.json", eco }), true);
      if (added) set.push(tool);
    }
    if (set.length === 0) continue;
    if (manifest === null) {
      const names = set.map((tool) => LABELS[tool]).join(", ");
      layout.notes.push(`${manifestPath} is not a valid JSON object, so the development dependencies and scripts for ${names} were not added; fix it and run \`trinity update\``);
      continue;
    }
    const typescript = eco.languages.includes("typescript");
    const additions: KeyAddition[] = [];
    for (const tool of set) {
      for (const name of nodeDevDependencies(tool, typescript)) additions.push({ path: ["devDependencies", name], value: NODE_DEV_DEPENDENCIES[name]! });
      for (const [script, command] of Object.entries(NODE_SCRIPTS[tool] ?? {})) additions.push({ path: ["scripts", script], value: command });
    }
    const existing = (key: string) => (isObject(manifest[key]) ? Object.keys(manifest[key]) : []);
    const scripts = [...new Set([...existing("scripts"), ...additions.filter((a) => a.path[0] === "scripts").map((a) => a.path[1]!)])];
    const newDevDependencies = additions.filter((a) => a.path[0] === "devDependencies" && !existing("devDependencies").includes(a.path[1]!) && !existing("dependencies").includes(a.path[1]!)).length;
    layout.packageJson.push({ path: manifestPath, dir: eco.path, additions, newDevDependencies, scripts });
    const eslintWanted = set.includes("eslint") ? declaredVersion(manifest, "eslint") : null;
    if (eslintWanted !== null && allowsBelow(eslintWanted, `${ESLINT_DEFINE_CONFIG}.0`)) {
      layout.notes.push(
        `${manifestPath} asks for eslint ${eslintWanted}, and the new eslint.config uses defineConfig, which needs ESLint ${ESLINT_DEFINE_CONFIG} or later: raise it to ^${ESLINT_DEFINE_CONFIG}.0 (trinity never changes a version you chose)`,
      );
    }
    layout.notes.push(`${manifestPath}: dev dependencies added where absent; run \`${eco.packageManager ?? "npm"} install\` to install them`);
  }

  for (const eco of byPath.filter((e) => e.id === "python")) planPython(fs, eco, tooling, layout, existingConfig, leftAlone);

  for (const eco of byPath) {
    if (eco.id === "rust") {
      if (chosen("rustfmt")) addFile("rustfmt", eco.path, "tooling/rustfmt.toml.eta", "rustfmt.toml", eco);
      if (chosen("clippy")) addFile("clippy", eco.path, "tooling/clippy.toml.eta", "clippy.toml", eco);
      if (chosen("rustfmt") || chosen("clippy")) layout.notes.push("rustfmt and Clippy come with the Rust toolchain: `rustup component add rustfmt clippy`");
    }
    if (eco.id === "go" && chosen("golangci-lint") && addFile("golangci-lint", eco.path, "tooling/golangci.yml.eta", ".golangci.yml", eco)) {
      layout.notes.push("golangci-lint is installed separately (https://golangci-lint.run); the config uses its version 2 format");
    }
    if (eco.id === "dart" && chosen("dart-analysis") && addFile("dart-analysis", eco.path, "tooling/analysis_options.yaml.eta", "analysis_options.yaml", eco)) {
      const flutter = eco.frameworks.includes("flutter");
      layout.notes.push(`${join(eco.path, "analysis_options.yaml")} includes ${flutter ? "flutter_lints" : "lints"}: run \`${flutter ? "flutter pub add --dev flutter_lints" : "dart pub add --dev lints"}\``);
    }
  }
  if (chosen("pre-commit")) addFile("pre-commit", ".", "tooling/pre-commit-config.yaml.eta", ".pre-commit-config.yaml", null);
  if (chosen("editorconfig")) addFile("editorconfig", ".", "tooling/editorconfig.eta", ".editorconfig", null);

  if (tooling.ci !== null) {
    if (tooling.ci === "github") layout.files.push({ template: "ci/github.yml.eta", path: ".github/workflows/trinity-ci.yml", eco: null });
    if (tooling.ci === "gitlab") {
      if (isUserFile(GITLAB_CI)) {
        layout.gitlabFile = GITLAB_INCLUDE;
        layout.notes.push(`${GITLAB_CI} is yours, so the pipeline is in ${GITLAB_INCLUDE}: add \`include: [{ local: ${GITLAB_INCLUDE} }]\` to ${GITLAB_CI} to run it`);
      }
      layout.files.push({ template: "ci/gitlab.yml.eta", path: layout.gitlabFile, eco: null });
    }
    layout.files.push({ template: "ci/generic.yml.eta", path: ".claude/trinity/templates/ci/generic-ci.yml", eco: null });
  }
  return layout;
}

/** Ruff and the Python development dependencies, placed where the project keeps them. */
function planPython(
  fs: ReadableFileSystem,
  eco: Ecosystem,
  tooling: Tooling,
  layout: ToolingLayout,
  existingConfig: (tool: LintToolId, dir: string) => string | null,
  leftAlone: (tool: LintToolId, config: string) => void,
): void {
  const wantsRuff = tooling.lint.includes("ruff");
  const wantsPreCommit = tooling.lint.includes("pre-commit");
  if (!wantsRuff && !wantsPreCommit) return;
  const pyprojectPath = join(eco.path, "pyproject.toml");
  const fullText = fs.stat(projectPath(pyprojectPath))?.kind === "file" ? decodeText(pyprojectPath, fs.read(projectPath(pyprojectPath))!) : null;
  // The project's own text: trinity's block (from an earlier run) taken out, so decisions do not depend on it.
  const userText = fullText === null ? null : withoutHashBlock(fullText, pyprojectPath);
  const parsed = userText === null ? null : parseToml(userText);
  if (parsed !== null && !parsed.ok) {
    layout.notes.push(`${pyprojectPath} is not valid TOML, so Ruff and the development dependencies were not set up there`);
    return;
  }
  const data = parsed?.ok && isObject(parsed.value) ? parsed.value : null;
  let ruff = false; // Ruff's tables go into the pyproject block
  let ruffSetUp = false;
  if (wantsRuff) {
    const config = existingConfig("ruff", eco.path) ?? (isObject(data?.tool) && "ruff" in data.tool ? `the [tool.ruff] table of ${pyprojectPath}` : null);
    if (config !== null) leftAlone("ruff", config);
    else if (data === null) layout.files.push({ template: "tooling/ruff.toml.eta", path: join(eco.path, "ruff.toml"), eco });
    else ruff = true;
    ruffSetUp = config === null;
  }
  const requirementsPath = join(eco.path, "requirements-dev.txt");
  const requirementsExists = fs.stat(projectPath(requirementsPath))?.kind === "file";
  const requirementsText = requirementsExists ? withoutHashBlock(decodeText(requirementsPath, fs.read(projectPath(requirementsPath))!), requirementsPath) : "";
  const wanted = [...(ruffSetUp ? (["ruff"] as const) : []), ...(wantsPreCommit ? (["pre-commit"] as const) : [])];
  const missing = wanted.filter((name) => !declares(data, requirementsText, name));
  const dependencies = placeDependencies(data, userText, eco, missing, requirementsExists);
  if (dependencies.where === "requirements") {
    if (missing.length > 0) {
      layout.requirements.push({ path: requirementsPath, lines: missing.map((name) => `${name}${PYTHON_DEV_DEPENDENCIES[name]}`) });
      layout.notes.push(`${requirementsPath}: ${missing.join(" and ")} added; run \`pip install -r ${requirementsPath}\``);
    }
  } else if (missing.length > 0) {
    layout.notes.push(`${pyprojectPath}: ${missing.join(" and ")} added to the development dependencies${dependencies.note}; run \`${installCommand(eco.packageManager)}\``);
  }
  const lines = dependencies.where === "pyproject" && missing.length > 0 ? dependencies.lines : [];
  const placement = dependencies.where === "pyproject" && lines.length > 0 && !dependencies.newTable ? dependencies.placement : "end";
  if (ruff || lines.length > 0) layout.pyproject.push({ path: pyprojectPath, eco, ruff, dependencyLines: lines, placement });
}

function installCommand(packageManager: string | null): string {
  if (packageManager === "poetry") return "poetry install";
  if (packageManager === "uv") return "uv sync";
  if (packageManager === "pdm") return "pdm install -G dev";
  return "pip install --group dev";
}

type DependencyPlace =
  | { where: "requirements" }
  | { where: "pyproject"; lines: string[]; newTable: boolean; placement: { beforeLine: number } | "end"; note: string };

/**
 * The project's convention for development dependencies: a Poetry dev group, a PEP 735
 * `[dependency-groups]` table, or requirements-dev.txt. Dependencies joining an existing table go
 * at that table's end (before the next table header), so Ruff's tables can follow in the same block.
 */
function placeDependencies(data: Record<string, unknown> | null, userText: string | null, eco: Ecosystem, missing: readonly string[], hasRequirements: boolean): DependencyPlace {
  if (data === null || userText === null) return { where: "requirements" };
  const tool = isObject(data.tool) ? data.tool : {};
  const poetry = isObject(tool.poetry) ? tool.poetry : null;
  const version = (name: string) => PYTHON_DEV_DEPENDENCIES[name]!;
  if (poetry !== null || eco.packageManager === "poetry") {
    const groups = isObject(poetry?.group) ? poetry!.group : {};
    const header = isObject(groups.dev) && isObject(groups.dev.dependencies) ? "tool.poetry.group.dev.dependencies" : isObject(poetry?.["dev-dependencies"]) ? "tool.poetry.dev-dependencies" : null;
    const entries = missing.map((name) => `${name} = "${version(name)}"`);
    if (header === null) return { where: "pyproject", lines: ["[tool.poetry.group.dev.dependencies]", ...entries], newTable: true, placement: "end", note: " (Poetry's dev group)" };
    const end = tableEnd(userText, header);
    return end === null ? { where: "requirements" } : { where: "pyproject", lines: entries, newTable: false, placement: { beforeLine: end }, note: " (Poetry's dev group)" };
  }
  const groups = isObject(data["dependency-groups"]) ? data["dependency-groups"] : null;
  const list = `[${missing.map((name) => JSON.stringify(`${name}${version(name)}`)).join(", ")}]`;
  if (groups !== null) {
    const end = tableEnd(userText, "dependency-groups");
    if (end === null) return { where: "requirements" };
    // An existing `dev` list cannot be extended from outside it, so the tools get a group of their own.
    if ("dev" in groups) return { where: "pyproject", lines: [`lint = ${list}`], newTable: false, placement: { beforeLine: end }, note: ' (a new "lint" dependency group; add `{include-group = "lint"}` to "dev" to install it with the others)' };
    return { where: "pyproject", lines: [`dev = ${list}`], newTable: false, placement: { beforeLine: end }, note: ' (the "dev" dependency group)' };
  }
  // No convention yet: an existing requirements-dev.txt wins, else the standard PEP 735 "dev" group.
  if (hasRequirements) return { where: "requirements" };
  return { where: "pyproject", lines: ["[dependency-groups]", `dev = ${list}`], newTable: true, placement: "end", note: ' (the "dev" dependency group)' };
}

/** Whether the project already declares a package anywhere it keeps dependencies. */
function declares(data: Record<string, unknown> | null, requirementsText: string, name: string): boolean {
  const pattern = new RegExp(`^\\s*${name.replace(/-/g, "[-_.]")}\\s*($|[<>=!~;\\[ ])`, "im");
  if (requirementsText.split("\n").some((line) => pattern.test(line))) return true;
  if (data === null) return false;
  const strings: string[] = [];
  const keys: string[] = [];
  const project = isObject(data.project) ? data.project : {};
  if (Array.isArray(project.dependencies)) strings.push(...project.dependencies.filter((d): d is string => typeof d === "string"));
  if (isObject(project["optional-dependencies"])) for (const list of Object.values(project["optional-dependencies"])) if (Array.isArray(list)) strings.push(...list.filter((d): d is string => typeof d === "string"));
  if (isObject(data["dependency-groups"])) for (const list of Object.values(data["dependency-groups"])) if (Array.isArray(list)) strings.push(...list.filter((d): d is string => typeof d === "string"));
  const poetry = isObject(data.tool) && isObject(data.tool.poetry) ? data.tool.poetry : {};
  if (isObject(poetry.dependencies)) keys.push(...Object.keys(poetry.dependencies));
  if (isObject(poetry["dev-dependencies"])) keys.push(...Object.keys(poetry["dev-dependencies"]));
  if (isObject(poetry.group)) for (const group of Object.values(poetry.group)) if (isObject(group) && isObject(group.dependencies)) keys.push(...Object.keys(group.dependencies));
  const normal = (text: string) => text.toLowerCase().replace(/[-_.]+/g, "-");
  return keys.some((key) => normal(key) === normal(name)) || strings.some((spec) => pattern.test(spec));
}

/**
 * The line index where a table ends: the next table header after `[name]`, or the line count.
 * Null when the header is not written plainly on a line of its own (then trinity does not guess).
 */
export function tableEnd(text: string, name: string): number | null {
  const lines = text.split("\n");
  const header = lines.findIndex((line) => line.replace(/#.*$/, "").trim() === `[${name}]`);
  if (header === -1) return null;
  let end = lines.length;
  for (let i = header + 1; i < lines.length; i++) {
    if (/^\[/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  // Right after the table's last line: blank lines before the next header stay between the tables.
  while (end > header + 1 && lines[end - 1]!.trim() === "") end--;
  return end;
}

function withoutHashBlock(text: string, path: string): string {
  const location = findBlock(text, "hash", path);
  return location === null ? text : text.slice(0, location.start) + text.slice(location.end);
}

function readJsonObject(fs: ReadableFileSystem, path: string): Record<string, unknown> | null {
  const data = fs.read(projectPath(path));
  if (data === null) return null;
  const parsed = parseJson(decodeText(path, data));
  return parsed.ok && isObject(parsed.value) ? parsed.value : null;
}

/** The first ESLint release with `defineConfig` (from "eslint/config"), which the generated config imports. */
const ESLINT_DEFINE_CONFIG = "9.22";

/** The version range a package.json declares for a package, in devDependencies or dependencies. */
function declaredVersion(manifest: Record<string, unknown>, name: string): string | null {
  for (const key of ["devDependencies", "dependencies"]) {
    const section = manifest[key];
    if (isObject(section) && typeof section[name] === "string") return section[name];
  }
  return null;
}

/**
 * Whether a version range lets the package manager install a version below `version`: its lowest
 * match is. Ranges semver cannot read ("latest", "workspace:*", a git URL) are not judged.
 */
function allowsBelow(range: string, version: string): boolean {
  try {
    const lowest = minVersion(range);
    return lowest !== null && lt(lowest, version);
  } catch {
    return false;
  }
}

function uniqueByPath(ecosystems: readonly Ecosystem[]): Ecosystem[] {
  const seen = new Set<string>();
  return ecosystems.filter((eco) => {
    const key = `${eco.id}:${eco.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
