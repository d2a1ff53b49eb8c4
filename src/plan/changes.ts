import { createTwoFilesPatch } from "diff";
import { decodeText, encodeText, type ReadableFileSystem } from "../fs/port.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { detectEol, withEol } from "../formats/eol.ts";
import type { FileRecord, Manifest, SettingsAdditions } from "../manifest/schema.ts";
import { readBase, sha256 } from "../manifest/store.ts";
import { addKeys, keysBase, removeKeys, type KeysRecord } from "./keys.ts";
import { blockBody, bodyFor, findBlock, insertBlock, removeBlock, replaceBlockBody, type MarkerStyle } from "./blocks.ts";
import type { Desired } from "./desired.ts";
import { frontmatterLines, mergeText, type MergeLabels } from "./merge.ts";
import type { FileOp, Plan } from "./ops.ts";
import { mergeSettings } from "./settings.ts";

/** How a conflict is left for the user: markers in the file, or the file untouched with the new version beside it. */
export type ConflictStyle = "inline" | "rej";

export interface ChangePlanInput {
  desired: readonly Desired[];
  /** Read-only view of the project: the actual state, and the base store. */
  fs: ReadableFileSystem;
  /** What trinity last wrote (null: nothing recorded, a first deploy). */
  previous: Manifest | null;
  /** Take the new version even where the user changed a file (the applier backs up what it replaces). */
  force: boolean;
  conflictStyle: ConflictStyle;
  /** Documents that exist without a facts block get one (adopting a legacy deployment). */
  addFactsBlocks?: boolean;
  /** Versions for conflict labels. */
  versions: { base: string; next: string };
}

/**
 * Plans deploy and update with one decision table (PRODUCT.md §5), per whole file, per managed
 * block and per settings key trinity owns. base = what trinity last wrote (the base store),
 * disk = what is there, new = what this version renders:
 *
 * | base | disk   | new    | action |
 * | –    | absent | x      | create |
 * | –    | = x    | x      | adopt |
 * | –    | ≠ x    | x      | skip: a file trinity did not write (--force replaces it) |
 * | b    | = b    | = b    | unchanged |
 * | b    | = b    | ≠ b    | update |
 * | b    | ≠ b    | = b    | keep: only the user changed it |
 * | b    | ≠ b    | = disk | adopt: both made the same change (re-baseline) |
 * | b    | ≠ b    | ≠ both | merge; overlapping changes are a conflict |
 * | b    | absent | any    | keep deleted |
 * | b    | any    | gone   | remove if disk = b, else keep (orphaned) |
 *
 * With --force the new version wins over user changes (deleted files come back); nothing is lost
 * because the applier backs up whatever it replaces or removes.
 */
export function planChanges(input: ChangePlanInput): Plan {
  const records = new Map((input.previous?.files ?? []).map((record) => [record.path, record]));
  const ops: FileOp[] = [];
  const warnings: string[] = [];
  const labels: MergeLabels = { yours: "yours (on disk)", base: `base (trinity ${input.versions.base})`, theirs: `trinity ${input.versions.next}` };
  for (const desired of input.desired) {
    const previous = records.get(desired.path) ?? null;
    records.delete(desired.path);
    const context: Context = { fs: input.fs, previous, force: input.force, style: input.conflictStyle, labels, addFactsBlocks: input.addFactsBlocks === true };
    const unresolved = input.force ? null : unresolvedConflict(input.fs, desired.path);
    if (unresolved !== null) {
      const before = input.fs.read(desired.path);
      ops.push(op("conflict", desired.path, unresolved, before, before, previous));
      continue;
    }
    const planned =
      desired.kind === "file"
        ? planFile(desired, context)
        : desired.kind === "block"
          ? planBlock(desired, context)
          : desired.kind === "keys"
            ? [planKeys(desired, context, warnings)]
            : [planSettings(desired, context)];
    ops.push(...planned);
  }
  for (const record of records.values()) {
    const orphan = planOrphan(record, input.fs);
    ops.push(orphan);
    if (orphan.action === "keep" && orphan.before !== null) warnings.push(`${orphan.path}: ${orphan.reason}`);
  }
  for (const op of ops) if (op.action === "conflict") warnings.push(`${op.path}: ${op.reason}`);
  return { ops, warnings };
}

