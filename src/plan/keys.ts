import { TrinityError } from "../errors.ts";
import { JsonEditor } from "../formats/json-edit.ts";
import { describeParseFailure, isObject, parseJson } from "../formats/parse.ts";
import type { AddedKey } from "../manifest/schema.ts";

/** What trinity has added to a JSON file: the keys (with their values) and the objects it created for them. */
export interface KeysRecord {
  keys: AddedKey[];
  containers: string[];
}

export type KeysMerge = { outcome: "unchanged" | "write"; content: string; record: KeysRecord; warnings: string[] };

/**
 * Adds keys to a JSON file (a package.json) without ever changing what is there: a key that exists
 * keeps its value, whatever it is; key order, indentation and line endings stay. A key trinity
 * added before and the user removed stays removed (unless `force`); keys trinity added that this
 * version no longer wants are taken out again if they still hold trinity's value.
 */
export function addKeys(path: string, text: string, wanted: readonly AddedKey[], previous: KeysRecord | null, force: boolean): KeysMerge {
  const data = parseObject(path, text, "add its keys to");
  const editor = new JsonEditor(text);
  const warnings: string[] = [];
  const isOurs = (key: AddedKey) => valueAt(data, key.path) === key.value;
  const previousKeys = previous?.keys ?? [];
  const wasAdded = (key: AddedKey) => previousKeys.some((old) => samePath(old.path, key.path));
  const record: KeysRecord = { keys: [], containers: (previous?.containers ?? []).filter((name) => isObject(data[name])) };
  let changed = false;

  for (const old of previousKeys) {
    if (!wanted.some((key) => samePath(key.path, old.path)) && isOurs(old)) {
      editor.remove(old.path);
      changed = true;
    }
  }
  for (const key of wanted) {
    const current = valueAt(data, key.path);
    if (current !== undefined) {
      // Already there: trinity's only if it wrote exactly this before; a user's value is never touched.
      if (current === key.value && previousKeys.some((old) => samePath(old.path, key.path) && old.value === current)) record.keys.push(key);
      continue;
    }
    if (wasAdded(key) && !force) continue;
    const [container, ...rest] = key.path;
    if (container === undefined || rest.length !== 1) throw new TrinityError("internal", `${path}: key ${key.path.join(".")} is not container.name`);
    const holder = data[container];
    if (holder === undefined) {
      editor.set([container], { [rest[0]!]: key.value });
      record.containers.push(container);
      data[container] = { [rest[0]!]: key.value };
    } else if (holder !== undefined && !isObject(holder)) {
      warnings.push(`${path}: "${container}" is not an object, so ${rest[0]} was not added to it`);
      continue;
    } else {
      editor.set(key.path, key.value);
      if (isObject(data[container])) (data[container] as Record<string, unknown>)[rest[0]!] = key.value;
    }
    record.keys.push(key);
    changed = true;
  }
  return { outcome: changed ? "write" : "unchanged", content: editor.toString(), record, warnings };
}

/**
 * Takes out what trinity added: each key that still holds trinity's value (any value with
 * `force`), and each object trinity created that is left empty. Returns null when nothing changes.
 */
export function removeKeys(path: string, text: string, record: KeysRecord, force: boolean): { content: string; kept: AddedKey[] } | null {
  const data = parseObject(path, text, "remove its keys from");
  const editor = new JsonEditor(text);
  const kept: AddedKey[] = [];
  let changed = false;
  for (const key of record.keys) {
    const current = valueAt(data, key.path);
    if (current === undefined) continue;
    if (current !== key.value && !force) {
      kept.push(key);
      continue;
    }
    editor.remove(key.path);
    const holder = data[key.path[0]!];
    if (isObject(holder)) delete holder[key.path[1]!];
    changed = true;
  }
  for (const container of record.containers) {
    const holder = data[container];
    if (isObject(holder) && Object.keys(holder).length === 0) {
      editor.remove([container]);
      changed = true;
    }
  }
  return changed ? { content: editor.toString(), kept } : kept.length > 0 ? { content: text, kept } : null;
}

/** Whether the keys trinity recorded still hold its values (false: the user changed or removed one). */
export function keysUnchanged(text: string, record: KeysRecord): boolean {
  const parsed = parseJson(text);
  if (!parsed.ok || !isObject(parsed.value)) return false;
  const data = parsed.value;
  return record.keys.every((key) => valueAt(data, key.path) === key.value);
}

/** The canonical text of what trinity added: the base for status and later runs. */
export function keysBase(record: KeysRecord): string {
  const keys = [...record.keys].sort((a, b) => (a.path.join("\u0000") < b.path.join("\u0000") ? -1 : 1));
  return `${JSON.stringify({ keys, containers: [...record.containers].sort() })}\n`;
}

function parseObject(path: string, text: string, action: string): Record<string, unknown> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new TrinityError("invalid-input", `${path}: cannot ${action} it: not valid JSON (${describeParseFailure(parsed)})`, {
      hint: "Fix the JSON and run trinity again; trinity never replaces this file.",
    });
  }
  if (!isObject(parsed.value)) throw new TrinityError("invalid-input", `${path}: cannot ${action} it: the top level is not a JSON object`, { hint: "Fix the file and run trinity again." });
  return parsed.value;
}

function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const part of path) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
