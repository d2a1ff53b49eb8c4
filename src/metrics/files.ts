import type { ReadableFileSystem } from "../fs/port.ts";
import { runGit } from "./git.ts";
import { languageOf } from "./languages.ts";
import { SKIPPED_DIRS, walkProject } from "../fs/walk.ts";

export interface ListOptions {
  /** Paths trinity manages, never counted. */
  managed?: ReadonlySet<string>;
  /** Ask git for the file list when the project is a git work tree (fast, and git's own ignore rules). */
  useGit: boolean;
  /**
   * Told how many entries git listed, before they are filtered and sorted, so a caller can start
   * slow preparations (the scan's threads) while that happens.
   */
  onListed?: (entries: number) => void;
}

/** How the file list was made, reported with the metrics. */
export type ListSource = "git" | "walk";

/** The files the scan reads, in path order, and how they were listed. */
export interface SourceFiles {
  paths: string[];
  source: ListSource;
}

/**
 * The source files the scan reads: files with a known source extension that are not ignored, not
 * under a dependency, build or cache folder, not minified by name, and not managed by trinity.
 * In a git work tree, git lists them (tracked files plus untracked files its ignore rules allow:
 * the real semantics, at C speed) in a background process, so the caller can do other work (detect
 * the stack) until it awaits the list; elsewhere trinity walks the tree with the same rules.
 */
export async function listSourceFiles(fs: ReadableFileSystem, options: ListOptions): Promise<SourceFiles> {
  const keep = (path: string) => languageOf(path) !== null && !isMinifiedName(path) && !options.managed?.has(path);
  const listed = options.useGit ? await gitListing(fs.root) : null;
  if (listed !== null) {
    options.onListed?.(listed.length);
    const paths: string[] = [];
    let previous = "";
    for (const path of listed) {
      // git lists a path once per merge stage while a conflict is unresolved; those copies are adjacent.
      if (path !== previous && keep(path) && !SKIPPED_PATH.test(path)) paths.push(path);
      previous = path;
    }
    return { paths: inPathOrder(paths), source: "git" };
  }
  return { paths: inPathOrder(walkProject(fs, { acceptFile: keep })), source: "walk" };
}

/** A path inside one of the skipped folders, at any depth. */
const SKIPPED_PATH = new RegExp(`(?:^|/)(?:${[...SKIPPED_DIRS].map((dir) => dir.replace(/[.]/g, "\\.")).join("|")})/`);

/** The paths sorted; git's lists usually come sorted already, and checking is cheaper than sorting. */
function inPathOrder(paths: string[]): string[] {
  for (let k = 1; k < paths.length; k++) if (paths[k - 1]! > paths[k]!) return paths.sort();
  return paths;
}

/** `git ls-files` for the work tree at `root`, or null when git or the repository is unavailable. */
async function gitListing(root: string): Promise<string[] | null> {
  const listed = await runGit(root, ["ls-files", "--cached", "--others", "--exclude-standard", "-z"]);
  if (listed.status !== 0) return null;
  return listed.stdout === "" ? [] : listed.stdout.split("\0").filter(Boolean);
}

function isMinifiedName(path: string): boolean {
  return path.endsWith(".bundle.js") || (path.includes(".min.") && /\.min\.[a-z]+$/i.test(path));
}
