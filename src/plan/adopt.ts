import { projectPath } from "../fs/path.ts";
import { sameBytes, type ReadableFileSystem } from "../fs/port.ts";
import { MANIFEST_PATH } from "../manifest/store.ts";
import { FILL_IN_TEMPLATES, KNOWLEDGE_BASE } from "../templates/catalogue.ts";
import { AGENTS, type Agent } from "../templates/roster.ts";
import type { FileOp } from "./ops.ts";

/** The layouts of the original npm SDK (PRODUCT.md, appendix). */
export type LegacyVersion = "2.0" | "2.2";

/** One file leaving its old place; `to` null: moved to the run's backup. */
export interface Move {
  from: string;
  to: string | null;
  reason: string;
}

/** What adopting a legacy deployment does: the operations, the moves for the summary, and what needs the user's eye. */
export interface Adoption {
  version: LegacyVersion;
  ops: FileOp[];
  moves: Move[];
  warnings: string[];
}

/** Where the current layout keeps the method's files. */
const CURRENT_ROOT = ".claude/trinity";

/** The old agent team folders under .claude/agents/. */
const LEGACY_TEAMS = ["leadership", "deployment", "audit", "planning", "aj-team"] as const;

/**
 * The old command categories under .claude/commands/. 2.0 had the first six and 2.2 added
 * `maintenance`; both are checked for both layouts, because SDK updates between the two brought the
 * new category to projects still in the 2.0 layout.
 */
const LEGACY_COMMAND_CATEGORIES = ["session", "planning", "execution", "investigation", "infrastructure", "maintenance", "utility"] as const;

/** The header of the section the SDK appended to .gitignore. */
const GITIGNORE_HEADER = "# Trinity Method SDK";

/**
 * Every line the SDK's versions wrote under that header. Anything else ends the section, so a line
 * the user added there is kept.
 */
const GITIGNORE_SDK_LINES: ReadonlySet<string> = new Set([
  ".claude/",
  "trinity/",
  "*CLAUDE.md",
  "TRINITY.md",
  ".claude/trinity/archive/",
  ".claude/trinity/templates/",
]);

/** The user's working folders under the old root, with the words the summary uses. */
const WORK_FOLDERS: ReadonlyMap<string, string> = new Map([
  ["work-orders", "work order"],
  ["investigations", "investigation"],
  ["sessions", "session log"],
  ["reports", "report"],
  ["archive", "archived file"],
]);

/**
 * Files of the current layout's root that trinity renders itself; a stray old file of the same
 * name is kept beside them rather than on them, so update does not meet it as a conflict.
 */
const RESERVED_TARGETS: ReadonlySet<string> = new Set([`${CURRENT_ROOT}/README.md`, `${CURRENT_ROOT}/EMPLOYEE-DIRECTORY.md`]);

/** Which legacy layout the project has, or null. */
export function detectLegacyDeployment(fs: ReadableFileSystem): LegacyVersion | null {
  // The same signatures deploy refuses on, so a project deploy sends to `update` is one update adopts.
  if (isFile(fs, "trinity/VERSION")) return "2.0";
  if (hasSdkCurrentRoot(fs)) return "2.2";
  return null;
}

/** The 2.2 signature: the SDK's VERSION in `.claude/trinity/` and no trinity manifest. */
function hasSdkCurrentRoot(fs: ReadableFileSystem): boolean {
  return isFile(fs, `${CURRENT_ROOT}/VERSION`) && fs.stat(MANIFEST_PATH) === null;
}

/** Plans moving a legacy deployment into the current layout. Pure: reads only. */
export function planAdoption(fs: ReadableFileSystem, version: LegacyVersion): Adoption {
  const plan = new AdoptionPlan(fs);
  if (version === "2.0") planOldRoot(plan);
  // A 2.0 project the SDK's own migration left half-done has both roots; its copy of the SDK files goes too.
  if (version === "2.2" || hasSdkCurrentRoot(fs)) planCurrentRoot(plan);
  planAgents(plan);
  planCommands(plan);
  plan.removeIfPresent(".claude/EMPLOYEE-DIRECTORY.md", "old SDK roster; trinity writes .claude/trinity/EMPLOYEE-DIRECTORY.md");
  // 2.2 never wrote it, but a project updated in place by the SDK can still have the 2.0 one.
  plan.removeIfPresent("TRINITY.md", "old SDK overview; .claude/trinity/README.md replaces it");
  planGitignore(plan);
  return plan.result(version);
}

