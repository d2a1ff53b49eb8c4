import { inspectWorkflow } from "../claude-code/formats.ts";
import { hooksIssues } from "../claude-code/settings.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { error, exists, filesUnder, fromIssue, readForCheck, warning, type Finding } from "./finding.ts";

const SKILLS_DIR = ".claude/skills";
const COMMANDS_DIR = ".claude/commands";

/** A skill or legacy command on disk. */
export interface WorkflowFile {
  /** The name after the slash: the skill's folder, or the command's path with folders joined by `:`. */
  invocation: string;
  path: string;
  format: "skills" | "commands";
}

/** Where a workflow of each format lives. */
export function workflowPath(name: string, format: "skills" | "commands"): string {
  return format === "skills" ? `${SKILLS_DIR}/${name}/SKILL.md` : `${COMMANDS_DIR}/${name}.md`;
}

/** The workflow name of a path in either format (`trinity-plan`), or null for any other path. Command subfolders give `a:b`. */
export function workflowName(path: string): string | null {
  const skill = /^\.claude\/skills\/([^/]+)\/SKILL\.md$/.exec(path);
  if (skill) return skill[1]!;
  const command = /^\.claude\/commands\/(.+)\.md$/.exec(path);
  return command ? command[1]!.split("/").join(":") : null;
}

/** Every skill (`.claude/skills/<dir>/SKILL.md`) and legacy command (`.claude/commands/**\/*.md`) of the project. */
export function workflowFiles(fs: ReadableFileSystem): WorkflowFile[] {
  const skills = fs
    .list(projectPath(SKILLS_DIR))
    .map((entry) => workflowPath(entry.name, "skills"))
    .filter((path) => fs.stat(projectPath(path))?.kind === "file")
    .map((path) => ({ invocation: workflowName(path)!, path, format: "skills" as const }));
  const commands = filesUnder(fs, COMMANDS_DIR, (path) => path.endsWith(".md")).map((path) => ({ invocation: workflowName(path)!, path, format: "commands" as const }));
  return [...skills, ...commands];
}

/**
 * Skills and legacy commands: each against Claude Code's rules (strict YAML, quoted argument-hint,
 * description length, allowed-tools rules, enumerated keys, hooks); a skill and a command with one
 * name (the skill wins); and each of trinity's workflows in exactly the format the deployment chose.
 */
export function checkWorkflows(fs: ReadableFileSystem, manifest: Manifest | null): Finding[] {
  const findings: Finding[] = [];
  const files = workflowFiles(fs);
  for (const file of files) {
    const { text, finding } = readForCheck(fs, file.path);
    if (finding !== null) findings.push(finding);
    if (text === null) continue;
    const { frontmatter, issues } = inspectWorkflow(text, file.invocation);
    findings.push(...issues.map((issue) => fromIssue(file.path, issue)));
    const hooks = frontmatter?.data.hooks;
    if (hooks !== undefined) findings.push(...hooksIssues(hooks, "hooks").map((issue) => fromIssue(file.path, issue)));
  }
  const ours = new Set((manifest?.files ?? []).flatMap((record) => workflowName(record.path) ?? []));
  const skills = new Set(files.filter((file) => file.format === "skills").map((file) => file.invocation));
  for (const command of files.filter((file) => file.format === "commands")) {
    if (skills.has(command.invocation) && !ours.has(command.invocation)) {
      findings.push(warning(command.path, `the skill ${workflowPath(command.invocation, "skills")} has the same name and wins, so this command never runs`, "rename or remove one of them"));
    }
  }
  if (manifest !== null) findings.push(...formatFindings(fs, ours, manifest.options.commandFormat));
  return findings;
}

/** Trinity's workflows belong in the format the deployment chose, and only there. */
function formatFindings(fs: ReadableFileSystem, names: ReadonlySet<string>, format: "skills" | "commands"): Finding[] {
  const other = format === "skills" ? "commands" : "skills";
  const kind = (f: "skills" | "commands") => (f === "skills" ? "a skill" : "a legacy command");
  const findings: Finding[] = [];
  for (const name of [...names].sort()) {
    const chosen = workflowPath(name, format);
    const stray = workflowPath(name, other);
    if (!exists(fs, stray)) continue;
    if (exists(fs, chosen)) {
      const shadow = other === "skills" ? " (the skill wins, so trinity's command never runs)" : " (the skill wins, so this command never runs)";
      findings.push(error(stray, `/${name} is deployed both as a skill and as a legacy command; this deployment uses ${format}${shadow}`, `remove ${stray}`));
    } else {
      findings.push(warning(stray, `/${name} is ${kind(other)}, but this deployment uses ${format}`, `run \`trinity update --force\` to restore ${chosen}, then remove ${stray}`));
    }
  }
  return findings;
}
