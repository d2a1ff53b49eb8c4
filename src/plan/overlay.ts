import { ancestors, type ProjectPath } from "../fs/path.ts";
import { sameBytes, type DirEntry, type FileStat, type ReadableFileSystem } from "../fs/port.ts";
import { changesDisk, type FileOp } from "./ops.ts";

/**
 * A read-only view of the project as it will be once some planned operations are applied, so a
 * later planning step (update after adopting a legacy layout) can plan on the result of an
 * earlier one without writing anything.
 */
export function overlay(fs: ReadableFileSystem, ops: readonly FileOp[]): ReadableFileSystem {
  const after = new Map<string, Uint8Array | null>();
  for (const op of ops) if (changesDisk(op)) after.set(op.path, op.after);
  const dirs = new Set<string>();
  for (const [path, content] of after) if (content !== null) for (const dir of ancestors(path as ProjectPath)) dirs.add(dir);
  return {
    root: fs.root,
    read: (path) => (after.has(path) ? (after.get(path) ?? null) : fs.read(path)),
    stat: (path): FileStat | null => {
      if (after.has(path)) {
        const content = after.get(path);
        return content == null ? null : { kind: "file", mode: 0o644, size: content.length };
      }
      const stat = fs.stat(path);
      return stat ?? (dirs.has(path) ? { kind: "dir", mode: 0o755, size: 0 } : null);
    },
    list: (dir): DirEntry[] => {
      const prefix = dir === undefined ? "" : `${dir}/`;
      const entries = new Map(fs.list(dir).map((entry) => [entry.name, entry]));
      for (const [path, content] of after) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf("/");
        const name = slash === -1 ? rest : rest.slice(0, slash);
        if (slash !== -1) entries.set(name, { name, kind: "dir" });
        else if (content === null) entries.delete(name);
        else entries.set(name, { name, kind: "file" });
      }
      return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/**
 * Joins two plans made one on top of the other (the second planned on `overlay(fs, first)`) into
 * one plan against the real disk: per path, the first `before` and the last `after` and record.
 */
export function composeOps(first: readonly FileOp[], second: readonly FileOp[]): FileOp[] {
  const byPath = new Map<string, FileOp>();
  for (const op of first) byPath.set(op.path, op);
  for (const op of second) {
    const earlier = byPath.get(op.path);
    if (earlier === undefined || !changesDisk(earlier)) {
      byPath.set(op.path, earlier === undefined ? op : { ...op, before: earlier.before });
      continue;
    }
    const before = earlier.before;
    const after = changesDisk(op) ? op.after : earlier.after;
    const unchanged = before === null || after === null ? before === after : sameBytes(before, after);
    const action = unchanged ? "unchanged" : before === null ? "create" : after === null ? "remove" : "update";
    byPath.set(op.path, { ...op, action, before, after, reason: `${earlier.reason}; ${op.reason}` });
  }
  return [...byPath.values()];
}
