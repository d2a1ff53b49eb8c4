import { isObject } from "../formats/parse.ts";
import { objectAt, ProjectReader } from "./reader.ts";
import { noCommands, type Commands, type Ecosystem, type Framework, type PackageManager, type TestFramework } from "./types.ts";

const MARKERS = ["pyproject.toml", "requirements.txt", "setup.py", "setup.cfg", "Pipfile"] as const;
const FRAMEWORKS: ReadonlyArray<readonly [string, Framework]> = [
  ["django", "django"],
  ["flask", "flask"],
  ["fastapi", "fastapi"],
];
const TEST_DIRS = ["tests", "test"] as const;
/** Folders at the top of a Python project that never hold the project's own package. */
const NOT_PACKAGES = new Set(["tests", "test", "docs", "doc", "scripts", "examples", "build", "dist", "venv", ".venv", "node_modules"]);

/** How each Python package manager runs a tool inside the project's environment. */
const RUN_PREFIX: Partial<Record<PackageManager, string>> = {
  poetry: "poetry run ",
  uv: "uv run ",
  pipenv: "pipenv run ",
  pdm: "pdm run ",
  pip: "",
};

/** How a Python package manager runs a tool from the project's environment (`poetry run ruff …`). */
export function pythonRunPrefix(packageManager: PackageManager | null): string {
  return (packageManager && RUN_PREFIX[packageManager]) || "";
}

const INSTALL: Partial<Record<PackageManager, string>> = {
  poetry: "poetry install",
  uv: "uv sync",
  pipenv: "pipenv install --dev",
  pdm: "pdm install",
};