/**
 * An earlier update's conflict the user has not resolved yet: markers still in the file, or the
 * new version still waiting beside it. Merging again would nest conflicts, so the file is left
 * alone until it is resolved.
 */
function unresolvedConflict(fs: ReadableFileSystem, path: ProjectPath): string | null {
  if (fs.read(projectPath(`${path}.trinity-new`)) !== null) {
    return `an earlier conflict is unresolved: apply ${path}.rej (or take ${path}.trinity-new), then delete both files`;
  }
  const data = fs.read(path);
  if (data !== null && /^<{7} yours \(on disk\)\r?$/m.test(decodeText(path, data))) {
    return "an earlier conflict is unresolved: remove the <<<<<<< … >>>>>>> markers, keeping the text you want";
  }
  return null;
}

interface Context {
  fs: ReadableFileSystem;
  previous: FileRecord | null;
  force: boolean;
  style: ConflictStyle;
  labels: MergeLabels;
  addFactsBlocks: boolean;
}

function op(action: FileOp["action"], path: ProjectPath, reason: string, before: Uint8Array | null, after: Uint8Array | null, record: FileRecord | null = null, base: string | null = null): FileOp {
  return { action, path, reason, before, after, record, base, internal: false };
}

/** The base trinity recorded for a path, or null when the store has lost it (then nothing can be merged). */
function baseOf(fs: ReadableFileSystem, record: FileRecord | null): string | null {
  return record === null ? null : readBase(fs, record.sha256);
}

/** Files a parser reads: conflict markers would make the tool reject them, so their conflicts always go beside the file. */
const STRUCTURED_FILE = /\.(json|jsonc|ya?ml|toml)$/i;

function planFile(desired: Extract<Desired, { kind: "file" }>, { fs, previous, force, style, labels }: Context): FileOp[] {
  const before = fs.read(desired.path);
  const next = desired.content;
  const record = (content: string, created: boolean): FileRecord => ({
    path: desired.path,
    entry: desired.entry,
    kind: "file",
    ownership: desired.ownership,
    sha256: sha256(content),
    created: created || previous?.created === true,
  });
  // The record and stored base are always the new template text, even after a merge: the next
  // update must see the user's side of the merge as their edit, not as trinity's.
  const write = (action: FileOp["action"], reason: string, content: string) =>
    op(action, desired.path, reason, before, encodeText(content), record(next, before === null), next);
  const leave = (action: FileOp["action"], reason: string, keepRecord: boolean) => op(action, desired.path, reason, before, before, keepRecord ? previous : null);

  if (before === null) {
    if (previous && !force) return [leave("keep", "you deleted it; kept deleted (`trinity update --force` restores it)", true)];
    return [write("create", previous ? "restored (it had been deleted)" : "new", next)];
  }
  const disk = decodeText(desired.path, before);
  if (disk === next) return [sameAsNew(desired.path, before, previous, baseOf(fs, previous), next, record(next, false), "already as trinity would write it")];
  if (previous === null) {
    if (force) return [write("update", "replaced a file trinity did not write (a backup is kept)", next)];
    return [leave("skip", "a file trinity did not write is in the way; --force replaces it (a backup is kept)", false)];
  }
  const base = baseOf(fs, previous);
  if (base !== null && disk === base) return [write("update", "updated to the new version", next)];
  if (force) return [write("update", "replaced with the new version; your changes are kept in the backup", next)];
  if (base !== null && next === base) return [leave("keep", "you changed it and the new version did not; kept", true)];
  if (base === null) return conflict(desired.path, before, disk, next, null, previous, style, labels, "cannot merge: trinity's record of the file is missing");
  const merged = mergeText(base, disk, next, labels);
  if (merged.conflicts === 0) return [write("merge", "merged your changes with the new version", merged.text)];
  const inFrontmatter = frontmatterLines(base) !== null && merged.conflictBaseLines.some(([start]) => start < frontmatterLines(base)![1]);
  const rejOnly = inFrontmatter || STRUCTURED_FILE.test(desired.path);
  return conflict(desired.path, before, disk, next, merged.text, previous, rejOnly ? "rej" : style, labels, `${merged.conflicts} conflicting change${merged.conflicts === 1 ? "" : "s"}`, record(next, false));
}

