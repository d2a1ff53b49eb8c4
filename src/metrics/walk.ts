import ignore, { type Ignore } from "ignore";
import { decodeText, type ReadableFileSystem } from "../fs/port.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";

/**
 * Directories the scan never enters, wherever they are: version control, trinity's own state,
 * dependencies, virtual environments, build output and caches.
 */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  ".trinity",
  ".claude",
  "node_modules",
  "bower_components",
  "jspm_packages",
  "vendor",
  "third_party",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  "dist",
  "build",
  "target",
  "out",
  "coverage",
  ".next",
  ".nuxt",
  ".svelte-kit",
  ".astro",
  ".turbo",
  ".cache",
  ".dart_tool",
  ".gradle",
  "Pods",
  "DerivedData",
]);

/** One level of .gitignore rules, with the directory they are relative to. */
interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/**
 * Lists the project's files that are not ignored, with real gitignore semantics: the root
 * `.gitignore`, `.git/info/exclude` and every nested `.gitignore`, deeper files taking precedence.
 */
export function walkProject(fs: ReadableFileSystem, accept: (path: string) => boolean): string[] {
  const found: string[] = [];
  const rootRules = ignore();
  addRules(rootRules, fs, projectPath(".git/info/exclude"));
  const visit = (dir: string, levels: IgnoreLevel[]): void => {
    const dirPath = dir === "" ? undefined : projectPath(dir);
    const entries = fs.list(dirPath);
    let here = levels;
    if (entries.some((entry) => entry.name === ".gitignore" && entry.kind === "file")) {
      const rules = ignore();
      addRules(rules, fs, projectPath(dir === "" ? ".gitignore" : `${dir}/.gitignore`));
      here = [...levels, { dir, rules }];
    }
    for (const entry of entries) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      // Symbolic links are not followed: they may point outside the project or form cycles.
      if (entry.kind === "dir") {
        if (SKIPPED_DIRS.has(entry.name) || isIgnored(here, path, true)) continue;
        visit(path, here);
      } else if (entry.kind === "file") {
        if (isIgnored(here, path, false)) continue;
        if (accept(path)) found.push(path);
      }
    }
  };
  visit("", [{ dir: "", rules: rootRules }]);
  return found;
}

function addRules(rules: Ignore, fs: ReadableFileSystem, path: ProjectPath): void {
  const data = fs.read(path);
  if (data === null) return;
  try {
    rules.add(decodeText(path, data));
  } catch {
    // an ignore file that is not UTF-8 text contributes no rules
  }
}

/** The deepest level with a verdict on the path decides, as in git. */
function isIgnored(levels: readonly IgnoreLevel[], path: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    const relative = level.dir === "" ? path : path.slice(level.dir.length + 1);
    const result = level.rules.test(isDir ? `${relative}/` : relative);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}
