import { diff3Merge } from "node-diff3";
import { detectEol, withEol } from "../formats/eol.ts";

/** The labels written on inline conflict markers. */
export interface MergeLabels {
  yours: string;
  base: string;
  theirs: string;
}

/** A three-way merge: clean, or with conflicts written inline (git style, with the base). */
export interface MergeOutcome {
  text: string;
  conflicts: number;
  /** Line ranges (0-based, end exclusive) of the base that the conflicts cover, to tell frontmatter conflicts apart. */
  conflictBaseLines: [number, number][];
}

/** Lines with their line endings, so joining them gives back the text byte for byte. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Merges the user's version (`yours`, on disk) and the new version (`theirs`, rendered now)
 * against what trinity last wrote (`base`), line by line with diff3. A change only one side made
 * is taken; the same change on both sides is taken once; different changes to the same lines are
 * a conflict, written with markers in the file's own line endings. When the file on disk uses
 * CRLF and trinity wrote LF, base and theirs are compared in CRLF, so an editor's line-ending
 * conversion alone is not a change.
 */
export function mergeText(base: string, yours: string, theirs: string, labels: MergeLabels): MergeOutcome {
  const eol = detectEol(yours);
  const baseLines = splitLines(withEol(base, eol));
  const regions = diff3Merge(splitLines(yours), baseLines, splitLines(withEol(theirs, eol)), { excludeFalseConflicts: true });
  let text = "";
  let conflicts = 0;
  const conflictBaseLines: [number, number][] = [];
  const closed = (chunk: string[]) => {
    const joined = chunk.join("");
    return joined === "" || joined.endsWith("\n") ? joined : joined + eol;
  };
  for (const region of regions) {
    if (region.ok) {
      text += region.ok.join("");
      continue;
    }
    const conflict = region.conflict!;
    conflicts++;
    conflictBaseLines.push([conflict.oIndex, conflict.oIndex + conflict.o.length]);
    text +=
      `<<<<<<< ${labels.yours}${eol}${closed(conflict.a)}` +
      `||||||| ${labels.base}${eol}${closed(conflict.o)}` +
      `=======${eol}${closed(conflict.b)}` +
      `>>>>>>> ${labels.theirs}${eol}`;
  }
  return { text, conflicts, conflictBaseLines };
}

/** The 0-based line range of a Markdown file's frontmatter (the `---` fences included), or null. */
export function frontmatterLines(text: string): [number, number] | null {
  const lines = splitLines(text);
  if (lines[0]?.replace(/\r?\n$/, "") !== "---") return null;
  const end = lines.findIndex((line, index) => index > 0 && line.replace(/\r?\n$/, "") === "---");
  return end === -1 ? null : [0, end + 1];
}
