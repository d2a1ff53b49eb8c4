import { parseDocument } from "yaml";
import { isObject } from "../formats/parse.ts";

/**
 * What Claude Code 2.1.332 accepts (CLAUDE-CODE-FORMATS.md), as data and checks. The consistency
 * tests use it on every deployed file; `trinity doctor` uses it on deployments.
 */

/** Built-in tool names (§4), case-sensitive. */
export const TOOL_NAMES: ReadonlySet<string> = new Set([
  "Agent", "Artifact", "AskUserQuestion", "Bash", "ClaudeDesign", "CronCreate", "CronDelete", "CronList", "Edit",
  "EndConversation", "EnterPlanMode", "EnterWorktree", "ExitPlanMode", "ExitWorktree", "Glob", "Grep", "ListAgents",
  "ListMcpResourcesTool", "LSP", "Monitor", "NotebookEdit", "OfferChromeSetup", "PowerShell", "Projects",
  "propose_skills", "PushNotification", "Read", "ReadMcpResourceDirTool", "ReadMcpResourceTool", "ReadNotifications",
  "RemoteTrigger", "ReportFindings", "ScheduleWakeup", "SendFeedback", "SendMessage", "SendUserFile",
  "SendUserMessage", "SetGoal", "ShareOnboardingGuide", "ShowOnboardingRolePicker", "Skill", "SubagentHandback",
  "TaskCreate", "TaskGet", "TaskList", "TaskStop", "TaskUpdate", "TodoWrite", "ToolSearch", "WaitForMcpServers",
  "WebFetch", "WebSearch", "Workflow", "Write",
]);

