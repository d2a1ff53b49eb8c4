/**
 * The fast analysis must count exactly what the rules say. Each property compares it with a plain
 * line-by-line reading of the same rules, on generated files full of the cases that trip a fast
 * path: comment prefixes mid-line, indentation with tabs and carriage returns, markers inside
 * longer words, runs of commented-out code, and data at every alignment in memory.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { analyseFile, COMMENTED_RUN, countLineBreaks, type MarkerKind } from "./analyse.ts";
import { languageOf, type LanguageRule } from "./languages.ts";

/** `text` as bytes starting `offset` bytes into their memory, so every alignment is exercised. */
function bytesAt(text: string, offset: number): Buffer {
  const encoded = Buffer.from(text, "utf8");
  const memory = Buffer.alloc(encoded.length + offset + 8);
  encoded.copy(memory, offset);
  return memory.subarray(offset, offset + encoded.length);
}

const MARKER = /\b(TODO|FIXME|HACK|XXX)\b/;

/** The rules of analyse.ts, read one decoded line at a time. */
function reference(text: string, rule: LanguageRule) {
  const lines = text === "" ? [] : (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  const commentPrefix = (line: string) => rule.lineComments.find((prefix) => line.replace(/^[ \t\r]*/, "").startsWith(prefix));
  const markers: { kind: MarkerKind; line: number; text: string }[] = [];
  let debugStatements = 0;
  let commentedBlocks = 0;
  let run = 0;
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (marker !== null) markers.push({ kind: marker[1] as MarkerKind, line: index + 1, text: line.trim().slice(0, 120) });
    const hasToken = rule.debugTokens.some((token) => line.includes(token));
    if (rule.debug !== null && hasToken && rule.debug.test(line) && commentPrefix(line) === undefined) debugStatements++;
    const prefix = commentPrefix(line);
    const body = prefix === undefined ? "" : line.trimStart().slice(prefix.length).trim();
    const codeLike = prefix !== undefined && body !== "" && !MARKER.test(body) && CODE_LIKE.test(body);
    run = codeLike ? run + 1 : 0;
    if (run === COMMENTED_RUN) commentedBlocks++;
  });
  return { lines: lines.length, markers, debugStatements, commentedBlocks };
}
const CODE_LIKE =
  /[;{}]$|^[A-Za-z_$][\w.$]*\s*(?:=[^=]|\()|^(?:return|if|for|while|const|let|var|def|import|from|fn|func|val|class)\b.*[:({=;]/;

/** Lines that mix every case the fast path treats specially. */
const LINE = fc.oneof(
  fc.constantFrom(
    "",
    "  // TODO: tidy",
    "// const a = 1;",
    "//x = 2",
    "\t// return a;",
    " \r// if (x) {",
    "# old = f(1)",
    "  # print('x')",
    "x = 1 // FIXME later",
    "a // b // c",
    "see https://example.com//path",
    "TODOS are not markers, XXXL neither",
    "  HACK: here",
    'console.log("state");',
    "  debugger;",
    "print('value')",
    "// console.log(x);",
    "}",
    "\r",
  ),
  fc.string({ unit: fc.constantFrom("/", "#", " ", "\t", "\r", "T", "O", "D", "X", "a", ";", "=", "(") }),
);

describe("countLineBreaks()", () => {
  test("counts exactly the newline bytes of any range, at any alignment in memory", () => {
    const bytes = fc.uint8Array({ maxLength: 300 }).map((array) => array.map((byte) => (byte % 3 === 0 ? 10 : byte)));
    fc.assert(
      fc.property(bytes, fc.nat(3), fc.nat(), fc.nat(), (array, offset, a, b) => {
        const memory = new Uint8Array(array.length + offset);
        memory.set(array, offset);
        const view = memory.subarray(offset);
        const from = array.length === 0 ? 0 : a % (array.length + 1);
        const to = from + (array.length === 0 ? 0 : b % (array.length - from + 1));
        const expected = [...view.subarray(from, to)].filter((byte) => byte === 10).length;
        expect(countLineBreaks(view, from, to)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("languageOf()", () => {
  test("knows a file by the extension of its name, in any case, and never by a folder's", () => {
    expect(languageOf("src/App.TS")?.id).toBe("typescript");
    expect(languageOf("lib/util.py")?.id).toBe("python");
    expect(languageOf("dir.ts/Makefile")).toBeNull();
    expect(languageOf("src/.ts")).toBeNull();
    expect(languageOf("notes.txt")).toBeNull();
  });
});

describe("analyseFile()", () => {
  for (const file of ["a.ts", "a.py", "a.php"]) {
    test(`counts lines, markers, debug statements and commented-out code exactly as the line rules say (${file})`, () => {
      const rule = languageOf(file)!;
      fc.assert(
        fc.property(fc.array(LINE, { maxLength: 40 }), fc.boolean(), fc.nat(3), (lines, finalNewline, offset) => {
          const text = lines.join("\n") + (finalNewline && lines.length > 0 ? "\n" : "");
          const facts = analyseFile(file, bytesAt(text, offset));
          expect(facts.skipped).toBeNull();
          const expected = reference(text, rule);
          expect({
            lines: facts.lines,
            markers: facts.markers.map(({ kind, line, text }) => ({ kind, line, text })),
            debugStatements: facts.debugStatements,
            commentedBlocks: facts.commentedBlocks,
          }).toEqual(expected);
          // Without detail, the same markers are found, with only their kind.
          const brief = analyseFile(file, bytesAt(text, offset), false).markers;
          expect(brief.map(({ kind, line, text }) => ({ kind, line, text }))).toEqual(expected.markers.map(({ kind }) => ({ kind, line: 0, text: "" })));
        }),
        { numRuns: 300 },
      );
    });
  }
});
