import { describe, expect, test } from "bun:test";
import { projectPath } from "../fs/path.ts";
import { deployedInMemory, edit, put } from "../../tests/support/doctor.ts";
import { checkSettings } from "./settings.ts";

describe("checkSettings()", () => {
  test("finds nothing wrong with the settings trinity merges", async () => {
    expect(checkSettings(await deployedInMemory())).toEqual([]);
  });

  test("reports invalid JSON with its line: Claude Code would ignore the whole file", async () => {
    const fs = await deployedInMemory();
    edit(fs, ".claude/settings.json", (t) => t.replace('"Bash(git show:*)"', '"Bash(git show:*)",'));
    expect(checkSettings(fs)).toEqual([
      {
        path: ".claude/settings.json",
        problem: "not valid JSON (line 10, column 5: value expected), so Claude Code ignores the whole file",
        fix: "fix the JSON: no comments, no trailing commas",
        severity: "error",
      },
    ]);
  });

  test("checks settings.local.json as well, when there is one", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/settings.local.json", '{ "permissions": { "deny": ["WebFetch(example.com)"] } }\n');
    expect(checkSettings(fs)).toEqual([
      {
        path: ".claude/settings.local.json",
        problem: 'permissions.deny[0] "WebFetch(example.com)": WebFetch rules must use the "domain:" prefix',
        fix: 'write "WebFetch(domain:example.com)"',
        severity: "error",
      },
    ]);
  });

  test("is silent when the project has no settings file", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/settings.json"));
    expect(checkSettings(fs)).toEqual([]);
  });
});
