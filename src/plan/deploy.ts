import { decodeText, encodeText, sameBytes, type ReadableFileSystem } from "../fs/port.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { detectEol } from "../formats/eol.ts";
import type { FileRecord, Manifest, SettingsAdditions } from "../manifest/schema.ts";
import { sha256 } from "../manifest/store.ts";
import { blockBody, bodyFor, findBlock, insertBlock, removeBlock, replaceBlockBody } from "./blocks.ts";
import type { Desired } from "./desired.ts";
import type { FileOp, Plan } from "./ops.ts";
import { mergeSettings } from "./settings.ts";

export interface DeployPlanInput {
  desired: readonly Desired[];
  /** Read-only view of the project: the actual state, and the base store. */
  fs: ReadableFileSystem;
  /** The previous deployment (only with --force); its records are the base. */
  previous: Manifest | null;
  force: boolean;
}

/**
 * Plans a deploy: compares each desired output with the disk and, on a re-deploy (--force), with
 * what trinity last wrote. Never loses text: anything it overwrites is backed up by the applier,
 * user text outside managed blocks is kept byte for byte, and without --force a file trinity did
 * not write is skipped, not replaced.
 */
export function planDeploy(input: DeployPlanInput): Plan {
  const records = new Map((input.previous?.files ?? []).map((record) => [record.path, record]));
  const ops: FileOp[] = [];
  const warnings: string[] = [];
  for (const desired of input.desired) {
    const before = input.fs.read(desired.path);
    const previous = records.get(desired.path) ?? null;
    records.delete(desired.path);
    if (desired.kind === "file") ops.push(planFile(desired, before, previous, input.force));
    else if (desired.kind === "block") ops.push(planBlock(desired, before, previous, input.force));
    else ops.push(planSettings(desired, before, previous, input.force));
  }
  // Whatever the previous deployment recorded and this one no longer produces (e.g. after
  // switching --command-format) is removed when unchanged, and kept and reported otherwise.
  for (const record of records.values()) {
    ops.push(planOrphan(record, input.fs));
    if (ops.at(-1)!.action === "keep") warnings.push(`${record.path}: ${ops.at(-1)!.reason}`);
  }
  return { ops, warnings };
}

function op(
  action: FileOp["action"],
  path: ProjectPath,
  reason: string,
  before: Uint8Array | null,
  after: Uint8Array | null,
  record: FileRecord | null = null,
  base: string | null = null,
): FileOp {
  return { action, path, reason, before, after, record, base, internal: false };
}

function planFile(desired: Extract<Desired, { kind: "file" }>, before: Uint8Array | null, previous: FileRecord | null, force: boolean): FileOp {
  const content = encodeText(desired.content);
  const record: FileRecord = {
    path: desired.path,
    entry: desired.entry,
    kind: "file",
    ownership: desired.ownership,
    sha256: sha256(content),
    created: before === null || previous?.created === true,
  };
  const make = (action: FileOp["action"], reason: string, recorded = true) =>
    op(action, desired.path, reason, before, action === "skip" ? before : content, recorded ? record : null, recorded ? desired.content : null);
  if (before === null) return make("create", previous ? "re-created (it had been deleted)" : "new");
  if (sameBytes(before, content)) return make(previous ? "unchanged" : "adopt", previous ? "up to date" : "already as trinity would write it");
  if (previous) {
    const userChanged = sha256(before) !== previous.sha256;
    return make("update", userChanged ? "re-rendered; your changes are kept in the backup" : "re-rendered");
  }
  if (force) return make("update", "replaced a file trinity did not write (a backup is kept)");
  return make("skip", "a file trinity did not write is in the way; --force replaces it (a backup is kept)", false);
}

function planBlock(desired: Extract<Desired, { kind: "block" }>, before: Uint8Array | null, previous: FileRecord | null, force: boolean): FileOp {
  const recordFor = (body: string, created: boolean): FileRecord => ({
    path: desired.path,
    entry: desired.entry,
    kind: "block",
    ownership: desired.ownership,
    sha256: sha256(body),
    created: created || previous?.created === true,
  });
  if (before === null) {
    const text = desired.shared ? insertBlock("", desired.body, desired.markers, "end") : desired.initial;
    const written = bodyFor(desired.body, "\n");
    const record = { ...recordFor(written, true), initialOutsideSha256: sha256(outsideBlock(text, desired.markers, desired.path)) };
    return op("create", desired.path, previous ? "re-created (it had been deleted)" : "new", null, encodeText(text), record, written);
  }
  const text = decodeText(desired.path, before);
  const body = bodyFor(desired.body, detectEol(text));
  const location = findBlock(text, desired.markers, desired.path);
  const record: FileRecord = {
    ...recordFor(body, false),
    ...(previous?.initialOutsideSha256 ? { initialOutsideSha256: previous.initialOutsideSha256 } : {}),
  };
  if (location === null) {
    if (desired.shared) {
      const updated = insertBlock(text, desired.body, desired.markers, "end");
      return op("update", desired.path, "trinity block added; your text is kept", before, encodeText(updated), record, body);
    }
    if (previous || force) {
      const updated = insertBlock(text, desired.body, desired.markers, "after-title");
      return op("update", desired.path, "facts block added below the title; your text is kept", before, encodeText(updated), record, body);
    }
    return op("skip", desired.path, "a document trinity did not write is in the way; --force adds the facts block and keeps its text", before, before);
  }
  if (blockBody(text, location) === body) {
    return op(previous ? "unchanged" : "adopt", desired.path, previous ? "up to date" : "trinity block already up to date", before, before, record, body);
  }
  const reason = desired.shared ? "trinity block refreshed; your text outside it is kept" : "facts block refreshed; your text is kept";
  return op("update", desired.path, reason, before, encodeText(replaceBlockBody(text, location, desired.body)), record, body);
}

function planSettings(desired: Extract<Desired, { kind: "settings" }>, before: Uint8Array | null, previous: FileRecord | null, force: boolean): FileOp {
  const text = before === null ? null : decodeText(desired.path, before);
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
  const reason =
    before === null
      ? "new"
      : merge.replacedInvalid
        ? "replaced invalid JSON (a backup is kept)"
        : "trinity's permission rules merged in; your settings are kept";
  return op(before === null ? "create" : "update", desired.path, reason, before, encodeText(merge.content), record, base);
}

/** A text with its managed block taken out: what is not trinity's. */
export function outsideBlock(text: string, markers: "html" | "hash", path: string): string {
  const location = findBlock(text, markers, path);
  return location === null ? text : removeBlock(text, location);
}

/** The canonical text of what trinity added to a settings file: the base for later merges. */
export function settingsBase(added: SettingsAdditions): string {
  return `${JSON.stringify({ schema: added.schema, allow: [...added.allow].sort() })}\n`;
}

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
    const location = findBlock(text, path.endsWith(".gitignore") ? "hash" : "html", path);
    if (location === null) return op("keep", path, "no longer part of trinity; its block is already gone", before, before);
    if (sha256(blockBody(text, location)) !== record.sha256) {
      return op("keep", path, "no longer part of trinity, but you changed its block; kept", before, before);
    }
    const remaining = removeBlock(text, location);
    if (remaining.trim() === "" && record.created) return op("remove", path, "no longer part of trinity", before, null);
    return op("update", path, "trinity block removed (no longer part of trinity); your text is kept", before, encodeText(remaining));
  }
  return op("keep", path, "no longer part of trinity; its settings are kept", before, before);
}
