import { TrinityError } from "../errors.ts";
import { JsonEditor } from "../formats/json-edit.ts";
import type { SettingsAdditions, SettingsContainer } from "../manifest/schema.ts";
import { describeParseFailure, isObject, parseJson } from "../formats/parse.ts";

/** The JSON schema Claude Code's settings files declare. */
export const SETTINGS_SCHEMA = "https://json.schemastore.org/claude-code-settings.json";

/**
 * Permission rules trinity adds to `.claude/settings.json`: the workflows may edit the methodology's
 * working files and run read-only git commands without a prompt. Each passes Claude Code's rule
 * check without a warning (CLAUDE-CODE-FORMATS.md §5): `Edit` rather than `Write` for paths, and
 * the `:*` prefix form for Bash, which also matches the bare command.
 */
export const TRINITY_ALLOW_RULES: readonly string[] = [
  "Edit(.claude/trinity/**)",
  "Bash(git status:*)",
  "Bash(git diff:*)",
  "Bash(git log:*)",
  "Bash(git show:*)",
];

export type SettingsMerge =
  | { outcome: "unchanged"; added: SettingsAdditions }
  | { outcome: "write"; content: string; added: SettingsAdditions; replacedInvalid: boolean };

/**
 * Merges trinity's keys into a settings file. Keys the user has are never changed; trinity adds
 * `$schema` if absent and each missing allow rule. `previous` is what an earlier run added; rules
 * it added that are still there stay recorded as trinity's.
 */
export function mergeSettings(
  path: string,
  text: string | null,
  previous: SettingsAdditions | null,
  force: boolean,
): SettingsMerge {
  if (text === null) return { outcome: "write", ...freshSettings(), replacedInvalid: false };
  const problem = settingsProblem(text);
  if (problem !== null) {
    if (force) return { outcome: "write", ...freshSettings(), replacedInvalid: true };
    throw new TrinityError("invalid-input", `${path}: cannot merge settings: ${problem}`, {
      hint: "Fix the file, or run with --force to replace it (a backup is kept).",
    });
  }
  const settings = (parseJson(text) as { value: Record<string, unknown> }).value;
  const existingRules = new Set(
    ((isObject(settings.permissions) ? settings.permissions.allow : undefined) as string[] | undefined) ?? [],
  );
  const editor = new JsonEditor(text);
  const containers = (previous?.containers ?? []).filter((key) => containerExists(settings, key));
  const added: SettingsAdditions = {
    schema: previous?.schema === true && settings.$schema === SETTINGS_SCHEMA,
    allow: (previous?.allow ?? []).filter((rule) => existingRules.has(rule) && TRINITY_ALLOW_RULES.includes(rule)),
    ...(containers.length > 0 ? { containers } : {}),
  };
  let changed = false;
  // What trinity added before and the user removed since stays removed (unless --force).
  if (!("$schema" in settings) && (force || previous?.schema !== true)) {
    editor.set(["$schema"], SETTINGS_SCHEMA, { first: true });
    added.schema = true;
    changed = true;
  }
  // Rules an earlier version added and this one no longer wants are taken out again.
  const retired = (previous?.allow ?? []).filter((rule) => existingRules.has(rule) && !TRINITY_ALLOW_RULES.includes(rule));
  for (const rule of retired) {
    editor.removeFromArray(["permissions", "allow"], rule);
    changed = true;
  }
  const missing = TRINITY_ALLOW_RULES.filter((rule) => !existingRules.has(rule) && (force || !previous?.allow.includes(rule)));
  if (missing.length > 0) {
    // Recorded so that uninstall takes out again what only existed to hold trinity's rules.
    if (!isObject(settings.permissions)) {
      editor.set(["permissions"], { allow: missing });
      added.containers = ["permissions"];
    } else if (!Array.isArray(settings.permissions.allow)) {
      editor.set(["permissions", "allow"], missing);
      added.containers = ["permissions.allow"];
    } else for (const rule of missing) editor.append(["permissions", "allow"], rule);
    added.allow.push(...missing);
    changed = true;
  }
  return changed ? { outcome: "write", content: editor.toString(), added, replacedInvalid: false } : { outcome: "unchanged", added };
}

/** True when the settings still hold the object or array a container names. */
function containerExists(settings: Record<string, unknown>, key: SettingsContainer): boolean {
  if (!isObject(settings.permissions)) return false;
  return key === "permissions" || Array.isArray(settings.permissions.allow);
}

/** Why a settings text cannot be merged into, or null when it can. */
function settingsProblem(text: string): string | null {
  const parsed = parseJson(text);
  if (!parsed.ok) return `file is not valid JSON (${describeParseFailure(parsed)})`;
  if (!isObject(parsed.value)) return "the top level is not a JSON object";
  const permissions = parsed.value.permissions;
  if (permissions !== undefined && !isObject(permissions)) return '"permissions" is not an object';
  if (isObject(permissions) && permissions.allow !== undefined) {
    if (!Array.isArray(permissions.allow)) return '"permissions.allow" is not an array';
    if (permissions.allow.some((rule) => typeof rule !== "string")) return '"permissions.allow" holds a value that is not a string';
  }
  return null;
}

function freshSettings(): { content: string; added: SettingsAdditions } {
  const content = `${JSON.stringify({ $schema: SETTINGS_SCHEMA, permissions: { allow: [...TRINITY_ALLOW_RULES] } }, null, 2)}\n`;
  return { content, added: { schema: true, allow: [...TRINITY_ALLOW_RULES] } };
}