/**
 * The project already holds what trinity would write. With no change since the last run that is
 * "unchanged"; when the user made the very change the new version makes (disk = new ≠ base), or
 * trinity had no record, the file is adopted: nothing is written, the record moves to the new text.
 */
function sameAsNew(path: ProjectPath, before: Uint8Array, previous: FileRecord | null, base: string | null, next: string, nextRecord: FileRecord, adoptReason: string): FileOp {
  if (previous === null) return op("adopt", path, adoptReason, before, before, nextRecord, next);
  if (base !== null && base !== next) return op("adopt", path, "you and the new version made the same change; recorded as up to date", before, before, nextRecord, next);
  return op("unchanged", path, "up to date", before, before, nextRecord, next);
}

/**
 * A conflict, left for the user. Inline: the file gets git-style markers. rej: the file stays as
 * it is, the new version goes to `<file>.trinity-new` and its changes to `<file>.rej`. Either way
 * the record moves to the new version, so the next update sees the user's resolution as their edit.
 */
function conflict(
  path: ProjectPath,
  before: Uint8Array,
  disk: string,
  next: string,
  inlineText: string | null,
  previous: FileRecord,
  style: ConflictStyle,
  labels: MergeLabels,
  why: string,
  nextRecord: FileRecord = { ...previous, sha256: sha256(next) },
): FileOp[] {
  if (style === "inline" && inlineText !== null) {
    return [op("conflict", path, `${why}; marked in the file (resolve them, then run trinity status)`, before, encodeText(inlineText), nextRecord, next)];
  }
  const newPath = projectPath(`${path}.trinity-new`);
  const rejPath = projectPath(`${path}.rej`);
  const rej = createTwoFilesPatch(`a/${path}`, `b/${path}`, disk, next, "yours", labels.theirs, { context: 3 });
  return [
    op("conflict", path, `${why}; your file is untouched, the new version is in ${newPath} and its changes in ${rejPath}`, before, before, nextRecord, next),
    sidecar(newPath, next),
    sidecar(rejPath, rej),
  ];
}

/** A helper file written next to a conflicted file (not recorded: it is the user's to delete). */
function sidecar(path: ProjectPath, content: string): FileOp {
  return op("create", path, "conflict resolution aid", null, encodeText(content));
}

