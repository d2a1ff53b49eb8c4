import { TrinityError } from "../errors.ts";

declare const projectPathBrand: unique symbol;

/**
 * A path relative to the project root, always with forward slashes, never absolute, never
 * containing `..`, `.` or empty segments, never containing NUL. Everything that reaches the
 * file system goes through this type, so no code path can address a file outside the project.
 */
export type ProjectPath = string & { readonly [projectPathBrand]: true };

/** Validates and normalises a project-relative path; throws `unsafe-path` when it is not one. */
export function projectPath(raw: string): ProjectPath {
  const reason = whyUnsafe(raw);
  if (reason !== null) {
    throw new TrinityError("unsafe-path", `${JSON.stringify(raw)}: not a safe project path: ${reason}`);
  }
  return raw.replaceAll("\\", "/") as ProjectPath;
}

/** True when `raw` would be accepted by projectPath(). */
export function isProjectPath(raw: string): boolean {
  return whyUnsafe(raw) === null;
}

function whyUnsafe(raw: string): string | null {
  if (raw.length === 0) return "it is empty";
  if (raw.includes("\0")) return "it contains a NUL byte";
  const path = raw.replaceAll("\\", "/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "it is absolute";
  for (const segment of path.split("/")) {
    if (segment === "..") return "it leaves the project directory";
    if (segment === "." || segment === "") return "it has an empty or '.' segment";
  }
  return null;
}

/** Joins segments into a ProjectPath. */
export function joinPath(...segments: string[]): ProjectPath {
  return projectPath(segments.filter((s) => s !== "" && s !== ".").join("/"));
}

/** The parent directory of a path, or null for a top-level entry. */
export function parentPath(path: ProjectPath): ProjectPath | null {
  const index = path.lastIndexOf("/");
  return index === -1 ? null : (path.slice(0, index) as ProjectPath);
}

/** Every ancestor directory of a path, outermost first (`a/b/c` → `a`, `a/b`). */
export function ancestors(path: ProjectPath): ProjectPath[] {
  const parts = path.split("/");
  const result: ProjectPath[] = [];
  for (let i = 1; i < parts.length; i++) result.push(parts.slice(0, i).join("/") as ProjectPath);
  return result;
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
