import { TrinityError } from "../errors.ts";
import { projectPath } from "../fs/path.ts";
import { decodeText, type ReadableFileSystem } from "../fs/port.ts";
import type { FileRecord } from "../manifest/schema.ts";
import { MANIFEST_PATH, readManifest, sha256 } from "../manifest/store.ts";
import { detectLegacyDeployment } from "../plan/adopt.ts";
import { blockBody, findBlock } from "../plan/blocks.ts";
import { recordedMarkers } from "../plan/changes.ts";
import { keysUnchanged } from "../plan/keys.ts";
import { changesDisk, type Action, type FileOp } from "../plan/ops.ts";
import type { TemplateSource } from "../templates/source.ts";
import { planUpdate } from "./update.ts";

/** Whether the user changed a managed path since trinity last wrote it. */
export type DiskState = "clean" | "modified" | "deleted" | "conflict" | "new";

export interface StatusEntry {
  path: string;
  disk: DiskState;
  /** What `trinity update` would do. */
  update: Action;
  /** The change update would make comes only from new metrics (facts blocks, folder sizes). */
  factsOnly: boolean;
}

export interface StatusResult {
  root: string;
  version: string;
  deployedVersion: string;
  entries: StatusEntry[];
  /** Update operations, for `trinity diff`. */
  operations: FileOp[];
  warnings: string[];
}

export interface StatusDeps {
  fs: ReadableFileSystem;
  templates: TemplateSource;
  version: string;
  now: () => Date;
  git: boolean;
}

/**
 * What changed since trinity last wrote each file, and what an update would do (PRODUCT.md §2.3).
 * Read-only. A change that comes only from new metrics is told apart by planning the update a
 * second time with the metrics the documents were last rendered with.
 */
export async function status(deps: StatusDeps): Promise<StatusResult> {
  const { fs } = deps;
  const legacy = detectLegacyDeployment(fs);
  if (legacy !== null) {
    throw new TrinityError("legacy-deployment", `this project has a deployment made by the original Trinity Method SDK ${legacy}`, {
      hint: "Run `trinity update` to adopt it; `trinity update --dry-run` shows every move first.",
    });
  }
  const manifest = readManifest(fs);
  if (manifest === null) throw new TrinityError("not-deployed", `${MANIFEST_PATH}: this project has no trinity deployment`, { hint: "Run `trinity deploy` first." });
  const request = { force: false, conflict: "inline" as const, skipAudit: manifest.options.skipAudit };
  const now = deps.now();
  const current = await planUpdate(fs, request, deps, now);
  const withRecordedFacts = manifest.metrics === undefined ? current : await planUpdate(fs, request, deps, now, manifest.metrics);
  const recordedChanges = new Set(withRecordedFacts.result.operations.filter(changesDisk).map((op) => op.path as string));
  const records = new Map(manifest.files.map((record) => [record.path, record]));
  const entries = current.result.operations
    .filter((op) => !op.path.endsWith(".trinity-new") && !op.path.endsWith(".rej"))
    .map((op): StatusEntry => ({
      path: op.path,
      disk: diskState(fs, records.get(op.path) ?? null, op.path),
      update: op.action,
      factsOnly: changesDisk(op) && !recordedChanges.has(op.path),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    root: fs.root,
    version: deps.version,
    deployedVersion: manifest.trinityVersion,
    entries,
    operations: current.result.operations,
    warnings: current.result.warnings,
  };
}

/** The user's side of a managed path: untouched, edited, deleted, or holding an unresolved conflict. */
function diskState(fs: ReadableFileSystem, record: FileRecord | null, path: string): DiskState {
  if (record === null) return "new";
  const data = fs.read(projectPath(path));
  if (data === null) return "deleted";
  if (fs.read(projectPath(`${path}.trinity-new`)) !== null) return "conflict";
  const text = decodeText(path, data);
  if (/^<{7} yours \(on disk\)$/m.test(text)) return "conflict";
  if (record.kind === "file") return sha256(data) === record.sha256 ? "clean" : "modified";
  if (record.kind === "block") {
    const location = findBlock(text, recordedMarkers(path), path);
    if (location === null) return "deleted";
    return sha256(blockBody(text, location)) === record.sha256 ? "clean" : "modified";
  }
  if (record.kind === "keys") return keysUnchanged(text, { keys: record.keys ?? [], containers: record.keyContainers ?? [] }) ? "clean" : "modified";
  const allow = record.settings?.allow ?? [];
  return allow.every((rule) => text.includes(JSON.stringify(rule))) ? "clean" : "modified";
}

/** True when status --check should fail: the user changed something, or an update would change more than facts. */
export function hasDrift(entries: readonly StatusEntry[]): boolean {
  return entries.some((entry) => entry.disk === "modified" || entry.disk === "deleted" || entry.disk === "conflict" || (isChange(entry.update) && !entry.factsOnly));
}

function isChange(action: Action): boolean {
  return action === "create" || action === "update" || action === "remove" || action === "merge" || action === "conflict";
}
