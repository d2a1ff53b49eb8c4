import { settingsIssues } from "../claude-code/settings.ts";
import { describeParseFailure, parseJson } from "../formats/parse.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import { error, fromIssue, readForCheck, type Finding } from "./finding.ts";

/** The project's settings files: shared, and personal. */
export const SETTINGS_FILES = [".claude/settings.json", ".claude/settings.local.json"] as const;

/**
 * Settings: each settings file that exists is strict JSON (Claude Code ignores the whole file
 * otherwise), an object, with well-formed permission lists and rules and valid hooks.
 */
export function checkSettings(fs: ReadableFileSystem): Finding[] {
  const findings: Finding[] = [];
  for (const path of SETTINGS_FILES) {
    const { text, finding } = readForCheck(fs, path);
    if (finding !== null) findings.push(finding);
    if (text === null) continue;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      findings.push(error(path, `not valid JSON (${describeParseFailure(parsed)}), so Claude Code ignores the whole file`, "fix the JSON: no comments, no trailing commas"));
      continue;
    }
    findings.push(...settingsIssues(parsed.value).map((issue) => fromIssue(path, issue)));
  }
  return findings;
}
