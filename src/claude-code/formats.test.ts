import { describe, expect, test } from "bun:test";
import { checkAgentFile, checkWorkflowFile, parseFrontmatter, toolList } from "./formats.ts";

const agent = (frontmatter: string, body = "\n# Prompt\n") => `---\n${frontmatter}\n---\n${body}`;

describe("parseFrontmatter()", () => {
  test("reads frontmatter at byte 0 and the body after it", () => {
    const { frontmatter, problems } = parseFrontmatter("---\nname: a\n---\nbody\n");
    expect(problems).toEqual([]);
    expect(frontmatter).toEqual({ data: { name: "a" }, raw: "name: a\n", body: "body\n" });
  });

  test("rejects a file whose fence is not at byte 0", () => {
    expect(parseFrontmatter("\n---\nname: a\n---\n").problems[0]).toContain("does not start");
    expect(parseFrontmatter("  ---\nname: a\n---\n").problems[0]).toContain("does not start");
  });

  test("rejects YAML that only Claude Code's lenient retry would load", () => {
    expect(parseFrontmatter("---\ndescription: a: b\n---\n").problems[0]).toContain("not valid YAML");
    expect(parseFrontmatter("---\nname: a\nname: b\n---\n").problems[0]).toContain("not valid YAML");
  });
});

describe("checkAgentFile()", () => {
  const good = 'name: kil-task-executor\ndescription: "Implements one task at a time. Use when a task is ready."\ntools: Read, Edit, Bash\ncolor: green';

  test("accepts a well-formed agent", () => {
    expect(checkAgentFile(agent(good), "kil-task-executor")).toEqual([]);
  });

  test.each([
    ["name differs from the stem", good.replace("name: kil-task-executor", "name: kil"), "is not the file stem"],
    ["an unknown tool", good.replace("Bash", "MultiEdit"), 'unknown tool "MultiEdit"'],
    ["a wrong colour", good.replace("green", "teal"), "colour"],
    ["an extra key", `${good}\nallowedTools: Read`, 'unexpected frontmatter key "allowedTools"'],
    ["no tools", good.replace("tools: Read, Edit, Bash\n", ""), "tools is missing"],
    ["a short description", good.replace(/description: .*/, "description: short"), "20–300"],
  ])("reports %s", (_what, frontmatter, problem) => {
    expect(checkAgentFile(agent(frontmatter), "kil-task-executor").join("\n")).toContain(problem);
  });
});

describe("checkWorkflowFile()", () => {
  const good = 'name: trinity-plan\ndescription: "Plans a design."\nargument-hint: "[WO-NNN]"\ndisable-model-invocation: true\nallowed-tools:\n  - Read\n  - Bash(git log *)';

  test("accepts a well-formed skill", () => {
    expect(checkWorkflowFile(agent(good), "trinity-plan")).toEqual([]);
  });

  test("reports an unquoted argument hint, which YAML turns into a list", () => {
    expect(checkWorkflowFile(agent(good.replace('"[WO-NNN]"', "[WO-NNN]")), "trinity-plan").join("\n")).toContain("argument-hint");
  });

  test("reports a blanket pre-approval of Bash", () => {
    expect(checkWorkflowFile(agent(`${good}\n  - Bash`), "trinity-plan").join("\n")).toContain("pre-approves all of Bash");
  });
});

describe("toolList()", () => {
  test("splits on commas and spaces but keeps rule arguments whole", () => {
    expect(toolList("Read, Bash(git log *) Edit")).toEqual(["Read", "Bash(git log *)", "Edit"]);
    expect(toolList(["Read", "Write"])).toEqual(["Read", "Write"]);
  });
});
