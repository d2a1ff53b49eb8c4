import ignore, { type Ignore } from "ignore";
import { decodeText, type ReadableFileSystem } from "./port.ts";
import { projectPath } from "./path.ts";

/**
 * Folders no project walk enters, wherever they are: version control, trinity's own state,
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

export interface WalkOptions {
  /** Called for each file that is not ignored; return true to collect it. */
  acceptFile?: (path: string) => boolean;
  /** Called for each directory that is not ignored or skipped (root-relative); return false to not enter it. */
  enterDir?: (path: string, depth: number) => boolean;
  /** Deepest directory level to enter (the root is 0). */
  maxDepth?: number;
}

/**
 * Walks the project with real gitignore semantics: the root `.gitignore`, `.git/info/exclude` and
 * every nested `.gitignore`, deeper files taking precedence. Links to directories are not entered
 * (they may point outside the project or form cycles). Returns the accepted files.
 */
export function walkProject(fs: ReadableFileSystem, options: WalkOptions = {}): string[] {
  const found: string[] = [];
  const rootRules = ignore();
  addRules(rootRules, fs, ".git/info/exclude");
  const visit = (dir: string, depth: number, levels: IgnoreLevel[]): void => {
    const entries = fs.list(dir === "" ? undefined : projectPath(dir));
    let here = levels;
    if (entries.some((entry) => entry.name === ".gitignore" && entry.kind === "file")) {
      const rules = ignore();
      addRules(rules, fs, dir === "" ? ".gitignore" : `${dir}/.gitignore`);
      here = [...levels, { dir, rules }];
    }
    for (const entry of entries) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.kind === "dir") {
        if (depth + 1 > (options.maxDepth ?? Number.POSITIVE_INFINITY)) continue;
        if (SKIPPED_DIRS.has(entry.name) || isIgnored(here, path, true)) continue;
        if (options.enterDir && !options.enterDir(path, depth + 1)) continue;
        visit(path, depth + 1, here);
      } else if ((entry.kind === "file" || entry.kind === "symlink") && options.acceptFile) {
        // Links are listed like files (as git lists them); readers decide not to follow them.
        if (!isIgnored(here, path, false) && options.acceptFile(path)) found.push(path);
      }
    }
  };
  visit("", 0, [{ dir: "", rules: rootRules }]);
  return found;
}

function addRules(rules: Ignore, fs: ReadableFileSystem, path: string): void {
  const data = fs.read(projectPath(path));
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
