import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ProjectReader } from "./reader.ts";
import type { CiPlatform } from "./types.ts";

/**
 * The CI platform, from the host of the project's git remotes (origin first). The repository is
 * found at the project root or above it; a `.git` file (worktree, submodule) is followed to the
 * repository's common directory, whose config holds the remotes.
 */
export function detectCiPlatform(root: string, reader: ProjectReader): CiPlatform {
  const config = reader.isDir(".git") ? reader.text(".git/config") : gitConfigAbove(root);
  if (config === null) return "unknown";
  const remotes = parseRemotes(config);
  const ordered = [...remotes.entries()].sort(([a], [b]) => (a === "origin" ? -1 : b === "origin" ? 1 : 0));
  for (const [, url] of ordered) {
    const platform = platformOfHost(hostOf(url));
    if (platform !== "unknown") return platform;
  }
  return "unknown";
}

/** The git config of the repository holding `start` (a `.git` folder or file at it or above). */
function gitConfigAbove(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    const config = readGitConfig(dotGit);
    if (config !== undefined) return config;
    if (dirname(dir) === dir) return null;
  }
}

/** undefined when `dotGit` does not exist; null when it exists but has no readable config. */
function readGitConfig(dotGit: string): string | null | undefined {
  try {
    if (statSync(dotGit).isDirectory()) return readFileSync(join(dotGit, "config"), "utf8");
    const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (!pointer) return null;
    const gitDir = resolve(dirname(dotGit), pointer);
    let common = gitDir;
    try {
      common = resolve(gitDir, readFileSync(join(gitDir, "commondir"), "utf8").trim());
    } catch {
      // not a worktree: the config is in the git dir itself (a submodule)
    }
    return readFileSync(join(common, "config"), "utf8");
  } catch (error) {
    return (error as { code?: string }).code === "ENOENT" && !existsSync(dotGit) ? undefined : null;
  }
}

/** Remote name → URL, from git-config syntax (`[remote "origin"]` sections). */
export function parseRemotes(config: string): Map<string, string> {
  const remotes = new Map<string, string>();
  let current: string | null = null;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      const match = /^\[\s*remote\s+"((?:[^"\\]|\\.)*)"\s*\]/.exec(line);
      current = match?.[1] ?? null;
      continue;
    }
    if (current === null) continue;
    const setting = /^url\s*=\s*(.*)$/i.exec(line);
    if (setting?.[1] && !remotes.has(current)) remotes.set(current, setting[1].replace(/^"|"$/g, "").trim());
  }
  return remotes;
}

/** The host of a git URL in any of its forms (https, ssh://, scp-like `git@host:path`). */
export function hostOf(url: string): string | null {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(url);
  if (scheme?.[1]) return scheme[1].toLowerCase();
  const scp = /^(?:[^@/]+@)?([^/:]+):/.exec(url);
  return scp?.[1] ? scp[1].toLowerCase() : null;
}

function platformOfHost(host: string | null): CiPlatform {
  if (host === null) return "unknown";
  if (host === "github.com" || host.endsWith(".github.com") || host.startsWith("github.")) return "github";
  if (host === "gitlab.com" || host.split(".").includes("gitlab")) return "gitlab";
  return "unknown";
}

