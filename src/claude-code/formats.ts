import { parseDocument } from "yaml";
import { isObject } from "../formats/parse.ts";

/**
 * What Claude Code 2.1.332 accepts (CLAUDE-CODE-FORMATS.md), as data and checks. The consistency
 * tests use it on every deployed file; `trinity doctor` will use it on deployments.
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

export const AGENT_COLORS: ReadonlySet<string> = new Set(["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]);

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
  const raw = text.slice(text.indexOf("\n") + 1, 3 + end.index + 1);
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

function checkTools(value: unknown, key: string): string[] {
  const problems: string[] = [];
  for (const entry of toolList(value)) {
    const name = toolName(entry);
    if (!TOOL_NAMES.has(name) && !name.startsWith("mcp__")) problems.push(`${key}: unknown tool "${name}"`);
    if (entry.includes("(") && !entry.endsWith(")")) problems.push(`${key}: malformed rule "${entry}"`);
  }
  return problems;
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
  problems.push(...checkTools(data.tools, "tools"));
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
  problems.push(...checkTools(data["allowed-tools"], "allowed-tools"));
  for (const entry of toolList(data["allowed-tools"])) {
    if (entry === "Bash" || entry === "Write" || entry === "Edit") problems.push(`allowed-tools pre-approves all of ${entry}`);
  }
  return problems;
}
