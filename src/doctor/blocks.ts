import { TrinityError } from "../errors.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { Manifest } from "../manifest/schema.ts";
import { findBlock } from "../plan/blocks.ts";
import { recordedMarkers } from "../plan/changes.ts";
import { asFix, error, readForCheck, warning, withoutPath, type Finding } from "./finding.ts";


/**
 * Managed blocks: every block the manifest records (CLAUDE.md files, `.gitignore`, the facts blocks
 * of the knowledge base) is still in its file with well-formed markers. Broken markers make every
 * later trinity run stop, so they are errors; a block that is gone is the user's choice, a warning.
 */
export function checkBlocks(fs: ReadableFileSystem, manifest: Manifest | null): Finding[] {
  const findings: Finding[] = [];
  for (const record of manifest?.files ?? []) {
    if (record.kind !== "block") continue;
    const { text, finding } = readForCheck(fs, record.path);
    if (finding !== null) findings.push(finding);
    if (text === null) continue;
    try {
      if (findBlock(text, recordedMarkers(record.path), record.path) === null) {
        findings.push(warning(record.path, "trinity's block is gone (no trinity:begin/trinity:end markers)", "leave it out, or run `trinity update --force` to put it back"));
      }
    } catch (caught) {
      if (!(caught instanceof TrinityError)) throw caught;
      findings.push(error(record.path, withoutPath(caught.message, record.path), asFix(caught.hint ?? "fix the trinity markers")));
    }
  }
  return findings;
}
