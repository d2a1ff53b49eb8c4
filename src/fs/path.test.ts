import { describe, expect, test } from "bun:test";
import { ancestors, parentPath, projectPath } from "./path.ts";

describe("projectPath()", () => {
  test("accepts a relative path and normalises backslashes", () => {
    expect(String(projectPath("a/b.md"))).toBe("a/b.md");
    expect(String(projectPath("a\\b.md"))).toBe("a/b.md");
  });

  test.each([
    ["", "empty"],
    ["/etc/passwd", "absolute"],
    ["C:/x", "absolute"],
    ["../x", "leaves"],
    ["a/../../x", "leaves"],
    ["a//b", "empty or '.'"],
    ["./a", "empty or '.'"],
    ["a\0b", "NUL"],
  ])("rejects %j (%s)", (raw, reason) => {
    expect(() => projectPath(raw)).toThrow(reason);
  });
});

describe("path helpers", () => {
  test("ancestors() lists parent directories outermost first", () => {
    expect(ancestors(projectPath("a/b/c.md")).map(String)).toEqual(["a", "a/b"]);
    expect(ancestors(projectPath("c.md"))).toEqual([]);
  });

  test("parentPath() is null at the top level", () => {
    expect(String(parentPath(projectPath("a/b")))).toBe("a");
    expect(parentPath(projectPath("b"))).toBeNull();
  });
});
