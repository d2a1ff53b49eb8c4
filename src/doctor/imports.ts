import { extensionOf, IMPORT_EXTENSIONS, importTokens, MAX_IMPORT_BYTES, MAX_IMPORT_DEPTH, type ImportToken } from "../claude-code/imports.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { RESTORE, error, readForCheck, warning, type Finding } from "./finding.ts";

/** The protocols file the root CLAUDE.md block must import. */
export const PROTOCOLS_PATH = ".claude/trinity/CLAUDE.md";

/** Where an import points: a project path, or somewhere outside the project. */
type Target = { inside: true; path: string } | { inside: false };

/**
 * CLAUDE.md imports, resolved as Claude Code does (§6): from the root CLAUDE.md, `.claude/CLAUDE.md`
 * and every CLAUDE.md trinity manages, each `@path` outside code and comments, relative to the file
 * that imports it, followed down to depth 4. Reports missing targets, chains too deep, imports
 * leaving the project and extensions Claude Code does not load, all of which it skips silently;
 * and a root CLAUDE.md that does not import trinity's protocols.
 */
export function checkImports(fs: ReadableFileSystem, manifest: Manifest | null): Finding[] {
  const findings: Finding[] = [];
  const blocks = (manifest?.files ?? []).filter((record) => record.kind === "block" && (record.path === "CLAUDE.md" || record.path.endsWith("/CLAUDE.md")));
  const starts = [...new Set(["CLAUDE.md", ".claude/CLAUDE.md", ...blocks.map((record) => record.path)])];
  const visited = new Set<string>(starts);
  const queue = starts.map((path) => ({ path, depth: 0 }));
  let rootImportsProtocols = false;
  while (queue.length > 0) {
    const { path, depth } = queue.shift()!;
    const { text, finding } = readForCheck(fs, path);
    if (finding !== null) findings.push(finding);
    if (text === null) continue;
    for (const token of importTokens(text)) {
      const target = resolveImport(fs.root, path, token.path);
      if (path === "CLAUDE.md" && target.inside && target.path === PROTOCOLS_PATH) rootImportsProtocols = true;
      const result = checkTarget(fs, path, token, target, depth + 1);
      if (result.finding !== null) findings.push(result.finding);
      if (result.follow !== null && !visited.has(result.follow)) {
        visited.add(result.follow);
        queue.push({ path: result.follow, depth: depth + 1 });
      }
    }
  }
  findings.push(...protocolsImportFindings(fs, rootImportsProtocols));
  return findings;
}

/** What one import leads to: a finding, and the file to read next (null when Claude Code would not load it). */
function checkTarget(fs: ReadableFileSystem, from: string, token: ImportToken, target: Target, depth: number): { finding: Finding | null; follow: string | null } {
  const what = `@${token.path} (line ${token.line})`;
  if (!target.inside) {
    return {
      finding: warning(from, `${what} is outside the project: Claude Code loads it only after you approve external imports, and never in -p or CI runs`, "move the file into the project, or import it from your personal CLAUDE.local.md"),
      follow: null,
    };
  }
  const stat = fs.stat(projectPath(target.path));
  if (stat === null) {
    // A bare word after "@" (a handle, a decorator) is read as an import too, but rarely meant as one.
    if (!/[./]/.test(token.path)) {
      return { finding: warning(from, `${what} reads as an import, but there is no file ${target.path}`, `put it in a code span (\`@${token.path}\`) if it is not meant as an import`), follow: null };
    }
    return { finding: error(from, `${what}: no such file, so Claude Code skips the import without a word`, `create ${target.path}, or correct or remove the import`), follow: null };
  }
  if (stat.kind !== "file") return { finding: error(from, `${what} is a folder, not a file`, "import a file"), follow: null };
  if (depth > MAX_IMPORT_DEPTH) {
    return { finding: warning(from, `${what} is ${depth} imports deep from CLAUDE.md; Claude Code stops at ${MAX_IMPORT_DEPTH} and drops it`, "import it from a file nearer to CLAUDE.md"), follow: null };
  }
  const extension = extensionOf(target.path);
  if (!IMPORT_EXTENSIONS.has(extension)) {
    const kind = extension === "" ? "has no file extension" : `has the extension ${extension}`;
    return { finding: warning(from, `${what} ${kind}, and Claude Code loads only files with a known text extension`, "import a .md or .txt file instead"), follow: null };
  }
  if (stat.size > MAX_IMPORT_BYTES) return { finding: warning(from, `${what} is larger than 4 MiB, so Claude Code skips it`, "import a smaller file"), follow: null };
  return { finding: null, follow: target.path };
}

/** The root block's job is to load the protocols: without that import, the methodology is not in any session. */
function protocolsImportFindings(fs: ReadableFileSystem, imported: boolean): Finding[] {
  if (fs.stat(projectPath("CLAUDE.md")) === null) {
    return [error("CLAUDE.md", "missing, so Claude Code loads none of trinity's protocols", RESTORE)];
  }
  if (imported) return [];
  return [
    error(
      "CLAUDE.md",
      `does not import @${PROTOCOLS_PATH} outside code and comments, so Claude Code never loads trinity's protocols`,
      `add the line @${PROTOCOLS_PATH} to trinity's block, or run \`trinity update --force\` to restore the block`,
    ),
  ];
}

/**
 * Resolves an import path as Claude Code does: relative to the importing file's folder; `/…`
 * absolute; `~/…` in the user's home, which counts as outside the project.
 */
export function resolveImport(root: string, from: string, path: string): Target {
  if (path.startsWith("~/")) return { inside: false };
  let relative: string;
  if (path.startsWith("/")) {
    const prefix = root.endsWith("/") ? root : `${root}/`;
    if (!path.startsWith(prefix)) return { inside: false };
    relative = path.slice(prefix.length);
  } else {
    const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "";
    relative = dir === "" ? path : `${dir}/${path}`;
  }
  const parts: string[] = [];
  for (const part of relative.split("/")) {
    if (part === "..") {
      if (parts.length === 0) return { inside: false };
      parts.pop();
    } else if (part !== "." && part !== "") {
      parts.push(part);
    }
  }
  return parts.length === 0 ? { inside: false } : { inside: true, path: parts.join("/") };
}
