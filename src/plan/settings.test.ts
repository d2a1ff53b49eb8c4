import { describe, expect, test } from "bun:test";
import { mergeSettings, SETTINGS_SCHEMA, TRINITY_ALLOW_RULES } from "./settings.ts";

describe("mergeSettings()", () => {
  test("creates the settings with the schema and trinity's allow rules when the file is absent", () => {
    const merge = mergeSettings(".claude/settings.json", null, null, false);
    expect(merge.outcome).toBe("write");
    if (merge.outcome !== "write") return;
    expect(JSON.parse(merge.content)).toEqual({ $schema: SETTINGS_SCHEMA, permissions: { allow: [...TRINITY_ALLOW_RULES] } });
    expect(merge.added).toEqual({ schema: true, allow: [...TRINITY_ALLOW_RULES] });
  });

  test("keeps the user's keys, values, order and indentation, adding only what is missing", () => {
    const user = '{\n    "model": "opus",\n    "permissions": {\n        "allow": ["Bash(make:*)", "Bash(git status:*)"],\n        "deny": ["Read(.env)"]\n    }\n}\n';
    const merge = mergeSettings(".claude/settings.json", user, null, false);
    if (merge.outcome !== "write") throw new Error("expected a write");
    const merged = JSON.parse(merge.content);
    expect(merged.model).toBe("opus");
    expect(merged.permissions.deny).toEqual(["Read(.env)"]);
    expect(merged.permissions.allow.slice(0, 2)).toEqual(["Bash(make:*)", "Bash(git status:*)"]);
    expect(new Set(merged.permissions.allow)).toEqual(new Set(["Bash(make:*)", ...TRINITY_ALLOW_RULES]));
    expect(merge.content).toContain('\n    "model": "opus"');
    // the rule the user already had is theirs, not recorded as trinity's
    expect(merge.added.allow).not.toContain("Bash(git status:*)");
  });

  test("does not touch a $schema the user set", () => {
    const merge = mergeSettings("s.json", '{ "$schema": "other" }', null, false);
    if (merge.outcome !== "write") throw new Error("expected a write");
    expect(JSON.parse(merge.content).$schema).toBe("other");
    expect(merge.added.schema).toBe(false);
  });

  test("is unchanged when everything is already there", () => {
    const first = mergeSettings("s.json", null, null, false);
    if (first.outcome !== "write") throw new Error("expected a write");
    const second = mergeSettings("s.json", first.content, first.added, false);
    expect(second.outcome).toBe("unchanged");
    expect(second.added).toEqual(first.added);
  });

  test("refuses invalid JSON, naming the file and line", () => {
    expect(() => mergeSettings(".claude/settings.json", '{\n  "a": 1,\n  "b": 2,\n}\n', null, false)).toThrow(
      ".claude/settings.json: cannot merge settings: file is not valid JSON (line 4",
    );
  });

  test("refuses a permissions.allow that is not an array", () => {
    expect(() => mergeSettings("s.json", '{"permissions":{"allow":"Bash"}}', null, false)).toThrow('"permissions.allow" is not an array');
  });

  test("with force, replaces invalid JSON", () => {
    const merge = mergeSettings("s.json", "{ oops", null, true);
    expect(merge.outcome === "write" && merge.replacedInvalid).toBe(true);
  });

  test("keeps CRLF line endings", () => {
    const merge = mergeSettings("s.json", '{\r\n  "model": "opus"\r\n}\r\n', null, false);
    if (merge.outcome !== "write") throw new Error("expected a write");
    expect(merge.content.replace(/\r\n/g, "")).not.toContain("\n");
  });
});
