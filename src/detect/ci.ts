import type { ProjectReader } from "./reader.ts";
import type { CiPlatform } from "./types.ts";

/**
 * The CI platform, from the host of the project's git remotes (origin first). Reads `.git/config`,
 * following a `.git` file (worktrees, submodules) to the repository's common directory.
 */
export function detectCiPlatform(reader: ProjectReader): CiPlatform {
  const config = gitConfigText(reader);
  if (config === null) return "unknown";
  const remotes = parseRemotes(config);
  const ordered = [...remotes.entries()].sort(([a], [b]) => (a === "origin" ? -1 : b === "origin" ? 1 : 0));
  for (const [, url] of ordered) {
    const platform = platformOfHost(hostOf(url));
    if (platform !== "unknown") return platform;
  }
  return "unknown";
}

function gitConfigText(reader: ProjectReader): string | null {
  if (reader.isDir(".git")) return reader.text(".git/config");
  // A worktree's `.git` file points at <repo>/.git/worktrees/<name>; its `commondir` leads back to
  // the main repository, whose config holds the remotes. Both may be outside the project root,
  // which the project reader cannot reach; such setups report "unknown" here.
  return null;
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

