import { describe, expect, test } from "bun:test";
import {
  checkAgentFile,
  checkWorkflowFile,
  inspectAgent,
  inspectWorkflow,
  modelIssue,
  parseFrontmatter,
  permissionRuleIssues,
  toolList,
  toolNameIssue,
  type Issue,
} from "./formats.ts";

const agent = (frontmatter: string, body = "\n# Prompt\n") => `---\n${frontmatter}\n---\n${body}`;

describe("parseFrontmatter()", () => {
  test("reads frontmatter at byte 0 and the body after it", () => {
    const { frontmatter, problems } = parseFrontmatter("---\nname: a\n---\nbody\n");
    expect(problems).toEqual([]);
    expect(frontmatter).toEqual({ data: { name: "a" }, raw: "name: a\n", body: "body\n" });
  });

  test("reads CRLF frontmatter without leaving a stray carriage return in the YAML", () => {
    const { frontmatter, problems } = parseFrontmatter('---\r\nname: a\r\ndescription: "b"\r\n---\r\nbody\r\n');
    expect(problems).toEqual([]);
    expect(frontmatter?.data).toEqual({ name: "a", description: "b" });
    expect(frontmatter?.body).toBe("body\r\n");
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

/** Issues as "severity: problem" lines, the way the specs below read best. */
const lines = (issues: Issue[]) => issues.map((issue) => `${issue.severity}: ${issue.problem}`);

describe("toolNameIssue()", () => {
  test("accepts built-in names and MCP tools, which nobody can check", () => {
    expect([toolNameIssue("Read"), toolNameIssue("mcp__github__create_issue"), toolNameIssue("mcp__github")]).toEqual([null, null, null]);
  });

  test("warns about a legacy alias and names the tool to write", () => {
    expect(toolNameIssue("Task")).toEqual({ severity: "warning", problem: '"Task" is the old name of Agent', fix: "write Agent" });
    expect(toolNameIssue("KillBash")?.fix).toBe("write TaskStop");
  });

  test("rejects a removed tool and names its replacement", () => {
    expect(toolNameIssue("MultiEdit")).toEqual({ severity: "error", problem: 'unknown tool "MultiEdit", which Claude Code removed', fix: "use Edit" });
    for (const name of ["LS", "NotebookRead", "TodoRead", "SlashCommand", "BashOutput", "TaskOutput"]) expect(toolNameIssue(name)?.severity).toBe("error");
  });

  test("rejects an unknown name, and suggests the right case when only the case is wrong", () => {
    expect(toolNameIssue("Frobnicate")?.problem).toBe('unknown tool "Frobnicate"');
    expect(toolNameIssue("bash")?.fix).toBe("write Bash: tool names are case-sensitive");
  });
});

describe("modelIssue()", () => {
  test.each(["inherit", "INHERIT", "sonnet", "opus[1m]", "opusplan", "claude-opus-4-1", "us.anthropic.claude-sonnet-4-5-v1:0"])("accepts %s", (model) => {
    expect(modelIssue(model)).toBeNull();
  });

  test.each(["gpt-4o", "", 42])("rejects %p", (model) => {
    expect(modelIssue(model)?.severity).toBe("error");
  });
});

describe("inspectAgent()", () => {
  const good = 'name: helper\ndescription: "Helps."';

  test("accepts a minimal agent: only name and description are required", () => {
    expect(inspectAgent(agent(good))).toMatchObject({ name: "helper", document: false, issues: [] });
  });

  test("treats a file without frontmatter as a reference document, not as a broken agent", () => {
    expect(inspectAgent("# Notes about our agents\n")).toMatchObject({ name: null, document: true, issues: [] });
  });

  test("accepts a byte-order mark and CRLF line endings, as Claude Code does", () => {
    expect(inspectAgent(`\uFEFF---\r\n${good.replace("\n", "\r\n")}\r\n---\r\nBody\r\n`).issues).toEqual([]);
  });

  test("reports an indented fence, which makes Claude Code skip the file silently", () => {
    expect(lines(inspectAgent(`  ---\n${good}\n---\nBody\n`).issues)).toEqual(["error: the frontmatter fence is indented, so Claude Code skips the file without a word"]);
  });

  test("reports YAML that only the lenient retry would load", () => {
    expect(lines(inspectAgent(agent(`${good}\ntools: Read: Grep`)).issues)[0]).toStartWith("error: frontmatter is not valid YAML");
  });

  test.each([
    ["no name", 'description: "Helps."', "error: name is missing or empty, so Claude Code skips the agent without a word"],
    ["a colon in the name", 'name: team:helper\ndescription: "Helps."', 'error: name "team:helper" contains ":", so Claude Code does not load the agent'],
    ["a full-width colon, a colon after NFKC", 'name: team\uFF1Ahelper\ndescription: "Helps."', 'error: name "team\uFF1Ahelper" contains ":", so Claude Code does not load the agent'],
    ["a leading hyphen", 'name: "-helper"\ndescription: "Helps."', 'error: name "-helper" starts with "-", so Claude Code does not load the agent'],
    ["a name over 256 characters", `name: ${"a".repeat(257)}\ndescription: "Helps."`, "error: name is 257 characters long, so Claude Code does not load the agent"],
    ["a name that is not kebab-case", 'name: Bad Name\ndescription: "Helps."', 'warning: name "Bad Name" is not lowercase kebab-case'],
    ["no description", "name: helper", "error: description is missing, so Claude Code does not load the agent"],
    ["a list as description", "name: helper\ndescription: [a, b]", "error: description is not a non-empty string, so Claude Code does not load the agent"],
  ])("reports %s", (_what, frontmatter, expected) => {
    expect(lines(inspectAgent(agent(frontmatter)).issues)).toEqual([expected]);
  });

  test.each([
    ["a removed tool", "tools: Read, MultiEdit", 'error: tools: unknown tool "MultiEdit", which Claude Code removed'],
    ["a legacy alias", "tools: Read, Task(worker)", 'warning: tools: "Task" is the old name of Agent'],
    ["an unknown disallowed tool", "disallowedTools: [Frobnicate]", 'error: disallowedTools: unknown tool "Frobnicate"'],
    ["a model that is not Claude's", "model: gpt-4o", 'error: model "gpt-4o" is not a Claude model'],
    ["a colour outside the 8", "color: teal", "error: color \"teal\" is not one of Claude Code's 8 colours"],
    ["an unknown effort", "effort: extreme", 'error: effort "extreme" is not one of low, medium, high, xhigh, max or an integer'],
    ["an unknown permission mode", "permissionMode: yolo", 'error: permissionMode "yolo" is not one of default, acceptEdits, auto, dontAsk, bypassPermissions, plan, manual'],
    ["an unknown memory scope", "memory: team", 'error: memory "team" is not one of user, project, local'],
    ["an unknown isolation", "isolation: container", 'error: isolation "container" is not one of worktree, remote'],
    ["maxTurns that is not a positive integer", "maxTurns: 0", "error: maxTurns 0 is not a positive integer"],
    ["background that is not a boolean", "background: sometimes", 'error: background "sometimes" is not a boolean'],
    ["a small autoCompactWindow", "autoCompactWindow: 5000", "error: autoCompactWindow 5000 is not an integer of at least 100000"],
    ["an unknown key, with a hint", "allowedTools: Read", 'warning: unknown frontmatter key "allowedTools": Claude Code ignores it'],
    ["an undocumented key", "observer: true", 'warning: frontmatter key "observer" is undocumented'],
    ["a guard hook outside hooks:", "PreToolUse: []", "error: PreToolUse is declared outside hooks:, so Claude Code does not load the agent"],
  ])("reports %s", (_what, extra, expected) => {
    expect(lines(inspectAgent(agent(`${good}\n${extra}`)).issues)).toEqual([expected]);
  });

  test("accepts every valid value of the enumerated keys", () => {
    const all = "model: inherit\ncolor: cyan\neffort: 3\npermissionMode: acceptEdits\nmemory: project\nisolation: worktree\nmaxTurns: 12\nbackground: \"true\"\nomitClaudeMd: false\nautoCompactWindow: 200000\ntools: \"*\"";
    expect(inspectAgent(agent(`${good}\n${all}`)).issues).toEqual([]);
  });

  test("hints at the key Claude Code reads", () => {
    expect(inspectAgent(agent(`${good}\nallowedTools: Read`)).issues[0]?.fix).toBe("did you mean tools?");
  });

  test("warns about an empty body: the agent would have no instructions", () => {
    expect(lines(inspectAgent(agent(good, "\n")).issues)).toEqual(["warning: the body is empty, so the agent has no instructions"]);
  });
});

describe("inspectWorkflow()", () => {
  const good = 'description: "Plans."\nargument-hint: "[WO-NNN]"';

  test("accepts a well-formed skill, with or without a name", () => {
    expect(inspectWorkflow(agent(good), "plan").issues).toEqual([]);
    expect(inspectWorkflow(agent(`name: plan\n${good}`), "plan").issues).toEqual([]);
  });

  test("reports an unquoted bracket hint, which YAML turns into a list that shows without brackets", () => {
    expect(inspectWorkflow(agent('description: "Plans."\nargument-hint: [WO-NNN]'), "plan").issues).toEqual([
      { severity: "error", problem: 'argument-hint is a YAML list, so the / menu shows "WO-NNN"', fix: 'quote it: argument-hint: "[WO-NNN]"' },
    ]);
  });

  test("warns about a hint that is a string but unquoted", () => {
    expect(lines(inspectWorkflow(agent('description: "Plans."\nargument-hint: <file>'), "plan").issues)).toEqual(["warning: argument-hint is not quoted"]);
  });

  test("warns when description and when_to_use together exceed 1,536 characters", () => {
    const long = `description: "${"d".repeat(1000)}"\nwhen_to_use: "${"w".repeat(537)}"`;
    expect(lines(inspectWorkflow(agent(long), "plan").issues)).toEqual(["warning: description and when_to_use are 1537 characters together; Claude Code cuts them at 1,536"]);
  });

  test("checks every allowed-tools entry as a permission rule", () => {
    expect(lines(inspectWorkflow(agent(`${good}\nallowed-tools:\n  - Read\n  - Bash()\n  - LS`), "plan").issues)).toEqual([
      'error: allowed-tools "Bash()": empty parentheses',
      'error: allowed-tools "LS": unknown tool "LS", which Claude Code removed',
    ]);
  });

  test("says a name that differs from the invocation is only a label (a command in a folder is a:b)", () => {
    expect(lines(inspectWorkflow(agent(`name: commit\n${good}`), "git:commit").issues)).toEqual(['warning: name "commit" is only a display label: the workflow is invoked as /git:commit']);
  });

  test.each([
    ["no frontmatter", "Just a prompt.\n", "warning: there is no frontmatter, so the workflow has no description in the / menu"],
    ["no description", agent('argument-hint: "[x]"'), "warning: description is missing"],
    ["an unknown key", agent(`${good}\ntools: Read`), 'warning: unknown frontmatter key "tools": Claude Code ignores it'],
    ["a non-boolean flag", agent(`${good}\ndisable-model-invocation: maybe`), 'error: disable-model-invocation "maybe" is not a boolean'],
    ["an unknown shell", agent(`${good}\nshell: zsh`), 'error: shell "zsh" is not bash or powershell; Claude Code falls back to bash'],
    ["a model that is not Claude's", agent(`${good}\nmodel: gpt-4o`), 'error: model "gpt-4o" is not a Claude model'],
  ])("reports %s", (_what, text, expected) => {
    expect(lines(inspectWorkflow(text, "plan").issues)).toEqual([expected]);
  });

  test("accepts boolean-like words for booleans", () => {
    expect(inspectWorkflow(agent(`${good}\ndisable-model-invocation: "yes"\nuser-invocable: off`), "plan").issues).toEqual([]);
  });
});

describe("permissionRuleIssues()", () => {
  test.each(["Bash", "Read(src/**)", "Edit(docs/**)", "Bash(npm run test:*)", "Bash(git status *)", "WebFetch(domain:example.com)", "mcp__github__create_issue", "mcp__github__*", "Skill(review)", "Agent(model:opus)", "Cd(src)", "mcp__"])(
    "accepts %s",
    (rule) => {
      expect(permissionRuleIssues(rule, "allow")).toEqual([]);
    },
  );

  test.each([
    ["Bash(npm run test:*", "error: malformed Tool(content) rule", "write Tool or Tool(content), with the closing parenthesis last"],
    ["bash(ls)", "error: tool names must start with an uppercase letter", 'write "Bash(ls)"'],
    ["Bash()", "error: empty parentheses", "write Bash alone to match every use, or put a pattern inside"],
    ["WebFetch(example.com)", 'error: WebFetch rules must use the "domain:" prefix', 'write "WebFetch(domain:example.com)"'],
    ["Bash(:*)", 'error: the prefix before ":*" is empty', 'write Bash alone to allow every command, or a prefix such as "Bash(npm run test:*)"'],
    ["Read(src/**:*)", 'error: the ":*" syntax is only for Bash prefix rules', 'write "Read(src/**)"'],
    ["Write(src/**)", "warning: path rules for Write are written as Edit(…)", 'write "Edit(src/**)"'],
    ["Glob(secret/**)", "warning: path rules for Glob are written as Read(…)", 'write "Read(secret/**)"'],
    ["NotebookEdit(nb/**)", "warning: path rules for NotebookEdit are written as Edit(…)", 'write "Edit(nb/**)"'],
    ["Bash(git * status)", 'warning: "*" before the subcommand matches more than it seems', 'put the wildcard last: "Bash(git status *)"'],
    ["Bash(FOO=* make)", 'warning: "*" inside a VAR= value matches more than it seems', "spell the value out, or leave the assignment out of the rule"],
    ["Bash(rm *:*)", 'warning: "*" is mixed with ":*"', 'use one form: "Bash(rm:*)" or "Bash(rm *)"'],
    ["WebSearch(news*)", "error: WebSearch rules take no * or ? wildcards", "write the query literally"],
    ["mcp__github__create_issue(x)", "error: MCP rules take no parentheses", "write mcp__<server>__<tool>, or mcp__<server>__* for all of a server's tools"],
    ["Frobnicate", 'error: unknown tool "Frobnicate"', "use a Claude Code tool name such as Read, Edit, Bash or Grep, or mcp__<server>__<tool>"],
    ["MultiEdit(src/**)", 'error: unknown tool "MultiEdit", which Claude Code removed', "use Edit"],
    ["Task(worker)", 'warning: "Task" is the old name of Agent', "write Agent"],
  ])("%s", (rule, problem, fix) => {
    const issues = permissionRuleIssues(rule, "allow");
    expect(issues.map((issue) => [`${issue.severity}: ${issue.problem}`, issue.fix])).toEqual([[problem, fix]]);
  });

  test("accepts a server-wide MCP wildcard only after the server name in allow, anywhere in deny and ask", () => {
    expect(lines(permissionRuleIssues("mcp__*", "allow"))).toEqual(["error: in allow, a wildcard works only after mcp__<server>__"]);
    expect(permissionRuleIssues("mcp__*", "deny")).toEqual([]);
    expect(permissionRuleIssues("mcp__*", "ask")).toEqual([]);
  });
});
