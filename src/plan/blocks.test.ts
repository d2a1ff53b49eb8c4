import { describe, expect, test } from "bun:test";
import { blockBody, findBlock, insertBlock, removeBlock, removeBlockBelowTitle, replaceBlockBody } from "./blocks.ts";

const BODY = "# Project\nline two\n";

describe("insertBlock()", () => {
  test("creates a file holding only the block when the text is empty", () => {
    expect(insertBlock("", BODY, "html", "end")).toBe(`<!-- trinity:begin -->\n${BODY}<!-- trinity:end -->\n`);
  });

  test("appends after the user's text, which stays a byte-exact prefix", () => {
    const user = "My notes\n\nKeep this.\n";
    const result = insertBlock(user, BODY, "html", "end");
    expect(result.startsWith(user)).toBe(true);
    expect(result.slice(user.length)).toBe(`\n<!-- trinity:begin -->\n${BODY}<!-- trinity:end -->\n`);
  });

  test("keeps a text without a final newline intact", () => {
    const user = "no newline at end";
    const result = insertBlock(user, BODY, "html", "end");
    expect(result.startsWith(user)).toBe(true);
    expect(result).toContain("no newline at end\n\n<!-- trinity:begin -->");
  });

  test("writes the block with the file's CRLF line endings", () => {
    const user = "one\r\ntwo\r\n";
    const result = insertBlock(user, BODY, "html", "end");
    expect(result.startsWith(user)).toBe(true);
    expect(result.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test("puts a facts block below the first heading", () => {
    const doc = "# Title\nIntro.\n";
    expect(insertBlock(doc, "facts\n", "html", "after-title")).toBe(
      "# Title\n\n<!-- trinity:begin -->\nfacts\n<!-- trinity:end -->\n\nIntro.\n",
    );
  });

  test("uses # markers for .gitignore-style blocks", () => {
    expect(insertBlock("node_modules/\n", ".trinity/lock\n", "hash", "end")).toBe(
      "node_modules/\n\n# trinity:begin\n.trinity/lock\n# trinity:end\n",
    );
  });
});

describe("findBlock()", () => {
  test("returns null when there is no block", () => {
    expect(findBlock("plain text\n", "html", "CLAUDE.md")).toBeNull();
  });

  test("locates the body between the markers", () => {
    const text = insertBlock("before\n", BODY, "html", "end") + "after\n";
    const location = findBlock(text, "html", "CLAUDE.md")!;
    expect(blockBody(text, location)).toBe(BODY);
  });

  test("names the file and line of a begin marker without an end", () => {
    expect(() => findBlock("a\n<!-- trinity:begin -->\nb\n", "html", "src/CLAUDE.md")).toThrow(
      'src/CLAUDE.md: line 2: "<!-- trinity:begin -->" without a "<!-- trinity:end -->" after it',
    );
  });

  test("names the line of an end marker without a begin", () => {
    expect(() => findBlock("a\nb\n<!-- trinity:end -->\n", "html", "CLAUDE.md")).toThrow("CLAUDE.md: line 3:");
  });

  test("rejects a second block", () => {
    const one = insertBlock("", BODY, "html", "end");
    expect(() => findBlock(one + one, "html", "CLAUDE.md")).toThrow("a second");
  });
});

describe("replaceBlockBody() and removeBlock()", () => {
  test("replace changes only the body; the text around it is kept byte for byte", () => {
    const text = "head\r\n\r\n<!-- trinity:begin -->\r\nold\r\n<!-- trinity:end -->\r\ntail\r\n";
    const location = findBlock(text, "html", "CLAUDE.md")!;
    expect(replaceBlockBody(text, location, "new\n")).toBe(
      "head\r\n\r\n<!-- trinity:begin -->\r\nnew\r\n<!-- trinity:end -->\r\ntail\r\n",
    );
  });

  test.each(["", "user text\n", "line\r\nline\r\n", "# Title\n\nBody.\n"])("removeBlock() undoes insertBlock() on %j", (user) => {
    const withBlock = insertBlock(user, BODY, "html", "end");
    expect(removeBlock(withBlock, findBlock(withBlock, "html", "x")!)).toBe(user);
  });
});

describe("removeBlockBelowTitle()", () => {
  test.each([
    ["a title and text", "# Title\nIntro.\n"],
    ["a blank line after the title", "# Title\n\nIntro.\n"],
    ["only a title", "# Title\n"],
    ["CRLF line endings", "# Title\r\n\r\nIntro.\r\n"],
    ["text before the title", "Preamble\n# Title\nIntro.\n"],
    ["no title", "Intro.\n"],
  ])("undoes insertBlock(after-title) byte for byte for %s", (_case, doc) => {
    const inserted = insertBlock(doc, "facts\n", "html", "after-title");
    expect(removeBlockBelowTitle(inserted, findBlock(inserted, "html", "doc.md")!)).toBe(doc);
  });

  test("falls back to removeBlock() when the user moved the block away from the title", () => {
    const text = "# Title\n\nIntro.\n\n<!-- trinity:begin -->\nfacts\n<!-- trinity:end -->\n";
    const location = findBlock(text, "html", "doc.md")!;
    expect(removeBlockBelowTitle(text, location)).toBe(removeBlock(text, location));
  });
});
