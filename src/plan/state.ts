import { encodeText, sameBytes, type ReadableFileSystem } from "../fs/port.ts";
import type { FileRecord, Manifest } from "../manifest/schema.ts";
import { basePath, MANIFEST_PATH, serializeManifest } from "../manifest/store.ts";
import type { FileOp } from "./ops.ts";

/**
 * The operations that record a run: one base-store blob per recorded output (content-addressed,
 * so unchanged bases cost nothing) and the manifest, written last. They are ordinary operations,
 * journaled and rolled back with the rest.
 */
export function planStateWrites(fs: ReadableFileSystem, ops: readonly FileOp[], manifest: Omit<Manifest, "files">): FileOp[] {
  const state: FileOp[] = [];
  const files: FileRecord[] = [];
  const stored = new Set<string>();
  for (const op of ops) {
    if (op.record === null) continue;
    files.push(op.record);
    if (op.base === null || stored.has(op.record.sha256)) continue;
    stored.add(op.record.sha256);
    const path = basePath(op.record.sha256);
    const before = fs.read(path);
    const content = encodeText(op.base);
    if (before !== null && sameBytes(before, content)) continue;
    state.push({ action: before === null ? "create" : "update", path, reason: "merge base", before, after: content, record: null, base: null, internal: true });
  }
  const manifestBefore = fs.read(MANIFEST_PATH);
  state.push({
    action: manifestBefore === null ? "create" : "update",
    path: MANIFEST_PATH,
    reason: "deployment record",
    before: manifestBefore,
    after: encodeText(serializeManifest({ ...manifest, files })),
    record: null,
    base: null,
    internal: true,
  });
  return state;
}
