import { readRunRecords } from "../apply/journal.ts";
import { TrinityError } from "../errors.ts";
import { withEol } from "../formats/eol.ts";
import { JsonEditor } from "../formats/json-edit.ts";
import { describeParseFailure, isObject, parseJson } from "../formats/parse.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import { decodeText, encodeText, type ReadableFileSystem } from "../fs/port.ts";
import type { FileRecord, Manifest } from "../manifest/schema.ts";
import { BACKUPS_DIR, BASE_DIR, MANIFEST_PATH, sha256 } from "../manifest/store.ts";
import { CATALOGUE } from "../templates/catalogue.ts";
import { blockBody, findBlock, removeBlock, removeBlockBelowTitle, type BlockLocation } from "./blocks.ts";
import { recordedMarkers } from "./changes.ts";
import { removeKeys } from "./keys.ts";
import type { FileOp, Plan } from "./ops.ts";
import { SETTINGS_SCHEMA } from "./settings.ts";

export interface UninstallPlanInput {
  /** Read-only view of the project. */
  fs: ReadableFileSystem;
  /** The deployment to remove; null when there is none (only a --purge of leftover state is possible). */
  manifest: Manifest | null;
  /** Also remove what the user changed (the applier backs it up first). */
  force: boolean;
  purge: boolean;
}

/** What `--purge` deletes after the uninstall: `.trinity/` with the backups of these runs. */
export interface PurgePlan {
  /** The run folders under .trinity/backups/ that go with it (the uninstall's own comes on top). */
  runs: string[];
}

export interface UninstallPlan extends Plan {
  /** Null without --purge. Not a FileOp: it is applied after the journaled run and cannot be undone. */
  purge: PurgePlan | null;
  /** The folders trinity's runs created, which removals may take away once empty; undefined: not known, any. */
  removableDirs: Set<string> | undefined;
}

/**
 * Plans `trinity uninstall`: takes out what trinity wrote and the user did not change, keeps the
 * rest byte for byte, and removes trinity's state (manifest and base store) through the same
 * journaled run, so `trinity rollback` can undo the uninstall. The backups stay unless --purge.
 */
export function planUninstall(input: UninstallPlanInput): UninstallPlan {
  const ops: FileOp[] = [];
  for (const record of input.manifest?.files ?? []) {
    const path = projectPath(record.path);
    const before = input.fs.read(path);
    if (before === null) ops.push(op("skip", path, "already gone", null, null));
    else if (record.kind === "file") ops.push(planFile(record, path, before, input.force));
    else if (record.kind === "block") ops.push(planBlock(record, path, before, input.force));
    else if (record.kind === "keys") ops.push(planKeys(record, path, before, input.force));
    else ops.push(planSettings(record, path, before));
  }
  if (input.manifest !== null) ops.push(...planStateRemoval(input.fs));
  const warnings = ops.filter((o) => o.action === "keep").map((o) => `${o.path}: ${o.reason}`);
  const purge = input.purge ? { runs: input.fs.list(BACKUPS_DIR).filter((e) => e.kind === "dir").map((e) => e.name) } : null;
  return { ops, warnings, purge, removableDirs: createdFolders(input.fs) };
}

/**
 * Every folder a recorded run created, when the records go back to the deploy that created the
 * manifest: a folder that existed before (even empty) then stays. Without complete records (a
 * fresh clone has no backups) any folder the uninstall empties goes, as trinity's folders must.
 */
function createdFolders(fs: ReadableFileSystem): Set<string> | undefined {
  let records;
  try {
    records = readRunRecords(fs);
  } catch {
    return undefined;
  }
  const complete = records.some((record) => record.entries.some((entry) => entry.path === MANIFEST_PATH && !entry.existed));
  return complete ? new Set(records.flatMap((record) => record.createdDirs)) : undefined;
}

const KEPT_CHANGED = "you changed it; kept — `--force` removes it, a backup is kept";
const FORCED = "you changed it; removed with --force (a backup is kept)";

function op(action: FileOp["action"], path: ProjectPath, reason: string, before: Uint8Array | null, after: Uint8Array | null, internal = false): FileOp {
  return { action, path, reason, before, after, record: null, base: null, internal };
}

function planFile(record: FileRecord, path: ProjectPath, before: Uint8Array, force: boolean): FileOp {
  if (sha256(before) === record.sha256) return op("remove", path, "trinity's file, unchanged", before, null);
  return force ? op("remove", path, FORCED, before, null) : op("keep", path, KEPT_CHANGED, before, before);
}

function planBlock(record: FileRecord, path: ProjectPath, before: Uint8Array, force: boolean): FileOp {
  const text = decodeText(path, before);
  const location = findBlock(text, recordedMarkers(path), path);
  if (location === null) {
    if (record.created && onlyTrinitysText(record, text)) return op("remove", path, "trinity created it; its block is gone and nothing of yours is in it", before, null);
    return op("keep", path, "trinity's block is already gone; your text is kept", before, before);
  }
  const edited = !sameBody(blockBody(text, location), record.sha256);
  if (edited && !force) return op("keep", path, "you changed trinity's block; kept — `--force` removes it, a backup is kept", before, before);
  const remaining = withoutBlock(record, text, location);
  if (record.created && onlyTrinitysText(record, remaining)) {
    return op("remove", path, edited ? "you changed trinity's block; removed with --force (a backup is kept)" : "trinity created it; nothing of yours is in it", before, null);
  }
  const reason = edited ? "your changed trinity block removed with --force (a backup is kept); your text is kept" : "trinity's block removed; your text is kept";
  return op("update", path, reason, before, encodeText(remaining));
}