/** The 8 colours an agent may have (§2); any other value is dropped without a word. */
export const AGENT_COLORS: ReadonlySet<string> = new Set(["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]);

/** Old tool names Claude Code still accepts (§4), with the name to write instead. */
export const TOOL_ALIASES: ReadonlyMap<string, string> = new Map([
  ["Task", "Agent"],
  ["KillShell", "TaskStop"],
  ["KillBash", "TaskStop"],
  ["ListPeers", "ListAgents"],
  ["ProposeGoal", "SetGoal"],
  ["Brief", "SendUserMessage"],
  ["ListMcpResources", "ListMcpResourcesTool"],
  ["ReadMcpResource", "ReadMcpResourceTool"],
  ["ReadMcpResourceDir", "ReadMcpResourceDirTool"],
]);

/** Names that are no longer tools (§4): Claude Code drops them silently. Each maps to what does the job now. */
export const REMOVED_TOOLS: ReadonlyMap<string, string> = new Map([
  ["MultiEdit", "Edit"],
  ["LS", "Glob"],
  ["NotebookRead", "Read, which reads notebooks too"],
  ["TodoRead", "TodoWrite"],
  ["SlashCommand", "Skill"],
  ["BashOutput", "Read on the background task's output file"],
  ["TaskOutput", "Read on the background task's output file"],
]);

/** Model aliases (§2); `inherit` and full `claude-…` model IDs are valid too. */
export const MODEL_ALIASES: ReadonlySet<string> = new Set(["sonnet", "opus", "haiku", "fable", "best", "sonnet[1m]", "opus[1m]", "fable[1m]", "opusplan"]);

/** Named `effort` levels (§2, §3); an integer is accepted as well. */
export const EFFORT_LEVELS: readonly string[] = ["low", "medium", "high", "xhigh", "max"];

/** Agent `permissionMode` and settings `permissions.defaultMode` values (`manual` is an alias of `default`). */
export const PERMISSION_MODES: readonly string[] = ["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual"];

/** Agent `memory` scopes. */
export const AGENT_MEMORY_SCOPES: readonly string[] = ["user", "project", "local"];

/** Agent `isolation` modes (`remote` works in the CLI though the docs list only `worktree`). */
export const AGENT_ISOLATION_MODES: readonly string[] = ["worktree", "remote"];

/** Every subagent frontmatter key Claude Code 2.1.332 recognises (§2). */
export const AGENT_FRONTMATTER_KEYS: ReadonlySet<string> = new Set([
  "name", "description", "model", "tools", "disallowedTools", "color", "effort", "permissionMode", "mcpServers", "hooks", "maxTurns",
  "autoCompactWindow", "skills", "initialPrompt", "memory", "background", "omitClaudeMd", "isolation", "observer", "observerMessage",
  "observeToolResults", "observeSubagents", "experimental",
]);

/** Recognised but undocumented agent keys: they may change without notice. */
const UNDOCUMENTED_AGENT_KEYS = new Set(["observer", "observerMessage", "observeToolResults", "observeSubagents"]);

/** Guard-hook events that, written at the top of an agent's frontmatter, stop the agent from loading. */
const GUARD_HOOK_KEYS = ["PreToolUse", "PermissionRequest"];

/** Keys written by mistake, with the key Claude Code reads. */
const KEY_HINTS: Record<string, string> = {
  allowedTools: "tools",
  "allowed-tools": "tools",
  "disallowed-tools": "disallowedTools",
  when_to_use: "description",
  "when-to-use": "description",
  permission_mode: "permissionMode",
  max_turns: "maxTurns",
  colour: "color",
};

/** Keys written by mistake in a skill or command, with the key Claude Code reads. */
const WORKFLOW_KEY_HINTS: Record<string, string> = {
  tools: "allowed-tools",
  allowedTools: "allowed-tools",
  allowed_tools: "allowed-tools",
  argument_hint: "argument-hint",
  argumentHint: "argument-hint",
  "when-to-use": "when_to_use",
};

/** Booleans in skill and command frontmatter: YAML booleans and boolean-like strings (§3). */
const BOOLEAN_WORDS = new Set(["true", "false", "yes", "no", "on", "off", "1", "0"]);

/** Claude Code truncates a workflow's description and when_to_use together at this length (§3). */
export const WORKFLOW_DESCRIPTION_LIMIT = 1536;

/** How bad a problem is: an error means Claude Code will not do what the file says; a warning, that it works but not as well as it should. */
export type Severity = "error" | "warning";

/** One problem of a Claude Code file: what is wrong (and where inside the file), and what to do about it. */
export interface Issue {
  severity: Severity;
  problem: string;
  fix: string;
}

const error = (problem: string, fix: string): Issue => ({ severity: "error", problem, fix });
const warning = (problem: string, fix: string): Issue => ({ severity: "warning", problem, fix });

/** The same issue with its location inside the file in front ("tools: unknown tool …"). */
function at(where: string, issue: Issue): Issue {
  return { ...issue, problem: `${where}: ${issue.problem}` };
}

/** The frontmatter keys trinity's agents may carry (METHODOLOGY.md §5 rule 7). */
const AGENT_KEYS = new Set(["name", "description", "tools", "model", "color"]);
/** Keys a skill or legacy command may carry (CLAUDE-CODE-FORMATS.md §3). */
const SKILL_KEYS = new Set([
  "name", "description", "when_to_use", "argument-hint", "arguments", "allowed-tools", "disallowed-tools", "disallowedTools",
  "disable-model-invocation", "user-invocable", "model", "effort", "context", "agent", "background", "shell", "hooks", "paths",
  "metadata", "version", "license", "compatibility",
]);

const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A file split into its frontmatter (parsed strictly) and body. */
export interface Frontmatter {
  data: Record<string, unknown>;
  /** The frontmatter text between the fences. */
  raw: string;
  body: string;
}

/**
 * Parses frontmatter the strict way: it must start at byte 0 with `---`, end at the next `---`
 * line, and be valid YAML without Claude Code's lenient retry. Returns problems instead of throwing.
 */
export function parseFrontmatter(text: string): { frontmatter: Frontmatter | null; problems: string[] } {
  if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
    return { frontmatter: null, problems: ["the file does not start with a --- frontmatter fence"] };
  }
  const end = /\r?\n---\r?\n/.exec(text.slice(3));
  if (end === null) return { frontmatter: null, problems: ["the frontmatter has no closing --- line"] };
  // The frontmatter keeps its own last line break: "\n", or "\r\n" in a CRLF file.
  const raw = text.slice(text.indexOf("\n") + 1, 3 + end.index + (end[0].startsWith("\r") ? 2 : 1));
  const body = text.slice(3 + end.index + end[0].length);
  const document = parseDocument(raw, { uniqueKeys: true, strict: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return { frontmatter: null, problems: document.errors.map((error) => `frontmatter is not valid YAML: ${error.message.split("\n")[0]}`) };
  }
  const data = document.toJS();
  if (!isObject(data)) return { frontmatter: null, problems: ["the frontmatter is not a mapping"] };
  return { frontmatter: { data, raw, body }, problems: [] };
}

/** Splits a tools value (comma/space separated string or list) into names, keeping `Tool(args)` whole. */
export function toolList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return [];
  const tools: string[] = [];
  let current = "";
  let depth = 0;
  for (const char of value) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (depth === 0 && (char === "," || char === " ")) {
      if (current.trim() !== "") tools.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  if (current.trim() !== "") tools.push(current.trim());
  return tools;
}

/** The tool a `Tool` or `Tool(content)` entry names. */
function toolName(entry: string): string {
  const paren = entry.indexOf("(");
  return paren === -1 ? entry : entry.slice(0, paren);
}

/** The built-in tool a wrongly-cased name means (`bash` → `Bash`), if any. */
function caseFixed(name: string): string | null {
  const lower = name.toLowerCase();
  for (const tool of TOOL_NAMES) if (tool.toLowerCase() === lower) return tool;
  return null;
}

/** What is wrong with a tool name (renamed, removed or unknown), or null for a built-in (§4) or an MCP tool, which nobody can check. */
export function toolNameIssue(name: string): Issue | null {
  if (TOOL_NAMES.has(name) || name.startsWith("mcp__")) return null;
  const renamed = TOOL_ALIASES.get(name);
  if (renamed !== undefined) return warning(`"${name}" is the old name of ${renamed}`, `write ${renamed}`);
  const removed = REMOVED_TOOLS.get(name);
  if (removed !== undefined) return error(`unknown tool "${name}", which Claude Code removed`, `use ${removed}`);
  const cased = caseFixed(name);
  return error(
    `unknown tool "${name}"`,
    cased !== null ? `write ${cased}: tool names are case-sensitive` : "use a Claude Code tool name such as Read, Edit, Bash or Grep, or mcp__<server>__<tool>",
  );
}

/** Problems of a `tools`/`disallowedTools` list: its shape, unknown, renamed or removed names, unclosed `Tool(…)`. */
export function toolListIssues(value: unknown, key: string): Issue[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "string" && !(Array.isArray(value) && value.every((item) => typeof item === "string"))) {
    return [error(`${key} is neither a comma-separated string nor a list of names`, `write it as "Read, Grep" or as a YAML list`)];
  }
  const issues: Issue[] = [];
  for (const entry of toolList(value)) {
    if (entry === "*") continue;
    const issue = toolNameIssue(toolName(entry));
    if (issue !== null) issues.push(at(key, issue));
    if (entry.includes("(") && !entry.endsWith(")")) issues.push(error(`${key}: malformed rule "${entry}"`, "close the parentheses: Tool(content)"));
  }
  return issues;
}

/** What is wrong with a `model` value, or null when it is `inherit`, an alias or a `claude-…` model ID. */
export function modelIssue(value: unknown): Issue | null {
  const fix = "use inherit, sonnet, opus, haiku or a full claude-… model ID";
  if (typeof value !== "string" || value.trim() === "") return error("model is not a model name", fix);
  const model = value.trim().toLowerCase();
  // Provider IDs such as Bedrock's "us.anthropic.claude-…" carry the Claude ID after a dot.
  if (model === "inherit" || MODEL_ALIASES.has(model) || /(?:^|[./:])claude-[a-z0-9]/.test(model)) return null;
  return error(`model "${value}" is not a Claude model`, fix);
}

function oneOf(key: string, value: unknown, allowed: readonly string[]): Issue | null {
  if (typeof value === "string" && allowed.includes(value)) return null;
  return error(`${key} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`, `use one of those values; Claude Code drops any other`);
}

function effortIssue(value: unknown): Issue | null {
  if (Number.isInteger(value) || (typeof value === "string" && EFFORT_LEVELS.includes(value))) return null;
  return error(`effort ${JSON.stringify(value)} is not one of ${EFFORT_LEVELS.join(", ")} or an integer`, "use one of those values; Claude Code drops any other");
}

function booleanIssue(key: string, value: unknown, words: ReadonlySet<string>): Issue | null {
  if (typeof value === "boolean" || (typeof value === "string" && words.has(value.toLowerCase()))) return null;
  return error(`${key} ${JSON.stringify(value)} is not a boolean`, "write true or false");
}

/** A file's text without a leading byte-order mark, and with a final newline after a closing fence at the very end. */
function normalised(text: string): string {
  const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /\r?\n---$/.test(bare) ? `${bare}\n` : bare;
}

/** Turns the problems of parseFrontmatter() into issues with the fix for each. */
function frontmatterIssues(problems: string[]): Issue[] {
  return problems.map((problem) =>
    problem.startsWith("frontmatter is not valid YAML")
      ? error(`${problem} (Claude Code loads it only through a lenient retry, if at all)`, 'fix the YAML: quote values that contain ": ", #, [, ], {, }, @ or a backtick')
      : error(problem, "start the file with a --- line at the first column, then the keys, then a closing --- line"),
  );
}

/** What Claude Code makes of a subagent file: its name, and its problems. */
export interface AgentInspection {
  /** The frontmatter `name`, when it is a non-empty string. */
  name: string | null;
  /** No frontmatter at all: Claude Code skips the file as a reference document, which is fine for a README. */
  document: boolean;
  frontmatter: Frontmatter | null;
  issues: Issue[];
}

/**
 * Checks a subagent file (`.claude/agents/**\/*.md`) against everything Claude Code 2.1.332 does with
 * one (§2, §4, §7): strict YAML, the name rules, the description, tools, model and the enumerated
 * keys. Hooks in the frontmatter are checked by the settings module, which knows their schema.
 */
export function inspectAgent(text: string): AgentInspection {
  const clean = normalised(text);
  if (!/^\s*---/.test(clean)) return { name: null, document: true, frontmatter: null, issues: [] };
  const { frontmatter, problems } = parseFrontmatter(clean);
  if (frontmatter === null) {
    const issues = /^\s+---/.test(clean)
      ? [error("the frontmatter fence is indented, so Claude Code skips the file without a word", "start the file with --- at the first column")]
      : frontmatterIssues(problems);
    return { name: null, document: false, frontmatter: null, issues };
  }
  const { data } = frontmatter;
  const issues: Issue[] = [];
  for (const key of Object.keys(data)) {
    if (GUARD_HOOK_KEYS.includes(key)) {
      issues.push(error(`${key} is declared outside hooks:, so Claude Code does not load the agent`, `move it under hooks:`));
    } else if (UNDOCUMENTED_AGENT_KEYS.has(key)) {
      issues.push(warning(`frontmatter key "${key}" is undocumented`, "remove it: it may change or disappear without notice"));
    } else if (!AGENT_FRONTMATTER_KEYS.has(key)) {
      const hint = KEY_HINTS[key];
      const fix = hint === "description" ? "fold it into description (only plugin agents read it)" : hint ? `did you mean ${hint}?` : "remove it";
      issues.push(warning(`unknown frontmatter key "${key}": Claude Code ignores it`, fix));
    }
  }
  const name = typeof data.name === "string" && data.name.trim() !== "" ? data.name : null;
  issues.push(...agentNameIssues(data.name));
  if (data.description === undefined) {
    issues.push(error("description is missing, so Claude Code does not load the agent", "add description: what the agent does and when to use it"));
  } else if (typeof data.description !== "string" || data.description.trim() === "") {
    issues.push(error("description is not a non-empty string, so Claude Code does not load the agent", "write the description as one quoted string"));
  }
  issues.push(...toolListIssues(data.tools, "tools"), ...toolListIssues(data.disallowedTools, "disallowedTools"));
  const optional: Array<[string, (value: unknown) => Issue | null]> = [
    ["model", modelIssue],
    ["color", (value) => (typeof value === "string" && AGENT_COLORS.has(value) ? null : error(`color ${JSON.stringify(value)} is not one of Claude Code's 8 colours`, `use one of ${[...AGENT_COLORS].join(", ")}`))],
    ["effort", effortIssue],
    ["permissionMode", (value) => oneOf("permissionMode", value, PERMISSION_MODES)],
    ["memory", (value) => oneOf("memory", value, AGENT_MEMORY_SCOPES)],
    ["isolation", (value) => oneOf("isolation", value, AGENT_ISOLATION_MODES)],
    ["maxTurns", (value) => (Number.isInteger(value) && (value as number) > 0 ? null : error(`maxTurns ${JSON.stringify(value)} is not a positive integer`, "write a whole number such as 20"))],
    ["background", (value) => booleanIssue("background", value, new Set(["true", "false"]))],
    ["omitClaudeMd", (value) => booleanIssue("omitClaudeMd", value, new Set(["true", "false"]))],
    ["autoCompactWindow", (value) => (Number.isInteger(value) && (value as number) >= 100000 ? null : error(`autoCompactWindow ${JSON.stringify(value)} is not an integer of at least 100000`, "write 100000 or more, or remove it"))],
  ];
  for (const [key, check] of optional) {
    if (data[key] === undefined) continue;
    const issue = check(data[key]);
    if (issue !== null) issues.push(issue);
  }
  if (frontmatter.body.trim() === "") issues.push(warning("the body is empty, so the agent has no instructions", "write the agent's prompt below the frontmatter"));
  return { name, document: false, frontmatter, issues };
}

/** The name rules of §2: Claude Code skips or rejects agents whose names break them. */
function agentNameIssues(name: unknown): Issue[] {
  if (typeof name !== "string" || name.trim() === "") {
    return [error("name is missing or empty, so Claude Code skips the agent without a word", "add name: a lowercase-kebab-case name, usually the file name")];
  }
  if (name.normalize("NFKC").includes(":")) {
    return [error(`name "${name}" contains ":", so Claude Code does not load the agent`, 'remove the ":" (it is reserved for plugin namespaces)')];
  }
  if (name.startsWith("-")) return [error(`name "${name}" starts with "-", so Claude Code does not load the agent`, 'remove the leading "-"')];
  if (name.length > 256) return [error(`name is ${name.length} characters long, so Claude Code does not load the agent`, "shorten it to 256 characters or fewer")];
  if (!NAME_PATTERN.test(name)) return [warning(`name "${name}" is not lowercase kebab-case`, "use lowercase letters, digits and hyphens (the documentation allows nothing else)")];
  return [];
}

/**
 * Checks a skill (`SKILL.md`) or legacy command against what Claude Code does with it (§3, §7);
 * `invocation` is its name after the slash (`git:commit` for `commands/git/commit.md`). Hooks in
 * the frontmatter are checked by the settings module.
 */
export function inspectWorkflow(text: string, invocation: string): { frontmatter: Frontmatter | null; issues: Issue[] } {
  const clean = normalised(text);
  if (!/^\s*---/.test(clean)) {
    return { frontmatter: null, issues: [warning("there is no frontmatter, so the workflow has no description in the / menu", "start the file with --- frontmatter holding a description")] };
  }
  const { frontmatter, problems } = parseFrontmatter(clean);
  if (frontmatter === null) return { frontmatter: null, issues: frontmatterIssues(problems) };
  const { data, raw } = frontmatter;
  const issues: Issue[] = [];
  for (const key of Object.keys(data)) {
    if (SKILL_KEYS.has(key)) continue;
    const hint = WORKFLOW_KEY_HINTS[key];
    issues.push(warning(`unknown frontmatter key "${key}": Claude Code ignores it`, hint ? `did you mean ${hint}?` : "remove it"));
  }
  if (data.name !== undefined && data.name !== invocation) {
    issues.push(warning(`name ${JSON.stringify(data.name)} is only a display label: the workflow is invoked as /${invocation}`, `write name: ${invocation}, or remove it`));
  }
  const description = data.description;
  if (description === undefined) issues.push(warning("description is missing", "add description: what it does and when to use it"));
  else if (typeof description !== "string") issues.push(error("description is not a string", "write the description as one quoted string"));
  const whenToUse = data.when_to_use;
  if (whenToUse !== undefined && typeof whenToUse !== "string") issues.push(error("when_to_use is not a string", "write it as one quoted string"));
  const listed = (typeof description === "string" ? description.length : 0) + (typeof whenToUse === "string" ? whenToUse.length : 0);
  if (listed > WORKFLOW_DESCRIPTION_LIMIT) {
    issues.push(warning(`description and when_to_use are ${listed} characters together; Claude Code cuts them at ${WORKFLOW_DESCRIPTION_LIMIT.toLocaleString("en-US")}`, "shorten them"));
  }
  const hint = data["argument-hint"];
  if (hint !== undefined) {
    const written = /^argument-hint:[ \t]*(.*)$/m.exec(raw)?.[1]?.trim() ?? "";
    if (typeof hint !== "string") {
      const what = Array.isArray(hint) ? "a YAML list" : isObject(hint) ? "a YAML mapping" : `a YAML ${typeof hint}`;
      issues.push(error(`argument-hint is ${what}, so the / menu shows "${String(hint)}"`, `quote it: argument-hint: "${written.replace(/"/g, '\\"')}"`));
    } else if (!/^["']/.test(written)) {
      issues.push(warning("argument-hint is not quoted", `quote it: argument-hint: "${hint.replace(/"/g, '\\"')}"`));
    }
  }
  for (const key of ["allowed-tools", "disallowed-tools", "disallowedTools"]) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" && !(Array.isArray(value) && value.every((item) => typeof item === "string"))) {
      issues.push(error(`${key} is neither a string nor a list of rules`, `write it as a YAML list such as ["Read", "Bash(git log *)"]`));
      continue;
    }
    for (const entry of toolList(value)) for (const issue of permissionRuleIssues(entry, "allowed-tools")) issues.push(at(`${key} "${entry}"`, issue));
  }
  const optional: Array<[string, (value: unknown) => Issue | null]> = [
    ["model", modelIssue],
    ["effort", effortIssue],
    ["disable-model-invocation", (value) => booleanIssue("disable-model-invocation", value, BOOLEAN_WORDS)],
    ["user-invocable", (value) => booleanIssue("user-invocable", value, BOOLEAN_WORDS)],
    ["background", (value) => booleanIssue("background", value, BOOLEAN_WORDS)],
    ["shell", (value) => (value === "bash" || value === "powershell" ? null : error(`shell ${JSON.stringify(value)} is not bash or powershell; Claude Code falls back to bash`, "write bash or powershell"))],
    ["context", (value) => (value === "fork" ? null : warning(`context ${JSON.stringify(value)} has no meaning; only fork does`, "remove it, or write context: fork"))],
    ["metadata", (value) => (isObject(value) ? null : warning("metadata is not a mapping", "write it as key: value pairs, or remove it"))],
  ];
  for (const [key, check] of optional) {
    if (data[key] === undefined) continue;
    const issue = check(data[key]);
    if (issue !== null) issues.push(issue);
  }
  return { frontmatter, issues };
}

