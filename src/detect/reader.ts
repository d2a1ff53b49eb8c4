import { decodeText, type ReadableFileSystem } from "../fs/port.ts";
import { projectPath } from "../fs/path.ts";
import { describeParseFailure, isObject, parseJson, parseToml, parseXml, parseYaml, type ParseResult } from "../formats/parse.ts";

/**
 * Read access to a project for detectors: existence checks and parsed manifests. A manifest that
 * does not parse becomes a warning naming the file and line, and the detector sees `null`, so
 * detection continues instead of crashing or guessing.
 */
export class ProjectReader {
  readonly warnings: string[] = [];
  private readonly cache = new Map<string, unknown>();

  constructor(readonly fs: ReadableFileSystem) {}

  /** `dir` joined with `name`, where `dir` may be `.`. */
  static join(dir: string, name: string): string {
    return dir === "." ? name : `${dir}/${name}`;
  }

  isFile(path: string): boolean {
    return this.fs.stat(projectPath(path))?.kind === "file";
  }

  isDir(path: string): boolean {
    return this.fs.stat(projectPath(path))?.kind === "dir";
  }

  /** Names of the entries of a directory (`.` for the root). */
  list(dir: string): string[] {
    return (dir === "." ? this.fs.list() : this.fs.list(projectPath(dir))).map((entry) => entry.name);
  }

  /** The candidates that exist as directories under `dir`, as root-relative paths, in candidate order. */
  existingDirs(dir: string, candidates: readonly string[]): string[] {
    return candidates.map((name) => ProjectReader.join(dir, name)).filter((path) => this.isDir(path));
  }

  text(path: string): string | null {
    const data = this.fs.read(projectPath(path));
    if (data === null) return null;
    try {
      return decodeText(path, data);
    } catch {
      this.warnings.push(`${path}: skipped: not UTF-8 text`);
      return null;
    }
  }

  /** A JSON object file, or null when absent or invalid (with a warning). */
  json(path: string): Record<string, unknown> | null {
    return this.parsed(path, "JSON", parseJson);
  }

  toml(path: string): Record<string, unknown> | null {
    return this.parsed(path, "TOML", parseToml);
  }

  yaml(path: string): Record<string, unknown> | null {
    return this.parsed(path, "YAML", parseYaml);
  }

  xml(path: string): Record<string, unknown> | null {
    return this.parsed(path, "XML", parseXml);
  }

  /** The first existing file among the names, as a root-relative path. */
  firstFile(dir: string, names: readonly string[]): string | null {
    for (const name of names) {
      const path = ProjectReader.join(dir, name);
      if (this.isFile(path)) return path;
    }
    return null;
  }

  private parsed(path: string, format: string, parse: (text: string) => ParseResult): Record<string, unknown> | null {
    if (this.cache.has(path)) return this.cache.get(path) as Record<string, unknown> | null;
    let value: Record<string, unknown> | null = null;
    const text = this.text(path);
    if (text !== null) {
      const result = parse(text);
      if (!result.ok) {
        this.warnings.push(`${path}: not valid ${format} (${describeParseFailure(result)}); detection continues without it`);
      } else if (!isObject(result.value)) {
        this.warnings.push(`${path}: expected a ${format} object at the top level; detection continues without it`);
      } else {
        value = result.value;
      }
    }
    this.cache.set(path, value);
    return value;
  }
}

/** The object at `key`, or an empty object. */
export function objectAt(value: unknown, ...keys: string[]): Record<string, unknown> {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : {};
}

/** The string at `key`, or null. */
export function stringAt(value: unknown, ...keys: string[]): string | null {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return typeof current === "string" ? current : null;
}

/** The value at `key` as an array (a single value becomes a one-element array; absent, empty). */
export function listAt(value: unknown, ...keys: string[]): unknown[] {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current === undefined || current === null ? [] : Array.isArray(current) ? current : [current];
}
