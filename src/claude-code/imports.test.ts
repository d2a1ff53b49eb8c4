import { describe, expect, test } from "bun:test";
import { extensionOf, importTokens } from "./imports.ts";

const paths = (text: string) => importTokens(text).map((token) => token.path);

describe("importTokens()", () => {
  test("finds @paths at a line start or after whitespace, with their lines", () => {
    expect(importTokens("@.claude/trinity/CLAUDE.md\nSee @docs/a.md and @./b.md.\n")).toEqual([
      { path: ".claude/trinity/CLAUDE.md", line: 1 },
      { path: "docs/a.md", line: 2 },
      { path: "./b.md.", line: 2 },
    ]);
  });

  test("ignores e-mail addresses and @ followed by something that cannot start a path", () => {
    expect(paths("mail dev@example.com or @(x) or @@y")).toEqual([]);
  });

  test("ignores imports in fenced code, inline code spans and HTML comments", () => {
    const text = "```md\n@inside-fence.md\n```\n~~~\n@tilde.md\n~~~\n`@span.md` ``@double.md``\n<!-- @comment.md\n@still-comment.md -->\n@real.md\n";
    expect(importTokens(text)).toEqual([{ path: "real.md", line: 10 }]);
  });

  test("turns an escaped space into a space and cuts a #fragment", () => {
    expect(paths("@my\\ notes.md#part and @~/x.md and @/abs/y.md")).toEqual(["my notes.md", "~/x.md", "/abs/y.md"]);
  });

  test("reads CRLF files with the same line numbers", () => {
    expect(importTokens("# T\r\n\r\n@a.md\r\n")).toEqual([{ path: "a.md", line: 3 }]);
  });
});

describe("extensionOf()", () => {
  test("is the lowercased extension of the last segment, or empty", () => {
    expect([extensionOf("docs/A.MD"), extensionOf("LICENSE"), extensionOf(".env"), extensionOf("a.b/c")]).toEqual([".md", "", "", ""]);
  });
});
