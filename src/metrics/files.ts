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
   * Told how many entries each of git's lists has, before they are filtered and sorted, so a caller
   * can start slow preparations (the scan's threads) while that happens.
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
 * The files to read, in two parts, each in path order. In a git work tree `tracked` comes from the
 * index within milliseconds, while git still walks the tree for `untracked` files (the files its
 * ignore rules allow): the scan reads the first part during that walk. Elsewhere `tracked` holds
 * every file and `untracked` none.
 */
export interface SourceListing {
  tracked: Promise<SourceFiles>;
  untracked: Promise<string[]>;
}

/**
 * The source files the scan reads: files with a known source extension that are not ignored, not
 * under a dependency, build or cache folder, not minified by name, and not managed by trinity.
 * In a git work tree, git lists them (the real semantics, at C speed) in background processes, so
 * the caller can do other work (detect the stack) until it awaits the lists; elsewhere trinity
 * walks the tree with the same rules.
 */
export function listSourceFiles(fs: ReadableFileSystem, options: ListOptions): SourceListing {
  const keep = (path: string) => languageOf(path) !== null && !isMinifiedName(path) && !options.managed?.has(path);
  const walk = (): SourceFiles => ({ paths: inPathOrder(walkProject(fs, { acceptFile: keep })), source: "walk" });
  if (!options.useGit) {
    return { tracked: Promise.resolve().then(walk), untracked: Promise.resolve([]) };
  }
  const select = (listed: string[]): string[] => {
    options.onListed?.(listed.length);
    const paths: string[] = [];
    let previous = "";
    for (const path of listed) {
      // git lists a path once per merge stage while a conflict is unresolved; those copies are adjacent.
      if (path !== previous && keep(path) && !SKIPPED_PATH.test(path)) paths.push(path);
      previous = path;
    }
    return inPathOrder(paths);
  };
  const cached = gitListing(fs.root, ["--cached"]);
  const others = gitListing(fs.root, ["--others", "--exclude-standard"]);
  return {
    tracked: cached.then((listed) => (listed === null ? walk() : { paths: select(listed), source: "git" })),
    // Without a repository the walk found every file; a failed second listing adds nothing.
    untracked: Promise.all([cached, others]).then(([tracked, listed]) => (tracked === null || listed === null ? [] : select(listed))),
  };
}

/** A path inside one of the skipped folders, at any depth. */
const SKIPPED_PATH = new RegExp(`(?:^|/)(?:${[...SKIPPED_DIRS].map((dir) => dir.replace(/[.]/g, "\\.")).join("|")})/`);

/** The paths sorted; git's lists usually come sorted already, and checking is cheaper than sorting. */
function inPathOrder(paths: string[]): string[] {
  for (let k = 1; k < paths.length; k++) if (paths[k - 1]! > paths[k]!) return paths.sort();
  return paths;
}

/** `git ls-files` with `which` files for the work tree at `root`, or null when git or the repository is unavailable. */
async function gitListing(root: string, which: string[]): Promise<string[] | null> {
  const listed = await runGit(root, ["ls-files", ...which, "-z"]);
  if (listed.status !== 0) return null;
  return listed.stdout === "" ? [] : listed.stdout.split("\0").filter(Boolean);
}

function isMinifiedName(path: string): boolean {
  return path.endsWith(".bundle.js") || (path.includes(".min.") && /\.min\.[a-z]+$/i.test(path));
}
