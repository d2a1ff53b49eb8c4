import { isObject } from "../formats/parse.ts";
import { PERMISSION_MODES, permissionRuleIssues, toolNameIssue, type Issue } from "./formats.ts";

/**
 * What Claude Code 2.1.332 accepts in `settings.json`, `settings.local.json` and in the `hooks` of
 * agent and skill frontmatter (CLAUDE-CODE-FORMATS.md §5), as data and checks.
 */

/** Hook events Claude Code 2.1.332 knows (§5). */
export const HOOK_EVENTS: ReadonlySet<string> = new Set([
  "PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch", "Notification", "UserPromptSubmit", "UserPromptExpansion",
  "SessionStart", "SessionEnd", "Stop", "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "PostCompact", "PreModelSwitch",
  "PostModelSwitch", "PermissionRequest", "PermissionDenied", "Setup", "TeammateIdle", "TaskCreated", "TaskCompleted", "Elicitation",
  "ElicitationResult", "ConfigChange", "WorktreeCreate", "WorktreeRemove", "InstructionsLoaded", "CwdChanged", "FileChanged",
  "DirectoryAdded", "MessageDisplay", "PreSkillShellCommand",
]);

/** Events the CLI accepts but the documentation does not list: avoid them until it does. */
export const UNDOCUMENTED_HOOK_EVENTS: ReadonlySet<string> = new Set(["PreModelSwitch", "PostModelSwitch", "PreSkillShellCommand"]);

/** Events whose `matcher` matches tool names, so the names in it can be checked. */
const TOOL_EVENTS = new Set(["PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionRequest", "PermissionDenied"]);

/** Events whose invalid entries make Claude Code ignore the whole settings file: a guard hook could not load. */
const GUARD_EVENTS = new Set(["PreToolUse", "PermissionRequest"]);

/** Hook handler types and the string fields each one requires (§5). */
export const HOOK_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ["command", ["command"]],
  ["prompt", ["prompt"]],
  ["agent", ["prompt"]],
  ["http", ["url"]],
  ["mcp_tool", ["server", "tool"]],
]);

/** The keys of the `permissions` object. */
const PERMISSION_KEYS = new Set(["allow", "ask", "deny", "defaultMode", "disableBypassPermissionsMode", "additionalDirectories", "disableAutoMode"]);

const error = (problem: string, fix: string): Issue => ({ severity: "error", problem, fix });
const warning = (problem: string, fix: string): Issue => ({ severity: "warning", problem, fix });
const at = (where: string, issue: Issue): Issue => ({ ...issue, problem: `${where}: ${issue.problem}` });

/**
 * Checks a parsed settings file: the root, `permissions` (lists, rules, modes) and `hooks`. Unknown
 * top-level keys are not reported: Claude Code knows about 200 of them and tolerates the rest.
 */
export function settingsIssues(value: unknown): Issue[] {
  if (!isObject(value)) {
    const what = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return [error(`the top level is ${what}, not an object, so Claude Code ignores the whole file`, "make the file one JSON object: { … }")];
  }
  const issues: Issue[] = [];
  for (const event of GUARD_EVENTS) {
    if (value[event] !== undefined) issues.push(error(`${event} hooks are declared outside "hooks"`, `move them into "hooks": { "${event}": [ … ] }`));
  }
  if (value.permissions !== undefined) issues.push(...permissionsIssues(value.permissions));
  if (value.hooks !== undefined) issues.push(...hooksIssues(value.hooks, "hooks"));
  return issues;
}

function permissionsIssues(permissions: unknown): Issue[] {
  if (!isObject(permissions)) return [error("permissions is not an object", 'write it as { "allow": [ … ] }')];
  const issues: Issue[] = [];
  for (const key of Object.keys(permissions)) {
    if (!PERMISSION_KEYS.has(key)) issues.push(warning(`unknown key permissions.${key}: Claude Code ignores it`, `use ${[...PERMISSION_KEYS].join(", ")}`));
  }
  for (const list of ["allow", "ask", "deny"] as const) {
    const rules = permissions[list];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      issues.push(error(`permissions.${list} is not an array, so Claude Code skips it`, `write it as a list: "${list}": ["Rule", …]`));
      continue;
    }
    rules.forEach((rule, index) => {
      const where = `permissions.${list}[${index}]`;
      if (typeof rule !== "string") issues.push(error(`${where} is not a string`, 'write each rule as a string such as "Bash(npm test)"'));
      else issues.push(...permissionRuleIssues(rule, list).map((issue) => at(`${where} ${JSON.stringify(rule)}`, issue)));
    });
  }
  const mode = permissions.defaultMode;
  if (mode !== undefined && (typeof mode !== "string" || !PERMISSION_MODES.includes(mode))) {
    issues.push(error(`permissions.defaultMode ${JSON.stringify(mode)} is not a permission mode, so Claude Code skips it`, `use one of ${PERMISSION_MODES.join(", ")}`));
  }
  const bypass = permissions.disableBypassPermissionsMode;
  if (bypass !== undefined && bypass !== "disable") {
    issues.push(error(`permissions.disableBypassPermissionsMode ${JSON.stringify(bypass)} is not "disable"`, 'write "disable", or remove the key'));
  }
  const directories = permissions.additionalDirectories;
  if (directories !== undefined && !(Array.isArray(directories) && directories.every((d) => typeof d === "string"))) {
    issues.push(error("permissions.additionalDirectories is not a list of paths", 'write it as ["../shared", …]'));
  }
  return issues;
}