/** Detects a Python project in `dir`. */
export function detectPython(reader: ProjectReader, dir: string, parent: Ecosystem | null = null): Ecosystem | null {
  const at = (name: string) => ProjectReader.join(dir, name);
  if (!MARKERS.some((name) => reader.isFile(at(name)))) return null;
  const pyproject = reader.isFile(at("pyproject.toml")) ? reader.toml(at("pyproject.toml")) : null;
  const pipfile = reader.isFile(at("Pipfile")) ? reader.toml(at("Pipfile")) : null;
  const tool = objectAt(pyproject, "tool");
  // A workspace member (uv, Poetry) without its own lockfile uses the root's manager.
  const packageManager = pythonPackageManager(reader, dir, tool, pipfile !== null) ?? parent?.packageManager ?? "pip";
  const { runtime, development } = pythonDependencies(reader, dir, pyproject, pipfile);
  const all = new Map([...development, ...runtime]);
  const has = (name: string) => all.has(name);

  const frameworks: Framework[] = [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  for (const [name, framework] of FRAMEWORKS) {
    if (!has(name)) continue;
    frameworks.push(framework);
    const spec = all.get(name);
    if (spec) frameworkVersions[framework] = spec;
  }

  const testDirs = reader.existingDirs(dir, TEST_DIRS);
  const pytest =
    has("pytest") ||
    "pytest" in tool ||
    ["pytest.ini", "conftest.py", "tox.ini"].some((name) => reader.isFile(at(name))) ||
    testDirs.some((testDir) => reader.isFile(ProjectReader.join(testDir, "conftest.py")));
  const testFrameworks: TestFramework[] = pytest ? ["pytest"] : testDirs.length > 0 ? ["unittest"] : [];

  const configured = (name: string, files: string[]) => has(name) || name in tool || files.some((file) => reader.isFile(at(file)));
  const run = RUN_PREFIX[packageManager] ?? "";
  const commands: Commands = noCommands();
  commands.install =
    INSTALL[packageManager] ??
    (reader.isFile(at("requirements.txt")) ? "pip install -r requirements.txt" : "pip install -e .");
  const ruff = configured("ruff", ["ruff.toml", ".ruff.toml"]);
  const flake8 = configured("flake8", [".flake8"]);
  const black = configured("black", []);
  commands.lint = ruff ? `${run}ruff check .` : flake8 ? `${run}flake8` : null;
  commands.lintFix = ruff ? `${run}ruff check --fix .` : null;
  commands.format = ruff ? `${run}ruff format --check .` : black ? `${run}black --check .` : null;
  commands.typecheck = configured("mypy", ["mypy.ini", ".mypy.ini"])
    ? `${run}mypy .`
    : configured("pyright", ["pyrightconfig.json"])
      ? `${run}pyright`
      : null;
  commands.test = pytest ? `${run}pytest` : testDirs.length > 0 ? `${run}python -m unittest discover` : null;
  commands.coverage = pytest && has("pytest-cov") ? `${run}pytest --cov` : null;
  commands.depAudit = has("pip-audit") ? `${run}pip-audit` : null;

  return {
    id: "python",
    path: dir,
    languages: ["python"],
    frameworks,
    packageManager,
    sourceDirs: pythonSourceDirs(reader, dir),
    testDirs,
    testFrameworks,
    moduleType: null,
    commands,
    frameworkVersions,
    dependencies: runtime.size,
    devDependencies: development.size,
  };
}

function pythonPackageManager(reader: ProjectReader, dir: string, tool: Record<string, unknown>, hasPipfile: boolean): PackageManager | null {
  const exists = (name: string) => reader.isFile(ProjectReader.join(dir, name));
  if ("poetry" in tool || exists("poetry.lock")) return "poetry";
  if ("uv" in tool || exists("uv.lock")) return "uv";
  if ("pdm" in tool || exists("pdm.lock")) return "pdm";
  if (hasPipfile || exists("Pipfile.lock")) return "pipenv";
  if (exists("requirements.txt") || exists("setup.py")) return "pip";
  return null;
}

/** Normalised requirement name (PEP 503) → version specifier ("" when none). */
type Requirements = Map<string, string>;

function pythonDependencies(
  reader: ProjectReader,
  dir: string,
  pyproject: Record<string, unknown> | null,
  pipfile: Record<string, unknown> | null,
): { runtime: Requirements; development: Requirements } {
  const runtime: Requirements = new Map();
  const development: Requirements = new Map();
  const project = objectAt(pyproject, "project");
  addRequirementList(runtime, project.dependencies);
  for (const list of Object.values(objectAt(project, "optional-dependencies"))) addRequirementList(development, list);
  for (const list of Object.values(objectAt(pyproject, "dependency-groups"))) addRequirementList(development, list);
  const poetry = objectAt(pyproject, "tool", "poetry");
  addRequirementTable(runtime, objectAt(poetry, "dependencies"));
  addRequirementTable(development, objectAt(poetry, "dev-dependencies"));
  for (const group of Object.values(objectAt(poetry, "group"))) addRequirementTable(development, objectAt(group, "dependencies"));
  addRequirementList(development, objectAt(pyproject, "tool", "uv")["dev-dependencies"]);
  for (const list of Object.values(objectAt(pyproject, "tool", "pdm", "dev-dependencies"))) addRequirementList(development, list);
  addRequirementTable(runtime, objectAt(pipfile, "packages"));
  addRequirementTable(development, objectAt(pipfile, "dev-packages"));
  runtime.delete("python");
  for (const file of reader.list(dir)) {
    if (!/^requirements.*\.txt$/.test(file)) continue;
    const target = /dev|test|lint/.test(file) ? development : runtime;
    for (const line of (reader.text(ProjectReader.join(dir, file)) ?? "").split(/\r?\n/)) addRequirement(target, line);
  }
  return { runtime, development };
}

function addRequirementList(target: Requirements, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) if (typeof item === "string") addRequirement(target, item);
}

function addRequirementTable(target: Requirements, table: Record<string, unknown>): void {
  for (const [name, spec] of Object.entries(table)) {
    const version = typeof spec === "string" ? spec : isObject(spec) && typeof spec.version === "string" ? spec.version : "";
    target.set(normaliseName(name), version === "*" ? "" : version);
  }
}

/** Adds one PEP 508 requirement line ("Django>=4.2; python_version>'3.8'"), ignoring options and comments. */
function addRequirement(target: Requirements, line: string): void {
  const text = line.replace(/#.*/, "").trim();
  if (text === "" || text.startsWith("-")) return;
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)/.exec(text);
  if (match?.[1]) target.set(normaliseName(match[1]), (match[3] ?? "").trim());
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** `src/`, else the top-level packages (folders with `__init__.py`), else `app/`. */
function pythonSourceDirs(reader: ProjectReader, dir: string): string[] {
  const src = ProjectReader.join(dir, "src");
  if (reader.isDir(src)) return [src];
  const packages = reader
    .list(dir)
    .filter((name) => !NOT_PACKAGES.has(name) && !name.startsWith("."))
    .map((name) => ProjectReader.join(dir, name))
    .filter((path) => reader.isFile(`${path}/__init__.py`));
  if (packages.length > 0) return packages;
  return reader.existingDirs(dir, ["app"]);
}