function planBlock(desired: Extract<Desired, { kind: "block" }>, context: Context): FileOp[] {
  const { fs, previous, force, style, labels, addFactsBlocks } = context;
  const before = fs.read(desired.path);
  const record = (body: string, created: boolean, extra: Partial<FileRecord> = {}): FileRecord => ({
    path: desired.path,
    entry: desired.entry,
    kind: "block",
    ownership: desired.ownership,
    sha256: sha256(body),
    created: created || previous?.created === true,
    ...(previous?.initialOutsideSha256 ? { initialOutsideSha256: previous.initialOutsideSha256 } : {}),
    ...extra,
  });
  if (before === null) {
    if (previous && !force) return [op("keep", desired.path, "you deleted it; kept deleted (`trinity update --force` restores it)", null, null, previous)];
    const text = desired.shared ? insertBlock("", desired.body, desired.markers, "end") : desired.initial;
    const body = bodyFor(desired.body, "\n");
    const created = record(body, true, { initialOutsideSha256: sha256(outsideBlock(text, desired.markers, desired.path)) });
    return [op("create", desired.path, previous ? "restored (it had been deleted)" : "new", null, encodeText(text), created, body)];
  }
  const text = decodeText(desired.path, before);
  const eol = detectEol(text);
  const next = bodyFor(desired.body, eol);
  const location = findBlock(text, desired.markers, desired.path);
  if (location === null) {
    if (previous && !force) return [op("keep", desired.path, "you removed trinity's block; kept that way (`trinity update --force` puts it back)", before, before, previous)];
    if (desired.shared || force || addFactsBlocks) {
      const placement = desired.placement ?? (desired.shared ? "end" : "after-title");
      const reason = desired.shared ? "trinity block added; your text is kept" : "facts block added below the title; your text is kept";
      return [op("update", desired.path, reason, before, encodeText(insertBlock(text, desired.body, desired.markers, placement)), record(next, false), next)];
    }
    return [op("skip", desired.path, "a document trinity did not write is in the way; --force adds the facts block and keeps its text", before, before)];
  }
  const disk = blockBody(text, location);
  const withBody = (body: string) => encodeText(text.slice(0, location.bodyStart) + body + text.slice(location.bodyEnd));
  const what = desired.shared ? "trinity block" : "facts block";
  if (disk === next) {
    const storedBase = baseOf(fs, previous);
    return [sameAsNew(desired.path, before, previous, storedBase === null ? null : withEol(storedBase, eol), next, record(next, false), `${what} already up to date`)];
  }
  if (previous === null || force) {
    return [op("update", desired.path, `${what} refreshed; your text outside it is kept`, before, encodeText(replaceBlockBody(text, location, desired.body)), record(next, false), next)];
  }
  const storedBase = baseOf(fs, previous);
  const base = storedBase === null ? null : withEol(storedBase, eol);
  if (base !== null && disk === base) return [op("update", desired.path, `${what} updated; your text outside it is kept`, before, withBody(next), record(next, false), next)];
  if (base !== null && next === base) return [op("keep", desired.path, `you changed the ${what} and the new version did not; kept`, before, before, previous)];
  if (base === null) return conflict(desired.path, before, text, text.slice(0, location.bodyStart) + next + text.slice(location.bodyEnd), null, previous, "rej", labels, `cannot merge the ${what}: trinity's record of it is missing`, record(next, false));
  const merged = mergeText(base, disk, next, labels);
  if (merged.conflicts === 0) return [op("merge", desired.path, `merged your changes to the ${what} with the new version`, before, withBody(merged.text), record(next, false), next)];
  // Markers in a .gitignore would become ignore patterns: those conflicts always go beside the file.
  const blockStyle: ConflictStyle = desired.markers === "hash" ? "rej" : style;
  const whole = text.slice(0, location.bodyStart) + next + text.slice(location.bodyEnd);
  return conflict(desired.path, before, text, whole, text.slice(0, location.bodyStart) + merged.text + text.slice(location.bodyEnd), previous, blockStyle, labels, `${merged.conflicts} conflicting change${merged.conflicts === 1 ? "" : "s"} in the ${what}`, record(next, false));
}

function planSettings(desired: Extract<Desired, { kind: "settings" }>, { fs, previous, force }: Context): FileOp {
  const before = fs.read(desired.path);
  const text = before === null ? null : decodeText(desired.path, before);
  if (before === null && previous && !force) {
    return op("keep", desired.path, "you deleted it; kept deleted (`trinity update --force` restores it)", null, null, previous);
  }
  const merge = mergeSettings(desired.path, text, previous?.settings ?? null, force);
  const base = settingsBase(merge.added);
  const record: FileRecord = {
    path: desired.path,
    entry: desired.entry,
    kind: "settings",
    ownership: desired.ownership,
    sha256: sha256(base),
    created: before === null || previous?.created === true,
    settings: merge.added,
  };
  if (merge.outcome === "unchanged") return op(previous ? "unchanged" : "adopt", desired.path, "already has trinity's settings", before, before, record, base);
  const reason = before === null ? "new" : merge.replacedInvalid ? "replaced invalid JSON (a backup is kept)" : "trinity's permission rules merged in; your settings are kept";
  return op(before === null ? "create" : "update", desired.path, reason, before, encodeText(merge.content), record, base);
}