/**
 * Checks a `hooks` value (settings, or agent and skill frontmatter): known events, arrays of
 * matcher groups, handler types with their required fields, numeric timeouts, `if` rules, and the
 * tool names a tool event's matcher lists. `where` is where the value sits, for the messages.
 */
export function hooksIssues(hooks: unknown, where: string): Issue[] {
  if (!isObject(hooks)) return [error(`${where} is not an object`, `write it as { "PreToolUse": [ … ] }`)];
  const issues: Issue[] = [];
  for (const [event, groups] of Object.entries(hooks)) {
    const path = `${where}.${event}`;
    if (!HOOK_EVENTS.has(event)) {
      const cased = [...HOOK_EVENTS].find((known) => known.toLowerCase() === event.toLowerCase());
      issues.push(warning(`unknown hook event "${event}": Claude Code ignores it`, cased ? `did you mean ${cased}?` : "use one of Claude Code's hook events, such as PreToolUse or SessionStart"));
    } else if (UNDOCUMENTED_HOOK_EVENTS.has(event)) {
      issues.push(warning(`hook event "${event}" is not in Claude Code's documentation`, "avoid it until it is documented: it may change without notice"));
    }
    if (!Array.isArray(groups)) {
      const effect = GUARD_EVENTS.has(event) ? "so Claude Code ignores the whole file" : "so Claude Code skips it";
      issues.push(error(`${path} is not an array of matchers, ${effect}`, `write it as [ { "matcher": "…", "hooks": [ … ] } ]`));
      continue;
    }
    groups.forEach((group, index) => issues.push(...matcherGroupIssues(group, `${path}[${index}]`, event)));
  }
  return issues;
}

function matcherGroupIssues(group: unknown, path: string, event: string): Issue[] {
  if (!isObject(group)) return [error(`${path} is not an object`, 'write it as { "matcher": "…", "hooks": [ … ] }')];
  const issues: Issue[] = [];
  const matcher = group.matcher;
  if (matcher !== undefined && typeof matcher !== "string") {
    issues.push(error(`${path}.matcher is not a string`, 'write tool names joined by "|", such as "Edit|Write"'));
  } else if (typeof matcher === "string" && TOOL_EVENTS.has(event) && /^[A-Za-z0-9_]+(?:[|,][A-Za-z0-9_]+)*$/.test(matcher.replace(/\s/g, ""))) {
    // A plain list of names matches exactly; anything else is a regular expression nobody can check.
    for (const name of matcher.replace(/\s/g, "").split(/[|,]/)) {
      const issue = toolNameIssue(name);
      if (issue !== null) issues.push(at(`${path}.matcher`, { ...issue, severity: "warning", problem: `${issue.problem}, so it never matches` }));
    }
  }
  if (!Array.isArray(group.hooks)) {
    issues.push(error(`${path}.hooks is not an array of handlers`, 'write it as [ { "type": "command", "command": "…" } ]'));
    return issues;
  }
  group.hooks.forEach((handler, index) => issues.push(...handlerIssues(handler, `${path}.hooks[${index}]`)));
  return issues;
}

function handlerIssues(handler: unknown, path: string): Issue[] {
  if (!isObject(handler)) return [error(`${path} is not an object`, 'write it as { "type": "command", "command": "…" }')];
  const required = typeof handler.type === "string" ? HOOK_TYPES.get(handler.type) : undefined;
  if (required === undefined) {
    return [error(`${path}.type ${JSON.stringify(handler.type)} is not a hook type, so Claude Code skips the handler`, `use one of ${[...HOOK_TYPES.keys()].join(", ")}`)];
  }
  const issues: Issue[] = [];
  for (const field of required) {
    if (typeof handler[field] !== "string") issues.push(error(`${path}.${field} is missing or not a string, so Claude Code skips the handler`, `add "${field}": "…"`));
  }
  const timeout = handler.timeout;
  if (timeout !== undefined && !(typeof timeout === "number" && timeout > 0)) {
    issues.push(error(`${path}.timeout ${JSON.stringify(timeout)} is not a number of seconds, so Claude Code skips the handler`, 'write a positive number such as "timeout": 30'));
  }
  if (handler.if !== undefined) {
    if (typeof handler.if !== "string") issues.push(error(`${path}.if is not a string`, 'write one permission rule such as "Bash(git *)"'));
    else issues.push(...permissionRuleIssues(handler.if, "if").map((issue) => at(`${path}.if ${JSON.stringify(handler.if)}`, issue)));
  }
  if (handler.shell !== undefined && handler.shell !== "bash" && handler.shell !== "powershell") {
    issues.push(error(`${path}.shell ${JSON.stringify(handler.shell)} is not bash or powershell`, 'write "bash" or "powershell"'));
  }
  if (handler.onFailure !== undefined && handler.onFailure !== "continue" && handler.onFailure !== "block") {
    issues.push(error(`${path}.onFailure ${JSON.stringify(handler.onFailure)} is not continue or block`, 'write "continue" or "block"'));
  }
  return issues;
}
