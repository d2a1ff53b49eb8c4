import type { Issue, Severity } from "../claude-code/formats.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";

export type { Severity };

/** One problem `trinity doctor` reports, printed as `path: problem (fix)`. */
export interface Finding {
  /** Project-relative path of the file (or folder) the problem is in. */
  path: string;
  problem: string;
  fix: string;
  /** Errors fail doctor (exit 5); warnings fail it only with --strict. */
  severity: Severity;
}

/**
 * How to get back a file or block trinity wrote. A plain `trinity update` keeps what the user
 * deleted or removed (PRODUCT.md §5), so it takes --force, whose side effect the fix must name.
 */
export const RESTORE = "run `trinity update --force` to restore it; --force also takes trinity's version of files you changed, after a backup";

/** An error finding. */
export function error(path: string, problem: string, fix: string): Finding {
  return { path, problem, fix, severity: "error" };
}

/** A warning finding. */
export function warning(path: string, problem: string, fix: string): Finding {
  return { path, problem, fix, severity: "warning" };
}

/** A finding for an issue the Claude Code checks found in a file. */
export function fromIssue(path: string, issue: Issue): Finding {
  return { path, ...issue };
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a file as text for checking. A file that is not UTF-8 is a finding rather than a failure:
 * doctor reports every problem it can instead of stopping at the first.
 */
export function readForCheck(fs: ReadableFileSystem, path: string): { text: string | null; finding: Finding | null } {
  const data = fs.read(projectPath(path));
  if (data === null) return { text: null, finding: null };
  try {
    return { text: utf8.decode(data), finding: null };
  } catch {
    return { text: null, finding: error(path, "not UTF-8 text, so Claude Code cannot read it as written", "save it as UTF-8") };
  }
}

/**
 * Every file under a folder whose path passes `accept`, sorted. Symbolic links to files count (Claude
 * Code follows them); links to folders are not entered, so a loop cannot trap the walk.
 */
export function filesUnder(fs: ReadableFileSystem, dir: string, accept: (path: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (folder: ProjectPath) => {
    for (const entry of fs.list(folder)) {
      const path = projectPath(`${folder}/${entry.name}`);
      const kind = entry.kind === "symlink" ? (fs.stat(path)?.kind === "file" ? "file" : "other") : entry.kind;
      if (kind === "dir") visit(path);
      else if (kind === "file" && accept(path)) found.push(path);
    }
  };
  if (fs.stat(projectPath(dir))?.kind === "dir") visit(projectPath(dir));
  return found.sort();
}

/** True when something (file or folder) is at a project path. */
export function exists(fs: ReadableFileSystem, path: string): boolean {
  return fs.stat(projectPath(path)) !== null;
}

/** "a.md", or "a.md and 3 more files". */
export function someFiles(paths: readonly string[]): string {
  const [first, ...rest] = [...paths].sort();
  return rest.length === 0 ? first! : `${first} and ${rest.length} more file${rest.length === 1 ? "" : "s"}`;
}

/** A TrinityError message without the `path: ` it starts with (the finding carries the path). */
export function withoutPath(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** A hint sentence as the fix in parentheses: lowercase start, no final full stop. */
export function asFix(hint: string): string {
  const trimmed = hint.trim().replace(/\.$/, "");
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
