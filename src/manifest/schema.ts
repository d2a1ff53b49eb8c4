import type { Stack } from "../detect/types.ts";
import type { Metrics } from "../metrics/scan.ts";
import { isObject } from "../formats/parse.ts";
import { CI_CHOICES, LINT_TOOL_IDS, type CiChoice, type LintToolId } from "../tooling/tools.ts";

export const MANIFEST_SCHEMA_VERSION = 1;

/**
 * Who owns a file after deploy. Methodology files are trinity's (update re-renders them, merging
 * local edits); user files are the project's, and trinity only refreshes their facts block.
 */
export type Ownership = "methodology" | "user";

/** What trinity added to a settings file, recorded so that uninstall removes exactly that. */
export interface SettingsAdditions {
  schema: boolean;
  allow: string[];
  /**
   * The object or array trinity created to hold its rules in a file it merged into (absent: none,
   * or a manifest written before this was recorded); uninstall removes it again once it is empty.
   */
  containers?: SettingsContainer[];
}

/** `permissions`: trinity created the permissions object (and its allow array); `permissions.allow`: only the array. */
export type SettingsContainer = "permissions" | "permissions.allow";

/** How trinity holds a path: a whole file, a managed block in it, keys merged into JSON settings, or keys added to a package.json. */
export type RecordKind = "file" | "block" | "settings" | "keys";

/** A key trinity added to a JSON file (package.json), with the value it wrote. */
export interface AddedKey {
  path: string[];
  value: string;
}

/** What trinity last wrote at one path. The base content itself is in the base store, under `sha256`. */
export interface FileRecord {
  path: string;
  /** The catalogue entry that produced it. */
  entry: string;
  kind: RecordKind;
  ownership: Ownership;
  /** sha256 of the base: the whole file, the block body, or the canonical JSON of the settings additions. */
  sha256: string;
  /** True when trinity created the file (uninstall may then remove it entirely). */
  created: boolean;
  /** For settings: exactly what trinity added. */
  settings?: SettingsAdditions;
  /** For keys: exactly the keys trinity added and their values, and the objects it created to hold them. */
  keys?: AddedKey[];
  keyContainers?: string[];
  /**
   * For a block in a file trinity created: sha256 of that file's text outside the block as first
   * written, so uninstall can tell whether the user wrote anything there.
   */
  initialOutsideSha256?: string;
}

/** The options a deployment was made with; update re-uses them. */
export interface DeployOptions {
  projectName: string;
  commandFormat: "skills" | "commands";
  gitignore: "shared" | "private";
  skipAudit: boolean;
  ciDeploy: boolean;
  /** Lint tools set up (PRODUCT.md §6); absent in manifests written before linting existed. */
  lint?: LintToolId[];
  /** The CI platform workflows were written for; null or absent: none. */
  ci?: CiChoice | null;
  /** "embedded", or the --templates directory. */
  templates: string;
}

/** `.trinity/manifest.json`. */
export interface Manifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  trinityVersion: string;
  /** The first deploy date, YYYY-MM-DD: the `deployDate` every template renders. */
  deployDate: string;
  /** When the last successful deploy/update finished (ISO 8601). */
  lastRun: string;
  lastCommand: string;
  options: DeployOptions;
  stack: Stack;
  /** The metrics the documents were rendered with (null: not collected), so status can tell facts-only changes. */
  metrics?: Metrics | null;
  files: FileRecord[];
}

/**
 * Checks that a parsed manifest has the shape trinity relies on. Returns the first problem as a
 * JSON path and a description ("files[3].sha256 is not a sha256 hex digest"), or null.
 */
export function manifestProblem(value: unknown): string | null {
  if (!isObject(value)) return "the top level is not a JSON object";
  if (value.schemaVersion !== MANIFEST_SCHEMA_VERSION) {
    return typeof value.schemaVersion === "number" && value.schemaVersion > MANIFEST_SCHEMA_VERSION
      ? `schemaVersion ${value.schemaVersion} was written by a newer trinity`
      : "schemaVersion is missing or not 1";
  }
  const strings = ["trinityVersion", "deployDate", "lastRun", "lastCommand"] as const;
  for (const key of strings) if (typeof value[key] !== "string") return `${key} is not a string`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.deployDate as string)) return "deployDate is not a YYYY-MM-DD date";
  const options = value.options;
  if (!isObject(options)) return "options is not an object";
  if (typeof options.projectName !== "string") return "options.projectName is not a string";
  if (options.commandFormat !== "skills" && options.commandFormat !== "commands") return "options.commandFormat is not skills or commands";
  if (options.gitignore !== "shared" && options.gitignore !== "private") return "options.gitignore is not shared or private";
  if (typeof options.skipAudit !== "boolean") return "options.skipAudit is not a boolean";
  if (typeof options.ciDeploy !== "boolean") return "options.ciDeploy is not a boolean";
  if (typeof options.templates !== "string") return "options.templates is not a string";
  if (options.lint !== undefined && (!Array.isArray(options.lint) || options.lint.some((tool) => !(LINT_TOOL_IDS as readonly unknown[]).includes(tool)))) {
    return `options.lint is not a list of lint tools (${LINT_TOOL_IDS.join(", ")})`;
  }
  if (options.ci !== undefined && options.ci !== null && !(CI_CHOICES as readonly unknown[]).includes(options.ci)) return `options.ci is not one of ${CI_CHOICES.join(", ")} or null`;
  if (!isObject(value.stack) || !Array.isArray(value.stack.ecosystems)) return "stack.ecosystems is not an array";
  if (!Array.isArray(value.files)) return "files is not an array";
  const seen = new Set<string>();
  for (const [index, record] of value.files.entries()) {
    const problem = recordProblem(record);
    if (problem !== null) return `files[${index}]${problem}`;
    const path = (record as FileRecord).path;
    if (seen.has(path)) return `files[${index}].path ${JSON.stringify(path)} is listed twice`;
    seen.add(path);
  }
  return null;
}

function recordProblem(record: unknown): string | null {
  if (!isObject(record)) return " is not an object";
  if (typeof record.path !== "string" || record.path === "") return ".path is not a path";
  if (typeof record.entry !== "string") return ".entry is not a string";
  if (record.kind !== "file" && record.kind !== "block" && record.kind !== "settings" && record.kind !== "keys") return ".kind is not file, block, settings or keys";
  if (record.ownership !== "methodology" && record.ownership !== "user") return ".ownership is not methodology or user";
  if (typeof record.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(record.sha256)) return ".sha256 is not a sha256 hex digest";
  if (typeof record.created !== "boolean") return ".created is not a boolean";
  if (record.kind === "settings") {
    const settings = record.settings;
    if (!isObject(settings) || typeof settings.schema !== "boolean" || !Array.isArray(settings.allow)) {
      return ".settings does not say what trinity added";
    }
    const containers = settings.containers;
    if (containers !== undefined && (!Array.isArray(containers) || containers.some((key) => key !== "permissions" && key !== "permissions.allow"))) {
      return ".settings.containers is not a list of permissions and permissions.allow";
    }
  }
  if (record.kind === "keys") {
    const keys = record.keys;
    if (!Array.isArray(keys) || keys.some((key) => !isObject(key) || !Array.isArray(key.path) || key.path.some((part: unknown) => typeof part !== "string") || typeof key.value !== "string")) {
      return ".keys does not say which keys trinity added";
    }
    if (record.keyContainers !== undefined && (!Array.isArray(record.keyContainers) || record.keyContainers.some((key: unknown) => typeof key !== "string"))) {
      return ".keyContainers is not a list of keys";
    }
  }
  return null;
}
