import { spawnSync } from "node:child_process";
import type { ReadableFileSystem } from "../fs/port.ts";
import { gitEnvironment } from "./git.ts";
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

/**
 * The source files the scan reads: files with a known source extension that are not ignored, not
 * under a dependency, build or cache folder, not minified by name, and not managed by trinity.
 * In a git work tree, git lists them (tracked files plus untracked files its ignore rules allow:
 * the real semantics, at C speed); elsewhere trinity walks the tree with the same rules.
 */
export function listSourceFiles(fs: ReadableFileSystem, options: ListOptions): { paths: string[]; source: ListSource } {
  const keep = (path: string) => {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return languageOf(name) !== null && !isMinifiedName(name) && !options.managed?.has(path);
  };
  const listed = options.useGit ? gitListing(fs.root) : null;
  if (listed !== null) {
    options.onListed?.(listed.length);
    return { paths: listed.filter((path) => keep(path) && !SKIPPED_PATH.test(path)).sort(), source: "git" };
  }
  return { paths: walkProject(fs, { acceptFile: keep }).sort(), source: "walk" };
}

/** A path inside one of the skipped folders, at any depth. */
const SKIPPED_PATH = new RegExp(`(?:^|/)(?:${[...SKIPPED_DIRS].map((dir) => dir.replace(/[.]/g, "\\.")).join("|")})/`);

/** `git ls-files` for the work tree at `root`, or null when git or the repository is unavailable. */
function gitListing(root: string): string[] | null {
  const result = spawnSync("git", ["-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    env: gitEnvironment(),
    stdio: ["ignore", "pipe", "ignore"],
    maxBuffer: 1024 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.status !== 0 || result.stdout === null) return null;
  const text = result.stdout.toString("utf8");
  return text === "" ? [] : [...new Set(text.split("\0").filter(Boolean))];
}

function isMinifiedName(name: string): boolean {
  return /\.min\.[a-z]+$/i.test(name) || name.endsWith(".bundle.js");
}
