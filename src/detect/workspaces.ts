import { SKIPPED_DIRS, walkProject } from "../fs/walk.ts";
import { listAt, objectAt, ProjectReader } from "./reader.ts";

/** How deep below the root undeclared nested projects are looked for (PRODUCT.md §4). */
export const NESTED_DEPTH = 3;

/** Files that make a directory a project of some ecosystem. */
const MANIFESTS = new Set([
  "package.json",
  "deno.json",
  "deno.jsonc",
  "pyproject.toml",
  "setup.py",
  "setup.cfg",
  "requirements.txt",
  "Pipfile",
  "Cargo.toml",
  "go.mod",
  "pubspec.yaml",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "Gemfile",
  "composer.json",
  "Package.swift",
]);

/** Folders that hold sample projects for tests or docs, not parts of this one. */
const NOT_MEMBERS = new Set(["fixtures", "__fixtures__", "testdata", "test-fixtures", "__snapshots__"]);

/**
 * The member directories the root's workspace files declare: npm/Yarn `workspaces`,
 * pnpm-workspace.yaml, Cargo `[workspace]`, go.work, Gradle `include`, Maven `<modules>`,
 * uv `[tool.uv.workspace]`, Deno `workspace`, and the projects of a .NET solution.
 * Globs (`*`, `**`) and exclusions (`!pattern`, Cargo/uv `exclude`) are resolved against the tree.
 */
export function declaredMembers(reader: ProjectReader): string[] {
  const patterns: string[] = [];
  const excluded: string[] = [];
  const strings = (values: unknown[]) => values.filter((value): value is string => typeof value === "string");

  const packageJson = reader.isFile("package.json") ? reader.json("package.json") : null;
  const workspaces = packageJson?.workspaces;
  patterns.push(...strings(Array.isArray(workspaces) ? workspaces : listAt(workspaces, "packages")));
  if (reader.isFile("pnpm-workspace.yaml")) patterns.push(...strings(listAt(reader.yaml("pnpm-workspace.yaml"), "packages")));
  if (reader.isFile("Cargo.toml")) {
    const workspace = objectAt(reader.toml("Cargo.toml"), "workspace");
    patterns.push(...strings(listAt(workspace, "members")));
    excluded.push(...strings(listAt(workspace, "exclude")));
  }
  if (reader.isFile("go.work")) patterns.push(...goWorkUses(reader.text("go.work") ?? ""));
  const settings = reader.firstFile(".", ["settings.gradle.kts", "settings.gradle"]);
  if (settings !== null) patterns.push(...gradleIncludes(reader.text(settings) ?? ""));
  if (reader.isFile("pom.xml")) patterns.push(...strings(listAt(objectAt(reader.xml("pom.xml"), "project", "modules"), "module")));
  if (reader.isFile("pyproject.toml")) {
    const workspace = objectAt(reader.toml("pyproject.toml"), "tool", "uv", "workspace");
    patterns.push(...strings(listAt(workspace, "members")));
    excluded.push(...strings(listAt(workspace, "exclude")));
  }
  if (reader.isFile("deno.json")) patterns.push(...strings(listAt(reader.json("deno.json"), "workspace")));
  for (const solution of reader.list(".").filter((name) => name.endsWith(".sln"))) {
    patterns.push(...solutionProjects(reader.text(solution) ?? ""));
  }

  for (const pattern of patterns) if (pattern.startsWith("!")) excluded.push(pattern.slice(1));
  const excludedDirs = new Set(excluded.flatMap((pattern) => expandDirectories(reader, normalise(pattern))));
  const members = patterns
    .filter((pattern) => !pattern.startsWith("!"))
    .flatMap((pattern) => expandDirectories(reader, normalise(pattern)))
    .filter((dir) => dir !== "." && !excludedDirs.has(dir));
  return [...new Set(members)].sort();
}

/** Directories up to NESTED_DEPTH levels down that hold a manifest, skipping ignored, vendored and sample folders. */
export function nestedProjects(reader: ProjectReader): string[] {
  const found = new Set<string>();
  walkProject(reader.fs, {
    maxDepth: NESTED_DEPTH,
    enterDir: (path) => !NOT_MEMBERS.has(path.slice(path.lastIndexOf("/") + 1)),
    acceptFile: (path) => {
      const slash = path.lastIndexOf("/");
      const name = path.slice(slash + 1);
      if (slash !== -1 && (MANIFESTS.has(name) || name.endsWith(".csproj"))) found.add(path.slice(0, slash));
      return false;
    },
  });
  return [...found].sort();
}

/** `./a/b/`, `a/b` → `a/b`; a Windows separator becomes `/`. */
function normalise(pattern: string): string {
  const path = pattern.replaceAll("\\", "/").replace(/^\.\//, "").replace(/\/+$/, "");
  return path === "" ? "." : path;
}

/** The directories matching a workspace pattern with `*` (one level) and `**` (any depth). */
function expandDirectories(reader: ProjectReader, pattern: string): string[] {
  if (pattern === ".") return ["."];
  const segments = pattern.split("/");
  if (segments.some((segment) => segment === "..")) return []; // outside the project
  let current = ["."];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of current) {
      if (segment === "**") {
        next.push(dir, ...descendants(reader, dir, 4));
      } else if (segment.includes("*")) {
        const matcher = new RegExp(`^${segment.split("*").map(escapeRegExp).join("[^/]*")}$`);
        for (const name of reader.list(dir)) {
          const path = ProjectReader.join(dir, name);
          if (matcher.test(name) && !SKIPPED_DIRS.has(name) && reader.isDir(path)) next.push(path);
        }
      } else {
        const path = ProjectReader.join(dir, segment);
        if (reader.isDir(path)) next.push(path);
      }
    }
    current = [...new Set(next)];
  }
  return current;
}

function descendants(reader: ProjectReader, dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return reader
    .list(dir)
    .filter((name) => !SKIPPED_DIRS.has(name) && !name.startsWith("."))
    .map((name) => ProjectReader.join(dir, name))
    .filter((path) => reader.isDir(path))
    .flatMap((path) => [path, ...descendants(reader, path, depth - 1)]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** The directories of go.work `use` directives (single and block form). */
export function goWorkUses(text: string): string[] {
  const uses: string[] = [];
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (inBlock) {
      if (line === ")") inBlock = false;
      else if (line !== "") uses.push(line);
    } else if (/^use\s*\($/.test(line)) {
      inBlock = true;
    } else if (line.startsWith("use ")) {
      uses.push(line.slice(4).trim());
    }
  }
  return uses.map((use) => use.replace(/^"|"$/g, ""));
}

/** Gradle `include(":app", ":libs:core")` / `include ':app'` → `app`, `libs/core`. */
export function gradleIncludes(text: string): string[] {
  const projects: string[] = [];
  for (const statement of text.matchAll(/^\s*include\s*\(?([^\n)]*)\)?/gm)) {
    for (const name of statement[1]!.matchAll(/["']([^"']+)["']/g)) projects.push(name[1]!.replace(/^:/, "").replaceAll(":", "/"));
  }
  return projects;
}

/** The folders of the C# projects a solution file lists. */
function solutionProjects(text: string): string[] {
  const dirs: string[] = [];
  for (const match of text.matchAll(/^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+\.csproj)"/gm)) {
    const path = match[1]!.replaceAll("\\", "/");
    dirs.push(path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".");
  }
  return dirs;
}
