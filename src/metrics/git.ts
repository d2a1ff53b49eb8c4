import { spawnSync } from "node:child_process";

/** Facts from git history; every field is null when git or the repository is unavailable. */
export interface GitFacts {
  commits: number | null;
  contributors: number | null;
  firstCommit: string | null;
  lastCommit: string | null;
  branch: string | null;
}

const UNKNOWN: GitFacts = { commits: null, contributors: null, firstCommit: null, lastCommit: null, branch: null };

/**
 * Reads git facts with the `git` executable. `root` null means "do not ask git" (tests, or when
 * the caller knows there is no repository).
 */
export function gitFacts(root: string | null): GitFacts {
  if (root === null) return { ...UNKNOWN };
  const git = (...args: string[]): string | null => {
    const result = spawnSync("git", ["-C", root, ...args], {
      encoding: "utf8",
      // Variables a git hook may have set would point git at another repository.
      env: gitEnvironment(),
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
    });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  if (git("rev-parse", "--is-inside-work-tree") !== "true") return { ...UNKNOWN };
  const branch = git("symbolic-ref", "--short", "-q", "HEAD") ?? (git("rev-parse", "--short", "HEAD") ? "HEAD (detached)" : null);
  const count = git("rev-list", "--count", "HEAD");
  if (count === null) return { ...UNKNOWN, commits: 0, contributors: 0, branch };
  const authors = git("log", "--format=%aE");
  const roots = git("rev-list", "--max-parents=0", "HEAD")?.split("\n").filter(Boolean) ?? [];
  const firstDates = roots.map((sha) => git("log", "-1", "--format=%cs", sha)).filter((d): d is string => d !== null);
  return {
    commits: Number(count),
    contributors: authors === null ? null : new Set(authors.split("\n").filter(Boolean).map((a) => a.toLowerCase())).size,
    firstCommit: firstDates.sort()[0] ?? null,
    lastCommit: git("log", "-1", "--format=%cs"),
    branch,
  };
}

/**
 * The environment for running git on a project: without the GIT_* variables a git hook may have
 * set (they would point git at another repository), and with stable, untranslated output.
 */
export function gitEnvironment(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) clean[key] = value;
  return { ...clean, LC_ALL: "C" };
}