/** Keys added to a package.json when absent (PRODUCT.md §6): never a changed version, never a reordered key. */
function planKeys(desired: Extract<Desired, { kind: "keys" }>, { fs, previous, force }: Context, warnings: string[]): FileOp {
  const before = fs.read(desired.path);
  if (before === null) {
    if (previous) return op("keep", desired.path, "you deleted it; trinity does not create it again", null, null, previous);
    return op("skip", desired.path, "not found, so nothing was added", null, null);
  }
  const text = decodeText(desired.path, before);
  const previousKeys: KeysRecord | null = previous?.keys ? { keys: previous.keys, containers: previous.keyContainers ?? [] } : null;
  const merge = addKeys(desired.path, text, desired.additions, previousKeys, force);
  warnings.push(...merge.warnings);
  const base = keysBase(merge.record);
  const record: FileRecord = {
    path: desired.path,
    entry: desired.entry,
    kind: "keys",
    ownership: desired.ownership,
    sha256: sha256(base),
    created: false,
    keys: merge.record.keys,
    ...(merge.record.containers.length > 0 ? { keyContainers: merge.record.containers } : {}),
  };
  if (merge.outcome === "unchanged") return op(previous ? "unchanged" : "adopt", desired.path, previous ? "up to date" : "already has what trinity would add", before, before, record, base);
  const added = merge.record.keys.filter((key) => !previousKeys?.keys.some((old) => old.path.join(".") === key.path.join("."))).map((key) => key.path[1]);
  return op("update", desired.path, added.length > 0 ? `added ${added.join(", ")} (nothing that was there changed)` : "keys trinity no longer needs taken out", before, encodeText(merge.content), record, base);
}

/** The canonical text of what trinity added to a settings file: the base for later merges. */
export function settingsBase(added: SettingsAdditions): string {
  return `${JSON.stringify({ schema: added.schema, allow: [...added.allow].sort() })}\n`;
}

/** A text with its managed block taken out: what is not trinity's. */
export function outsideBlock(text: string, markers: MarkerStyle, path: string): string {
  const location = findBlock(text, markers, path);
  return location === null ? text : removeBlock(text, location);
}

/** The marker style of a recorded block: HTML comments in Markdown, `#` comments elsewhere (.gitignore, TOML, requirements). */
export function recordedMarkers(path: string): MarkerStyle {
  return path.endsWith(".md") ? "html" : "hash";
}

/** A path the previous deployment recorded and this one no longer produces. */
function planOrphan(record: FileRecord, fs: ReadableFileSystem): FileOp {
  const path = projectPath(record.path);
  const before = fs.read(path);
  if (before === null) return op("keep", path, "no longer part of trinity; already gone", null, null);
  if (record.kind === "file") {
    if (sha256(before) === record.sha256) return op("remove", path, "no longer part of trinity", before, null);
    return op("keep", path, "no longer part of trinity, but you changed it; kept", before, before);
  }
  if (record.kind === "block") {
    const text = decodeText(path, before);
    const location = findBlock(text, recordedMarkers(path), path);
    if (location === null) return op("keep", path, "no longer part of trinity; its block is already gone", before, before);
    if (sha256(blockBody(text, location)) !== record.sha256) return op("keep", path, "no longer part of trinity, but you changed its block; kept", before, before);
    const remaining = removeBlock(text, location);
    if (remaining.trim() === "" && record.created) return op("remove", path, "no longer part of trinity", before, null);
    return op("update", path, "trinity block removed (no longer part of trinity); your text is kept", before, encodeText(remaining));
  }
  if (record.kind === "keys" && record.keys) {
    const removed = removeKeys(path, decodeText(path, before), { keys: record.keys, containers: record.keyContainers ?? [] }, false);
    if (removed === null || removed.content === decodeText(path, before)) return op("keep", path, "no longer part of trinity; the keys it added were changed by you, kept", before, before);
    return op("update", path, "keys trinity added taken out (no longer part of trinity); yours are kept", before, encodeText(removed.content));
  }
  return op("keep", path, "no longer part of trinity; its settings are kept", before, before);
}