/** Collects the operations and the report while the planners walk the old layout. */
class AdoptionPlan {
  private readonly creates: FileOp[] = [];
  private readonly edits: FileOp[] = [];
  private readonly removals: FileOp[] = [];
  private readonly moves: Move[] = [];
  private readonly warnings: string[] = [];
  /** Paths this plan creates, so two incoming files never land on the same one. */
  private readonly claimed = new Set<string>();

  constructor(readonly fs: ReadableFileSystem) {}

  /** Moves a file unchanged, keeping both copies when the target holds something else. */
  move(from: string, to: string, reason: string): void {
    const content = this.fs.read(projectPath(from));
    if (content === null) return;
    const existing = this.claimed.has(to) ? null : this.fs.read(projectPath(to));
    if (existing !== null && sameBytes(existing, content)) {
      this.remove(from, content, `${to} already holds the same content; kept in the backup`);
      this.moves.push({ from, to, reason: `${reason}; ${to} already holds the same content, so this copy only goes to the backup` });
      return;
    }
    const target = this.isFree(to) ? to : this.freeNameBeside(to);
    this.create(target, content, `moved here from ${from}`);
    this.remove(from, content, `moved to ${target}`);
    if (target === to) {
      this.moves.push({ from, to, reason });
    } else if (existing === null && RESERVED_TARGETS.has(to)) {
      this.moves.push({ from, to: target, reason: `${reason}; kept as ${target} because trinity writes its own ${to}` });
    } else {
      this.moves.push({ from, to: target, reason: `${reason}; kept as ${target} because ${to} already exists` });
      this.warnings.push(`${from}: ${to} already exists with other content; both are kept, the old file as ${target}. Compare them and merge by hand.`);
    }
  }

  /** Moves a file of the old layout to the run's backup. */
  discard(path: string, reason: string): void {
    const content = this.fs.read(projectPath(path));
    if (content === null) return;
    this.remove(path, content, `${reason}; kept in the backup`);
    this.moves.push({ from: path, to: null, reason });
  }

  removeIfPresent(path: string, reason: string): void {
    if (isFile(this.fs, path)) this.discard(path, reason);
  }