/** Problems of a subagent file, as METHODOLOGY.md §5 rule 7 and CLAUDE-CODE-FORMATS.md §2 define them. */
export function checkAgentFile(text: string, stem: string): string[] {
  const { frontmatter, problems } = parseFrontmatter(text);
  if (frontmatter === null) return problems;
  const { data } = frontmatter;
  for (const key of Object.keys(data)) if (!AGENT_KEYS.has(key)) problems.push(`unexpected frontmatter key "${key}"`);
  if (data.name !== stem) problems.push(`name ${JSON.stringify(data.name)} is not the file stem "${stem}"`);
  if (typeof data.name !== "string" || !NAME_PATTERN.test(data.name)) problems.push("name is not lowercase kebab-case");
  if (typeof data.description !== "string" || data.description.length < 20 || data.description.length > 300) {
    problems.push("description must be a string of 20–300 characters");
  }
  if (data.tools === undefined) problems.push("tools is missing");
  problems.push(...toolListIssues(data.tools, "tools").map((issue) => issue.problem));
  const model = data.model === undefined ? null : modelIssue(data.model);
  if (model !== null) problems.push(model.problem);
  if (data.color !== undefined && !AGENT_COLORS.has(String(data.color))) problems.push(`color "${data.color}" is not one of Claude Code's 8 colours`);
  if (frontmatter.body.trim() === "") problems.push("the body (the agent's prompt) is empty");
  return problems;
}

