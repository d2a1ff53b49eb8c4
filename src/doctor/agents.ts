import { inspectAgent } from "../claude-code/formats.ts";
import { hooksIssues } from "../claude-code/settings.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { error, filesUnder, fromIssue, readForCheck, type Finding } from "./finding.ts";

/** Where Claude Code finds project subagents (recursively; folders do not namespace them). */
export const AGENTS_DIR = ".claude/agents";

/**
 * Subagents: every `.claude/agents/**\/*.md`, trinity's and the project's own, against Claude Code's
 * rules (strict YAML, names, description, tools, model, enumerated keys, hooks), and names unique
 * across all of them. A file without frontmatter is a reference document Claude Code skips, which
 * is fine unless it is one of trinity's agents. Returns the agent names for the consistency checks.
 */
export function checkAgents(fs: ReadableFileSystem, manifest: Manifest | null): { names: Set<string>; findings: Finding[] } {
  const ours = new Set((manifest?.files ?? []).map((record) => record.path));
  const findings: Finding[] = [];
  const byName = new Map<string, string[]>();
  for (const path of filesUnder(fs, AGENTS_DIR, (p) => p.endsWith(".md"))) {
    const { text, finding } = readForCheck(fs, path);
    if (finding !== null) findings.push(finding);
    if (text === null) continue;
    const inspection = inspectAgent(text);
    if (inspection.document) {
      if (ours.has(path)) findings.push(error(path, "there is no frontmatter, so Claude Code skips the agent without a word", "put back the --- frontmatter with name and description, or run `trinity update --force` to take trinity's version, backing yours up"));
      continue;
    }
    findings.push(...inspection.issues.map((issue) => fromIssue(path, issue)));
    const hooks = inspection.frontmatter?.data.hooks;
    if (hooks !== undefined) findings.push(...hooksIssues(hooks, "hooks").map((issue) => fromIssue(path, issue)));
    if (inspection.name !== null) byName.set(inspection.name, [...(byName.get(inspection.name) ?? []), path]);
  }
  findings.push(...duplicateNameFindings(byName));
  return { names: new Set(byName.keys()), findings };
}

/** Two agents with one name: Claude Code keeps one of them active and says so only in its debug log. */
export function duplicateNameFindings(byName: ReadonlyMap<string, readonly string[]>): Finding[] {
  const findings: Finding[] = [];
  for (const [name, paths] of byName) {
    if (paths.length < 2) continue;
    for (const path of paths) {
      const others = paths.filter((other) => other !== path).join(", ");
      findings.push(error(path, `name "${name}" is also the name of ${others}; Claude Code loads only one of them`, "rename one of the agents"));
    }
  }
  return findings;
}