  /** Rewrites a file in place (its previous bytes go to the backup like any replaced file). */
  edit(path: string, before: Uint8Array, after: Uint8Array, reason: string, summary: string): void {
    this.edits.push(op("update", path, before, after, reason));
    this.moves.push({ from: path, to: path, reason: summary });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  result(version: LegacyVersion): Adoption {
    // Copies are written before originals are removed, so each file exists somewhere at every step.
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const ops = [...this.creates.sort(byPath), ...this.edits, ...this.removals.sort(byPath)];
    const moves = this.moves.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    return { version, ops, moves, warnings: this.warnings };
  }

  private create(path: string, content: Uint8Array, reason: string): void {
    this.claimed.add(path);
    this.creates.push(op("create", path, null, content, reason));
  }

  private remove(path: string, content: Uint8Array, reason: string): void {
    this.removals.push(op("remove", path, content, null, reason));
  }

  private isFree(path: string): boolean {
    return !this.claimed.has(path) && this.fs.stat(projectPath(path)) === null && !RESERVED_TARGETS.has(path);
  }

  /** `ARCHITECTURE.md` → `ARCHITECTURE-legacy.md`, then `-legacy-2`, … until the name is free. */
  private freeNameBeside(path: string): string {
    const slash = path.lastIndexOf("/");
    const dot = path.lastIndexOf(".");
    // A leading dot (`.gitkeep`) starts the name, not an extension.
    const cut = dot > slash + 1 ? dot : path.length;
    for (let n = 1; ; n++) {
      const candidate = `${path.slice(0, cut)}-legacy${n === 1 ? "" : `-${n}`}${path.slice(cut)}`;
      if (this.isFree(candidate)) return candidate;
    }
  }
}

/** 2.0: everything under `trinity/` either is the SDK's (to the backup) or moves to `.claude/trinity/`. */
function planOldRoot(plan: AdoptionPlan): void {
  for (const entry of walk(plan.fs, "trinity")) {
    if (entry.kind !== "file") {
      plan.warn(`${entry.path}: not a regular file; left in place (move it by hand if you still need it)`);
      continue;
    }
    const relative = entry.path.slice("trinity/".length);
    const sdk = sdkFileReason(relative);
    if (sdk !== null) plan.discard(entry.path, sdk);
    else plan.move(entry.path, `${CURRENT_ROOT}/${relative}`, workReason(relative));
  }
  const empty = emptyFolders(plan.fs, "trinity");
  if (empty.length > 0) {
    plan.warn(`${empty.join(", ")}: empty folders of the old layout; they hold nothing and can be deleted`);
  }
}

/** Why a user's file under the old root moves, for the summary. */
function workReason(relative: string): string {
  const [top = "", ...rest] = relative.split("/");
  if (top === "patterns" && rest.length > 0) {
    return "pattern: the current layout has no patterns folder, so your patterns are kept in .claude/trinity/patterns/ (the method now records patterns in knowledge-base/ISSUES.md)";
  }
  if (top === "knowledge-base" && rest.length === 1 && KNOWLEDGE_BASE.some((doc) => rest[0] === `${doc.name}.md`)) {
    return "knowledge base: moved into the current layout unchanged";
  }
  const label = WORK_FOLDERS.get(top);
  if (label !== undefined && rest.length > 0) {
    return `${rest.length === 2 && top === "investigations" && rest[0] === "plans" ? "investigation plan" : label}: moved into the current layout unchanged`;
  }
  return "not a file the SDK wrote: moved along with your work";
}

/** 2.2: the work is already where it belongs; only the SDK's own files in `.claude/trinity/` go. */
function planCurrentRoot(plan: AdoptionPlan): void {
  for (const entry of walk(plan.fs, CURRENT_ROOT)) {
    const relative = entry.path.slice(CURRENT_ROOT.length + 1);
    const sdk = entry.kind === "file" ? sdkFileReason(relative) : null;
    if (sdk !== null) plan.discard(entry.path, sdk);
    else if (relative.startsWith("templates/")) plan.warn(`${entry.path}: not one of the SDK's templates; left in place`);
  }
}

/** Why a path under the old root is the SDK's own file, or null when it is the user's. */
function sdkFileReason(relative: string): string | null {
  if (relative === "VERSION") return "old SDK version file";
  if (relative === "CLAUDE.md") return "old SDK protocols; trinity writes its own .claude/trinity/CLAUDE.md";
  const [top, folder, name, ...deeper] = relative.split("/");
  if (top === "templates" && deeper.length === 0 && folder !== undefined && name !== undefined && isFillInTemplate(folder, name)) {
    return "old SDK fill-in template; trinity writes its own under .claude/trinity/templates/";
  }
  return null;
}

function isFillInTemplate(folder: string, name: string): boolean {
  const names = (FILL_IN_TEMPLATES as Readonly<Record<string, readonly string[]>>)[folder];
  return names !== undefined && name.endsWith(".md") && names.includes(name.slice(0, -".md".length));
}

/** Old agents carry our 18 names, so Claude Code would see each agent twice. */
function planAgents(plan: AdoptionPlan): void {
  const byStem = new Map<string, Agent>(AGENTS.map((agent) => [`${agent.stem}.md`, agent]));
  for (const team of LEGACY_TEAMS) {
    for (const entry of walk(plan.fs, `.claude/agents/${team}`)) {
      const name = entry.path.slice(`.claude/agents/${team}/`.length);
      const agent = byStem.get(name);
      if (entry.kind === "file" && agent !== undefined) {
        plan.discard(entry.path, `old SDK agent; its name would collide with .claude/agents/trinity/${agent.team}/${agent.stem}.md`);
      } else {
        plan.warn(`${entry.path}: not one of the SDK's agents; left in place`);
      }
    }
  }
}

/** Old commands define the same `/trinity-…` names as our workflows. */
function planCommands(plan: AdoptionPlan): void {
  for (const category of LEGACY_COMMAND_CATEGORIES) {
    for (const entry of walk(plan.fs, `.claude/commands/${category}`)) {
      const name = entry.path.slice(`.claude/commands/${category}/`.length);
      if (entry.kind === "file" && /^trinity-[^/]+\.md$/.test(name)) {
        plan.discard(entry.path, "old SDK command; trinity's workflows replace it");
      } else {
        plan.warn(`${entry.path}: not one of the SDK's commands; left in place`);
      }
    }
  }
}

/** Takes the SDK's section out of .gitignore; update then adds trinity's block. */
function planGitignore(plan: AdoptionPlan): void {
  const path = ".gitignore";
  if (!isFile(plan.fs, path)) return;
  const before = plan.fs.read(projectPath(path))!;
  const edited = withoutSdkGitignoreSection(before);
  if (edited === null) return;
  const section = `old "${GITIGNORE_HEADER}" section removed (${edited.removed.length > 0 ? edited.removed.join(", ") : "its header"})`;
  plan.edit(path, before, edited.after, `${section}; every other line kept byte for byte`, `${section}; trinity's block replaces it and the previous file is in the backup`);
}

/**
 * A .gitignore without the section(s) the SDK appended, or null when there is none. A section is
 * the header line, the SDK's pattern lines right after it, and the one blank line the SDK put
 * before it (kept when user lines follow the section directly, so they stay separated). Works on
 * bytes read as Latin-1, so every byte outside the section, line endings included, is kept exactly.
 */
export function withoutSdkGitignoreSection(data: Uint8Array): { after: Uint8Array; /** The SDK pattern lines taken out. */ removed: string[] } | null {
  const lines = Buffer.from(data).toString("latin1").match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const content = (line: string) => line.replace(/\r?\n$/, "").trim();
  const drop = new Set<number>();
  const removed: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (content(lines[i]!) !== GITIGNORE_HEADER || drop.has(i)) continue;
    drop.add(i);
    let next = i + 1;
    for (; next < lines.length && GITIGNORE_SDK_LINES.has(content(lines[next]!)); next++) {
      drop.add(next);
      removed.push(content(lines[next]!));
    }
    const endsAtGap = next === lines.length || content(lines[next]!) === "";
    if (endsAtGap && i > 0 && content(lines[i - 1]!) === "" && !drop.has(i - 1)) drop.add(i - 1);
  }
  if (drop.size === 0) return null;
  const kept = lines.filter((_, i) => !drop.has(i)).join("");
  return { after: new Uint8Array(Buffer.from(kept, "latin1")), removed };
}