/** Problems of a skill (`SKILL.md`) or legacy command file. */
export function checkWorkflowFile(text: string, name: string): string[] {
  const { frontmatter, problems } = parseFrontmatter(text);
  if (frontmatter === null) return problems;
  const { data, raw } = frontmatter;
  for (const key of Object.keys(data)) if (!SKILL_KEYS.has(key)) problems.push(`unexpected frontmatter key "${key}"`);
  if (data.name !== name) problems.push(`name ${JSON.stringify(data.name)} is not "${name}"`);
  if (typeof data.description !== "string" || data.description.length === 0 || data.description.length > 300) {
    problems.push("description must be a string of 1–300 characters");
  }
  if (data["argument-hint"] !== undefined) {
    if (typeof data["argument-hint"] !== "string") problems.push("argument-hint is not a string");
    if (!/^argument-hint: ["']/m.test(raw)) problems.push("argument-hint is not quoted");
  }
  const invocation = data["disable-model-invocation"];
  if (invocation !== undefined && typeof invocation !== "boolean") problems.push("disable-model-invocation is not a boolean");
  if (data.context === "fork") problems.push("context: fork would hide stop points from the user");
  for (const entry of toolList(data["allowed-tools"])) {
    problems.push(...permissionRuleIssues(entry, "allowed-tools").map((issue) => `allowed-tools: ${issue.problem}`));
    if (entry === "Bash" || entry === "Write" || entry === "Edit") problems.push(`allowed-tools pre-approves all of ${entry}`);
  }
  return problems;
}

/** Where a permission rule stands: a `permissions` list, a hook's `if`, or a skill's `allowed-tools`. */
export type RuleContext = "allow" | "ask" | "deny" | "if" | "allowed-tools";

/** Tools whose rules take path globs, which reject the Bash-only `:*` prefix marker (§5). */
const FILE_RULE_TOOLS = new Set(["Read", "Write", "Edit", "Glob", "NotebookRead", "NotebookEdit", "Cd"]);
/** Names valid in rules only: `Cd(path)` governs changing directories, and there is no Cd tool. */
const RULE_ONLY_TOOLS = new Set(["Cd"]);
/** Path rules Claude Code wants written with another tool's name (§5). */
const PATH_RULE_TOOL: Record<string, string> = { Write: "Edit", NotebookEdit: "Edit", Glob: "Read" };

/**
 * Checks one permission rule against Claude Code's grammar (§5: `Tool` or `Tool(content)`), and its
 * tool against the names of §4, which Claude Code itself never checks (§7). Invalid rules are errors
 * (Claude Code skips them); the forms it accepts with a warning, or that match more than they seem,
 * are warnings.
 */
export function permissionRuleIssues(rule: string, context: RuleContext): Issue[] {
  const open = rule.indexOf("(");
  const tool = open === -1 ? rule : rule.slice(0, open);
  if (tool === "" || (open === -1 ? rule.includes(")") : !rule.endsWith(")"))) {
    return [error("malformed Tool(content) rule", "write Tool or Tool(content), with the closing parenthesis last")];
  }
  const content = open === -1 ? null : rule.slice(open + 1, -1);
  const withContent = (name: string, inner: string | null) => (inner === null ? name : `${name}(${inner})`);
  if (tool.startsWith("mcp__")) {
    if (content !== null) return [error("MCP rules take no parentheses", "write mcp__<server>__<tool>, or mcp__<server>__* for all of a server's tools")];
    const star = rule.indexOf("*");
    if (context === "allow" && star !== -1 && !/^mcp__.+__/.test(rule.slice(0, star))) {
      return [error("in allow, a wildcard works only after mcp__<server>__", "name the server: mcp__<server>__*")];
    }
    return [];
  }
  if (!tool.includes("_") && !/^[A-Z]/.test(tool)) {
    const fixed = caseFixed(tool) ?? tool.charAt(0).toUpperCase() + tool.slice(1);
    return [error("tool names must start with an uppercase letter", `write ${JSON.stringify(withContent(fixed, content))}`)];
  }
  const issues: Issue[] = [];
  if (!RULE_ONLY_TOOLS.has(tool)) {
    const issue = toolNameIssue(tool);
    if (issue?.severity === "error") return [issue];
    if (issue !== null) issues.push(issue);
  }
  if (content === null) return issues;
  if (content.trim() === "") return [...issues, error("empty parentheses", `write ${tool} alone to match every use, or put a pattern inside`)];
  if (tool === "WebFetch" && !content.startsWith("domain:")) {
    return [...issues, error('WebFetch rules must use the "domain:" prefix', `write "WebFetch(domain:${hostOf(content)})"`)];
  }
  if (tool === "WebSearch" && /[*?]/.test(content)) return [...issues, error("WebSearch rules take no * or ? wildcards", "write the query literally")];
  if (content.includes(":*") && FILE_RULE_TOOLS.has(tool)) {
    const glob = content.replace(/:\*$/, "");
    return [...issues, error('the ":*" syntax is only for Bash prefix rules', `write "${tool}(${glob === "" ? "**" : glob})"`)];
  }
  if (tool === "Bash" && content.endsWith(":*")) {
    const prefix = content.slice(0, -2);
    if (prefix.trim() === "") return [...issues, error('the prefix before ":*" is empty', 'write Bash alone to allow every command, or a prefix such as "Bash(npm run test:*)"')];
    if (prefix.includes("*")) issues.push(warning('"*" is mixed with ":*"', `use one form: "Bash(${prefix.replace(/\s*\*/g, "").trim()}:*)" or "Bash(${prefix.trim()})"`));
    return issues;
  }
  const replacement = PATH_RULE_TOOL[tool];
  if (replacement !== undefined) issues.push(warning(`path rules for ${tool} are written as ${replacement}(…)`, `write "${replacement}(${content})"`));
  if (tool === "Bash") {
    const words = content.trim().split(/\s+/);
    if (words.some((word) => /^[A-Za-z_][A-Za-z0-9_]*=.*\*/.test(word))) {
      issues.push(warning('"*" inside a VAR= value matches more than it seems', "spell the value out, or leave the assignment out of the rule"));
    } else if (words.slice(0, -1).includes("*")) {
      issues.push(warning('"*" before the subcommand matches more than it seems', `put the wildcard last: "Bash(${words.filter((word) => word !== "*").join(" ")} *)"`));
    }
  }
  return issues;
}

/** The host of a WebFetch rule written as a URL or a bare host, for the suggested `domain:` form. */
function hostOf(content: string): string {
  try {
    return new URL(content).hostname || content;
  } catch {
    return content;
  }
}
