import { describe, expect, test } from "bun:test";
import { projectPath } from "../fs/path.ts";
import { readManifest } from "../manifest/store.ts";
import { deployedInMemory, edit, put, text } from "../../tests/support/doctor.ts";
import { checkWorkflows, workflowFiles, workflowName, workflowPath } from "./workflows.ts";

const PLAN = ".claude/skills/trinity-plan/SKILL.md";

describe("workflowName()", () => {
  test("is the skill's folder, or the command's path with folders joined by a colon", () => {
    expect(workflowName(PLAN)).toBe("trinity-plan");
    expect(workflowName(".claude/commands/trinity-plan.md")).toBe("trinity-plan");
    expect(workflowName(".claude/commands/git/commit.md")).toBe("git:commit");
    expect(workflowName(".claude/skills/x/notes.md")).toBeNull();
    expect(workflowPath("trinity-plan", "commands")).toBe(".claude/commands/trinity-plan.md");
  });
});

describe("workflowFiles()", () => {
  test("lists skills that have a SKILL.md and commands at any depth", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/skills/empty-folder/notes.md", "x");
    put(fs, ".claude/commands/git/commit.md", "---\ndescription: Commits.\n---\nCommit.\n");
    const files = workflowFiles(fs);
    expect(files.filter((f) => f.format === "skills")).toHaveLength(21);
    expect(files.filter((f) => f.format === "commands")).toEqual([{ invocation: "git:commit", path: ".claude/commands/git/commit.md", format: "commands" }]);
  });
});

describe("checkWorkflows()", () => {
  test.each(["skills", "commands"] as const)("finds nothing wrong with trinity's 21 workflows as %s", async (format) => {
    const fs = await deployedInMemory("node-next", format);
    expect(checkWorkflows(fs, readManifest(fs))).toEqual([]);
  });

  test("reports an unquoted argument-hint", async () => {
    const fs = await deployedInMemory();
    edit(fs, PLAN, (t) => t.replace('argument-hint: "[WO-NNN]"', "argument-hint: [WO-NNN]"));
    expect(checkWorkflows(fs, readManifest(fs))).toEqual([
      { path: PLAN, problem: 'argument-hint is a YAML list, so the / menu shows "WO-NNN"', fix: 'quote it: argument-hint: "[WO-NNN]"', severity: "error" },
    ]);
  });

  test("checks a command in a subfolder against its a:b invocation", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/commands/git/commit.md", "---\nname: commit\ndescription: Commits.\n---\nCommit.\n");
    expect(checkWorkflows(fs, readManifest(fs)).map((f) => f.problem)).toEqual(['name "commit" is only a display label: the workflow is invoked as /git:commit']);
  });

  test("warns when a skill and a command share a name: the skill wins", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/skills/review/SKILL.md", "---\ndescription: Reviews.\n---\nReview.\n");
    put(fs, ".claude/commands/review.md", "---\ndescription: Reviews the old way.\n---\nReview.\n");
    expect(checkWorkflows(fs, readManifest(fs))).toEqual([
      {
        path: ".claude/commands/review.md",
        problem: "the skill .claude/skills/review/SKILL.md has the same name and wins, so this command never runs",
        fix: "rename or remove one of them",
        severity: "warning",
      },
    ]);
  });

  test("reports one of trinity's workflows deployed in both formats, once", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/commands/trinity-plan.md", text(fs, PLAN));
    expect(checkWorkflows(fs, readManifest(fs))).toEqual([
      {
        path: ".claude/commands/trinity-plan.md",
        problem: "/trinity-plan is deployed both as a skill and as a legacy command; this deployment uses skills (the skill wins, so this command never runs)",
        fix: "remove .claude/commands/trinity-plan.md",
        severity: "error",
      },
    ]);
  });

  test("warns about one of trinity's workflows moved to the other format", async () => {
    const fs = await deployedInMemory("node-next", "commands");
    put(fs, PLAN, text(fs, ".claude/commands/trinity-plan.md"));
    fs.remove(projectPath(".claude/commands/trinity-plan.md"));
    expect(checkWorkflows(fs, readManifest(fs)).map((f) => [f.path, f.severity, f.problem])).toEqual([[PLAN, "warning", "/trinity-plan is a skill, but this deployment uses commands"]]);
  });

  test("checks hooks in a skill's frontmatter", async () => {
    const fs = await deployedInMemory();
    put(fs, ".claude/skills/lint/SKILL.md", "---\ndescription: Lints.\nhooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: ./lint.sh\n          timeout: soon\n---\nLint.\n");
    expect(checkWorkflows(fs, readManifest(fs)).map((f) => f.problem)).toEqual(['hooks.PostToolUse[0].hooks[0].timeout "soon" is not a number of seconds, so Claude Code skips the handler']);
  });
});