/** Every entry below a folder, depth first in name order; directories are entered, anything else is returned. */
function walk(fs: ReadableFileSystem, dir: string): Array<{ path: string; kind: "file" | "symlink" | "other" }> {
  const found: Array<{ path: string; kind: "file" | "symlink" | "other" }> = [];
  if (fs.stat(projectPath(dir))?.kind !== "dir") return found;
  for (const entry of fs.list(projectPath(dir))) {
    const path = `${dir}/${entry.name}`;
    if (entry.kind === "dir") found.push(...walk(fs, path));
    else found.push({ path, kind: entry.kind });
  }
  return found;
}

/** Folders below `dir` (itself included) that hold no file at any depth. */
function emptyFolders(fs: ReadableFileSystem, dir: string): string[] {
  if (fs.stat(projectPath(dir))?.kind !== "dir") return [];
  if (walk(fs, dir).length === 0) return [`${dir}/`];
  return fs.list(projectPath(dir)).filter((entry) => entry.kind === "dir").flatMap((entry) => emptyFolders(fs, `${dir}/${entry.name}`));
}

function isFile(fs: ReadableFileSystem, path: string): boolean {
  return fs.stat(projectPath(path))?.kind === "file";
}

function op(action: "create" | "update" | "remove", path: string, before: Uint8Array | null, after: Uint8Array | null, reason: string): FileOp {
  return { action, path: projectPath(path), reason, before, after, record: null, base: null, internal: false };
}