/** True when a body still hashes to what trinity wrote, in either line ending (converting a file's line endings is not an edit). */
function sameBody(body: string, hash: string): boolean {
  return sha256(body) === hash || sha256(withEol(body, "\n")) === hash || sha256(withEol(body, "\r\n")) === hash;
}

/** In a file trinity created, text that is empty or exactly what trinity first wrote around its block. */
function onlyTrinitysText(record: FileRecord, outside: string): boolean {
  return outside.trim() === "" || sha256(outside) === record.initialOutsideSha256;
}

/**
 * The text without trinity's block. A facts block that trinity put below the title of a document
 * it did not create is taken out with the exact inverse of that placement, so the document comes
 * back byte for byte; in files trinity created, the same removal that measured the initial text.
 */
function withoutBlock(record: FileRecord, text: string, location: BlockLocation): string {
  const entry = CATALOGUE.find((candidate) => candidate.id === record.entry);
  const belowTitle = !record.created && entry?.kind.type === "block" && !entry.kind.shared;
  return belowTitle ? removeBlockBelowTitle(text, location) : removeBlock(text, location);
}

/**
 * Takes out of a settings file exactly what trinity added and is still there: its allow rules,
 * `$schema` when it still names Claude Code's schema, and the `permissions` object or `allow`
 * array only when trinity created them and they are now empty. A key the user wrote is never
 * removed; the file goes only when trinity created it and nothing else is left in it.
 */
/** A package.json: the keys trinity added come out when they still hold its values (any value with --force). */
function planKeys(record: FileRecord, path: ProjectPath, before: Uint8Array, force: boolean): FileOp {
  const text = decodeText(path, before);
  const removed = removeKeys(path, text, { keys: record.keys ?? [], containers: record.keyContainers ?? [] }, force);
  if (removed === null) return op("keep", path, "nothing trinity added is left in it", before, before);
  const kept = removed.kept.map((key) => key.path.join("."));
  if (removed.content === text) return op("keep", path, `you changed ${kept.join(", ")}; kept (--force removes them)`, before, before);
  const reason = kept.length > 0 ? `keys trinity added taken out; ${kept.join(", ")} changed by you, kept` : "keys trinity added taken out; yours are kept";
  return op("update", path, reason, before, encodeText(removed.content));
}

function planSettings(record: FileRecord, path: ProjectPath, before: Uint8Array): FileOp {
  const text = decodeText(path, before);
  const editor = new JsonEditor(text);
  // Re-parsed after each edit: removing an array item shifts the indexes of the rest.
  const current = () => {
    const parsed = parseJson(editor.toString());
    if (!parsed.ok || !isObject(parsed.value)) {
      const problem = parsed.ok ? "the top level is not a JSON object" : `file is not valid JSON (${describeParseFailure(parsed)})`;
      throw new TrinityError("invalid-input", `${path}: cannot remove trinity's settings: ${problem}`, {
        hint: "Fix the file and run trinity uninstall again (nothing was changed).",
      });
    }
    return parsed.value;
  };
  const permissions = () => {
    const value = current().permissions;
    return isObject(value) ? value : null;
  };
  const added = record.settings ?? { schema: false, allow: [] };
  const containers = added.containers ?? [];
  const ownsPermissions = record.created || containers.includes("permissions");
  const ownsAllow = ownsPermissions || containers.includes("permissions.allow");
  current(); // an unusable file stops the uninstall here, before any edit is planned
  for (const rule of added.allow) {
    const allow = permissions()?.allow;
    const index = Array.isArray(allow) ? allow.indexOf(rule) : -1;
    if (index !== -1) editor.remove(["permissions", "allow", index]);
  }
  const allow = permissions()?.allow;
  if (ownsAllow && Array.isArray(allow) && allow.length === 0) editor.remove(["permissions", "allow"]);
  const rest = permissions();
  if (ownsPermissions && rest !== null && Object.keys(rest).length === 0) editor.remove(["permissions"]);
  if (added.schema && current().$schema === SETTINGS_SCHEMA) editor.remove(["$schema"]);
  if (record.created && Object.keys(current()).length === 0) return op("remove", path, "trinity created it; nothing of yours is in it", before, null);
  const after = editor.toString();
  if (after === text) return op("keep", path, "nothing of trinity's is left in it; your settings are kept", before, before);
  return op("update", path, "trinity's permission rules removed; your settings are kept", before, encodeText(after));
}

/** The manifest and every base-store file: trinity's state goes through the journal like the rest, so rollback brings it back. */
function planStateRemoval(fs: ReadableFileSystem): FileOp[] {
  const ops: FileOp[] = [];
  const visit = (dir: ProjectPath) => {
    for (const entry of fs.list(dir)) {
      const path = projectPath(`${dir}/${entry.name}`);
      if (entry.kind === "dir") visit(path);
      else if (entry.kind === "file") ops.push(op("remove", path, "merge base", fs.read(path), null, true));
    }
  };
  visit(BASE_DIR);
  ops.push(op("remove", MANIFEST_PATH, "deployment record", fs.read(MANIFEST_PATH), null, true));
  return ops;
}
