import { describe, expect, test } from "bun:test";
import type { Issue } from "./formats.ts";
import { hooksIssues, settingsIssues } from "./settings.ts";

const lines = (issues: Issue[]) => issues.map((issue) => `${issue.severity}: ${issue.problem}`);

describe("settingsIssues()", () => {
  test("accepts the settings trinity writes, and unknown top-level keys Claude Code tolerates", () => {
    const settings = {
      $schema: "https://json.schemastore.org/claude-code-settings.json",
      permissions: { allow: ["Edit(.claude/trinity/**)", "Bash(git status:*)"], deny: ["Read(.env)"], defaultMode: "acceptEdits" },
      frobnicate: true,
    };
    expect(settingsIssues(settings)).toEqual([]);
  });

  test("rejects a root that is not an object: Claude Code ignores the whole file", () => {
    expect(lines(settingsIssues([]))).toEqual(["error: the top level is an array, not an object, so Claude Code ignores the whole file"]);
  });

  test("rejects a permission list that is not an array, and rules that are not strings", () => {
    expect(lines(settingsIssues({ permissions: { allow: "Bash", deny: [42] } }))).toEqual([
      "error: permissions.allow is not an array, so Claude Code skips it",
      "error: permissions.deny[0] is not a string",
    ]);
  });

  test("checks each rule against the grammar, naming the list, the index and the rule", () => {
    expect(settingsIssues({ permissions: { ask: ["Read", "bash(ls)"] } })).toEqual([
      { severity: "error", problem: 'permissions.ask[1] "bash(ls)": tool names must start with an uppercase letter', fix: 'write "Bash(ls)"' },
    ]);
  });

  test("rejects an unknown default mode and warns about unknown permissions keys", () => {
    expect(lines(settingsIssues({ permissions: { defaultMode: "yolo", alow: [] } }))).toEqual([
      "warning: unknown key permissions.alow: Claude Code ignores it",
      'error: permissions.defaultMode "yolo" is not a permission mode, so Claude Code skips it',
    ]);
  });

  test("rejects guard hooks declared outside hooks", () => {
    expect(lines(settingsIssues({ PreToolUse: [] }))).toEqual(['error: PreToolUse hooks are declared outside "hooks"']);
  });
});

describe("hooksIssues()", () => {
  const command = (extra: Record<string, unknown> = {}) => ({ type: "command", command: "./check.sh", ...extra });

  test("accepts the documented shape", () => {
    const hooks = {
      PreToolUse: [{ matcher: "Edit|Write", hooks: [command({ timeout: 30, if: "Bash(git *)" })] }],
      SessionStart: [{ hooks: [{ type: "prompt", prompt: "Say hi" }] }],
      Notification: [{ matcher: "idle_prompt", hooks: [{ type: "http", url: "https://example.com" }] }],
    };
    expect(hooksIssues(hooks, "hooks")).toEqual([]);
  });

  test("warns about unknown events, with a hint for a wrong case, and about the undocumented ones", () => {
    expect(lines(hooksIssues({ BeforeToolUse: [], pretooluse: [], PreModelSwitch: [] }, "hooks"))).toEqual([
      'warning: unknown hook event "BeforeToolUse": Claude Code ignores it',
      'warning: unknown hook event "pretooluse": Claude Code ignores it',
      'warning: hook event "PreModelSwitch" is not in Claude Code\'s documentation',
    ]);
    expect(hooksIssues({ pretooluse: [] }, "hooks")[0]?.fix).toBe("did you mean PreToolUse?");
  });

  test("rejects an event that is not an array; for a guard event the whole file is ignored", () => {
    expect(lines(hooksIssues({ PreToolUse: {}, Stop: "x" }, "hooks"))).toEqual([
      "error: hooks.PreToolUse is not an array of matchers, so Claude Code ignores the whole file",
      "error: hooks.Stop is not an array of matchers, so Claude Code skips it",
    ]);
  });

  test.each([
    ["an unknown type", { type: "shell" }, 'error: hooks.Stop[0].hooks[0].type "shell" is not a hook type, so Claude Code skips the handler'],
    ["a command handler without command", { type: "command" }, "error: hooks.Stop[0].hooks[0].command is missing or not a string, so Claude Code skips the handler"],
    ["an mcp_tool handler without tool", { type: "mcp_tool", server: "github" }, "error: hooks.Stop[0].hooks[0].tool is missing or not a string, so Claude Code skips the handler"],
    ["a timeout that is not a number", command({ timeout: "ten" }), 'error: hooks.Stop[0].hooks[0].timeout "ten" is not a number of seconds, so Claude Code skips the handler'],
    ["a bad if rule", command({ if: "Bash()" }), 'error: hooks.Stop[0].hooks[0].if "Bash()": empty parentheses'],
    ["an unknown shell", command({ shell: "zsh" }), 'error: hooks.Stop[0].hooks[0].shell "zsh" is not bash or powershell'],
  ])("rejects %s", (_what, handler, expected) => {
    expect(lines(hooksIssues({ Stop: [{ hooks: [handler] }] }, "hooks"))).toEqual([expected]);
  });

  test("warns about unknown tool names in a tool event's matcher, which then never matches", () => {
    expect(lines(hooksIssues({ PostToolUse: [{ matcher: "Edit|Wrte", hooks: [command()] }] }, "hooks"))).toEqual([
      'warning: hooks.PostToolUse[0].matcher: unknown tool "Wrte", so it never matches',
    ]);
  });

  test("leaves regular-expression matchers and other events' matchers alone", () => {
    expect(hooksIssues({ PreToolUse: [{ matcher: "mcp__.*__write.*", hooks: [command()] }], SessionStart: [{ matcher: "startup|resume", hooks: [command()] }] }, "hooks")).toEqual([]);
  });
});
