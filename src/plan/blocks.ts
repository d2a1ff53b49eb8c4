import { TrinityError } from "../errors.ts";
import { detectEol, withEol, type Eol } from "../formats/eol.ts";

/** Marker syntax of a managed block: HTML comments in Markdown, `#` comments in .gitignore. */
export type MarkerStyle = "html" | "hash";

const MARKERS: Record<MarkerStyle, { begin: string; end: string }> = {
  html: { begin: "<!-- trinity:begin -->", end: "<!-- trinity:end -->" },
  hash: { begin: "# trinity:begin", end: "# trinity:end" },
};

/** Where a block sits in a text, as character offsets. */
export interface BlockLocation {
  /** Start of the begin-marker line. */
  start: number;
  /** End of the end-marker line, including its line ending when present. */
  end: number;
  /** The body: from after the begin line to the start of the end line. */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Finds the managed block in a text. Returns null when there is none; throws `invalid-input`
 * naming the file and line when the markers are unbalanced or repeated, because guessing which
 * text is ours could destroy the user's.
 */
export function findBlock(text: string, style: MarkerStyle, path: string): BlockLocation | null {
  const { begin, end } = MARKERS[style];
  let location: Partial<BlockLocation> | null = null;
  let found: BlockLocation | null = null;
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber++;
    const newline = text.indexOf("\n", offset);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, lineEnd).trim();
    const fail = (problem: string) => {
      throw new TrinityError("invalid-input", `${path}: line ${lineNumber}: ${problem}`, {
        hint: `Fix the trinity markers in ${path} (one "${begin}" line, then one "${end}" line) and run trinity again.`,
      });
    };
    if (line === begin) {
      if (found !== null || location !== null) fail(`a second "${begin}" marker`);
      location = { start: offset, bodyStart: lineEnd };
    } else if (line === end) {
      if (location === null) fail(`"${end}" without a "${begin}" before it`);
      found = { start: location!.start!, bodyStart: location!.bodyStart!, bodyEnd: offset, end: lineEnd };
      location = null;
    }
    offset = lineEnd;
  }
  if (location !== null) {
    const line = text.slice(0, location.start).split("\n").length;
    throw new TrinityError("invalid-input", `${path}: line ${line}: "${begin}" without a "${end}" after it`, {
      hint: `Add the missing "${end}" line (or remove the begin marker) and run trinity again.`,
    });
  }
  return found;
}

/** The body of a block as it stands in the text. */
export function blockBody(text: string, location: BlockLocation): string {
  return text.slice(location.bodyStart, location.bodyEnd);
}

/** A complete block (markers and body) in the given line ending; `body` is LF text ending with a newline. */
export function wrapBlock(body: string, style: MarkerStyle, eol: Eol): string {
  const { begin, end } = MARKERS[style];
  return withEol(`${begin}\n${normaliseBody(body)}${end}\n`, eol);
}

/** The body in the given line ending, as it appears between the markers. */
export function bodyFor(body: string, eol: Eol): string {
  return withEol(normaliseBody(body), eol);
}

/** Replaces the body of an existing block; everything outside it is kept byte for byte. */
export function replaceBlockBody(text: string, location: BlockLocation, body: string): string {
  const eol = detectEol(text);
  return text.slice(0, location.bodyStart) + bodyFor(body, eol) + text.slice(location.bodyEnd);
}

/**
 * Adds a block to a text that has none. `end` appends it after the user's text, separated by one
 * blank line; `after-title` puts it below the first Markdown heading (where a document's facts
 * block belongs). The user's bytes stay exactly as they were, in the same order.
 */
export function insertBlock(text: string, body: string, style: MarkerStyle, placement: "end" | "after-title" | { beforeLine: number }): string {
  const eol = detectEol(text);
  const block = wrapBlock(body, style, eol);
  if (text.length === 0) return block;
  if (typeof placement === "object") {
    // Directly before a line (the end of a TOML table): no blank lines added, so removing the block is the exact inverse.
    const lines = text.split(/(?<=\n)/);
    if (placement.beforeLine < lines.length) return lines.slice(0, placement.beforeLine).join("") + block + lines.slice(placement.beforeLine).join("");
    return text.endsWith("\n") ? text + block : text + eol + block;
  }
  if (placement === "after-title") {
    const heading = /^# .*$/m.exec(text);
    if (heading) {
      const lineEnd = text.indexOf("\n", heading.index);
      const cut = lineEnd === -1 ? text.length : lineEnd + 1;
      const head = lineEnd === -1 ? text + eol : text.slice(0, cut);
      return head + eol + block + (cut < text.length ? eol : "") + text.slice(cut);
    }
    return block + eol + text;
  }
  const separator = text.endsWith("\n") ? eol : eol + eol;
  return text + separator + block;
}

/** Bodies always end with exactly one newline, so markers sit on their own lines. */
function normaliseBody(body: string): string {
  const lf = body.replace(/\r\n/g, "\n");
  return lf.length === 0 || lf.endsWith("\n") ? lf : `${lf}\n`;
}

/**
 * Removes a block and the blank line that separated it from the user's text, the inverse of
 * insertBlock() for a text that ended with a line break.
 */
export function removeBlock(text: string, location: BlockLocation): string {
  let before = text.slice(0, location.start);
  let after = text.slice(location.end);
  const blankBefore = /(\r?\n)\r?\n$/.exec(before);
  if (blankBefore) {
    if (after.length === 0) before = before.slice(0, before.length - blankBefore[1]!.length);
    else if (/^\r?\n/.test(after)) after = after.replace(/^\r?\n/, "");
  } else if (before.length === 0) {
    after = after.replace(/^\r?\n/, "");
  }
  return before + after;
}

/**
 * Removes a block that insertBlock() placed below the title, as the exact inverse of that
 * placement: it added one line break before the block and, when text followed, one after it.
 * Falls back to removeBlock() when the text around the block no longer has that shape.
 */
export function removeBlockBelowTitle(text: string, location: BlockLocation): string {
  const heading = /^# .*$/m.exec(text);
  if (heading === null || heading.index >= location.start) return removeBlock(text, location);
  const newline = text.indexOf("\n", heading.index);
  const headEnd = newline === -1 ? text.length : newline + 1;
  if (!/^\r?\n$/.test(text.slice(headEnd, location.start))) return removeBlock(text, location);
  return text.slice(0, headEnd) + text.slice(location.end).replace(/^\r?\n/, "");
}
