import { TrinityError } from "../errors.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { blockBody, findBlock } from "../plan/blocks.ts";
import { recordedMarkers } from "../plan/changes.ts";
import { RESTORE, error, exists, readForCheck, type Finding } from "./finding.ts";
import { workflowName, workflowPath } from "./workflows.ts";

/**
 * The consistency rules of METHODOLOGY.md §5 that can break after deploy (rules 2–4): agents a
 * workflow delegates to, workflows a file mentions, and `.claude/` paths a file names must exist.
 * The extractors are shared with tests/consistency.test.ts, which applies them to every template.
 */

/** The `## Agents` section of a workflow: its text and the agent stems it lists (`- \`stem\` — …`). Null when there is none. */
export function agentsSection(text: string): { text: string; agents: string[] } | null {
  const section = /^## Agents\r?\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1];
  if (section === undefined) return null;
  return { text: section, agents: [...section.matchAll(/^- `([a-z0-9-]+)`/gm)].map((match) => match[1]!) };
}

/** The names of the `/trinity-<name>` workflows a text mentions, in order (with repeats). */
export function workflowMentions(text: string): string[] {
  return [...text.matchAll(/\/trinity-([a-z][a-z-]*[a-z])/g)].map((match) => match[1]!);
}

/** A `.claude/…` path a text mentions, and the part of it that must exist. */
export interface PathMention {
  /** As written, without a trailing slash. */
  mentioned: string;
  /** Up to the first pattern part (`NNN`, `<slug>`, `<date>`, `*`, `[FILL…`): the file or folder that must exist. */
  literal: string;
}

/**
 * The `.claude/…` paths a text mentions. Brace alternatives are left out (the alternatives are
 * named one by one where they matter), and so are workflow paths: both formats belong to the
 * methodology's vocabulary, and the workflows a text names are checked by their `/trinity-` names.
 */
export function claudePathMentions(text: string): PathMention[] {
  const mentions: PathMention[] = [];
  for (const match of text.matchAll(/\.claude\/[A-Za-z0-9_.\-/<>*{},]+[A-Za-z0-9_\-/>*}]/g)) {
    const mentioned = match[0].replace(/\/$/, "");
    if (/[{}]/.test(mentioned)) continue;
    const segments = mentioned.split("/");
    const firstPattern = segments.findIndex((segment) => /NNN|<|\*|\[FILL/.test(segment));
    const literal = firstPattern === -1 ? mentioned : segments.slice(0, firstPattern).join("/");
    if (/^\.claude\/(?:skills|commands)(?:\/|$)/.test(literal)) continue;
    mentions.push({ mentioned, literal });
  }
  return mentions;
}

/** Trinity's own text in the project: whole methodology files, and the bodies of its managed blocks. */
function trinityTexts(fs: ReadableFileSystem, manifest: Manifest): Array<{ path: string; text: string }> {
  const texts: Array<{ path: string; text: string }> = [];
  for (const record of manifest.files) {
    if (record.kind === "settings" || (record.kind === "file" && record.ownership !== "methodology")) continue;
    const { text } = readForCheck(fs, record.path);
    if (text === null) continue;
    if (record.kind === "file") {
      texts.push({ path: record.path, text });
      continue;
    }
    try {
      const location = findBlock(text, recordedMarkers(record.path), record.path);
      if (location !== null) texts.push({ path: record.path, text: blockBody(text, location) });
    } catch (caught) {
      // Broken markers are reported by the block check; the text around them is nobody's for sure.
      if (!(caught instanceof TrinityError)) throw caught;
    }
  }
  return texts;
}

/** "/trinity-plan", or "/trinity-plan, /trinity-design". */
function listed(items: readonly string[]): string {
  return [...new Set(items)].join(", ");
}

/** "a.md", or "a.md and 3 more". */
function andMore(paths: readonly string[]): string {
  const unique = [...new Set(paths)].sort();
  return unique.length === 1 ? unique[0]! : `${unique[0]} and ${unique.length - 1} more`;
}

/**
 * Rules 2–4 on the deployed files. `agentNames` are the names of the agents on disk (the check of
 * agents collects them). Each missing thing is reported once, at its own path, naming who refers to it.
 */
export function checkConsistency(fs: ReadableFileSystem, manifest: Manifest | null, agentNames: ReadonlySet<string>): Finding[] {
  if (manifest === null) return [];
  const texts = trinityTexts(fs, manifest);
  return [...agentFindings(manifest, texts, agentNames), ...workflowFindings(fs, manifest, texts), ...pathFindings(fs, texts)];
}

/** Rule 2: every agent a workflow's Agents section lists is an agent Claude Code can start. */
function agentFindings(manifest: Manifest, texts: ReadonlyArray<{ path: string; text: string }>, agentNames: ReadonlySet<string>): Finding[] {
  const delegating = new Map<string, string[]>();
  for (const { path, text } of texts) {
    const name = workflowName(path);
    if (name === null) continue;
    for (const stem of agentsSection(text)?.agents ?? []) {
      if (!agentNames.has(stem)) delegating.set(stem, [...(delegating.get(stem) ?? []), `/${name}`]);
    }
  }
  const findings: Finding[] = [];
  for (const [stem, workflows] of delegating) {
    const file = manifest.files.find((record) => record.path.startsWith(".claude/agents/") && record.path.endsWith(`/${stem}.md`))?.path;
    const verb = workflows.length === 1 ? "delegates" : "delegate";
    findings.push(
      error(
        file ?? ".claude/agents",
        `no agent is named "${stem}", yet ${listed(workflows)} ${verb} to it`,
        file ? `run \`trinity update --force\` to restore ${file}, or give it back name: ${stem}` : `add an agent named ${stem}`,
      ),
    );
  }
  return findings;
}

/** Rule 3: every `/trinity-<name>` trinity's files mention is deployed (in either format). */
function workflowFindings(fs: ReadableFileSystem, manifest: Manifest, texts: ReadonlyArray<{ path: string; text: string }>): Finding[] {
  const mentionedBy = new Map<string, string[]>();
  for (const { path, text } of texts) {
    for (const name of workflowMentions(text)) {
      const invocation = `trinity-${name}`;
      if (!exists(fs, workflowPath(invocation, "skills")) && !exists(fs, workflowPath(invocation, "commands"))) {
        mentionedBy.set(invocation, [...(mentionedBy.get(invocation) ?? []), path]);
      }
    }
  }
  return [...mentionedBy].map(([invocation, paths]) =>
    error(
      workflowPath(invocation, manifest.options.commandFormat),
      `/${invocation} is not deployed, yet ${andMore(paths)} mention${new Set(paths).size === 1 ? "s" : ""} it`,
      RESTORE,
    ),
  );
}

/** Rule 4: every `.claude/…` path trinity's files name exists (pattern parts resolve to their folder). */
function pathFindings(fs: ReadableFileSystem, texts: ReadonlyArray<{ path: string; text: string }>): Finding[] {
  const namedBy = new Map<string, string[]>();
  for (const { path, text } of texts) {
    for (const { literal } of claudePathMentions(text)) {
      if (!exists(fs, literal)) namedBy.set(literal, [...(namedBy.get(literal) ?? []), path]);
    }
  }
  return [...namedBy].map(([literal, paths]) =>
    error(literal, `does not exist, yet ${andMore(paths)} refer${new Set(paths).size === 1 ? "s" : ""} to it`, RESTORE),
  );
}
