import { describe, expect, test } from "bun:test";
import { projectPath } from "../fs/path.ts";
import { readManifest } from "../manifest/store.ts";
import { deployedInMemory, edit } from "../../tests/support/doctor.ts";
import { checkAgents } from "./agents.ts";
import { agentsSection, checkConsistency, claudePathMentions, workflowMentions } from "./consistency.ts";
import type { MemoryFileSystem } from "../fs/memory.ts";

const consistency = (fs: MemoryFileSystem) => checkConsistency(fs, readManifest(fs), checkAgents(fs, readManifest(fs)).names);

describe("agentsSection()", () => {
  test("lists the stems of the Agents section, up to the next heading or the end", () => {
    expect(agentsSection("# W\n\n## Agents\n\n- `a-b` — does a\n- `c` — does c\n\n## Steps\n- `x`\n")).toEqual({ text: "\n- `a-b` — does a\n- `c` — does c\n\n", agents: ["a-b", "c"] });
    expect(agentsSection("## Agents\n- `last`\n")?.agents).toEqual(["last"]);
    expect(agentsSection("# No agents here\n")).toBeNull();
  });
});

describe("workflowMentions()", () => {
  test("finds every /trinity-<name>, including in paths", () => {
    expect(workflowMentions("Run /trinity-init, then /trinity-start. See .claude/skills/trinity-plan/SKILL.md.")).toEqual(["init", "start", "plan"]);
  });
});

describe("claudePathMentions()", () => {
  test("cuts pattern parts down to the folder that must exist and skips brace lists and workflow paths", () => {
    expect(claudePathMentions("`.claude/trinity/work-orders/WO-NNN-<slug>.md` .claude/trinity/sessions/ .claude/trinity/{a,b}/ .claude/skills/trinity-<name>/SKILL.md")).toEqual([
      { mentioned: ".claude/trinity/work-orders/WO-NNN-<slug>.md", literal: ".claude/trinity/work-orders" },
      { mentioned: ".claude/trinity/sessions", literal: ".claude/trinity/sessions" },
    ]);
  });
});

describe("checkConsistency()", () => {
  test.each(["skills", "commands"] as const)("finds nothing wrong with a fresh deployment as %s", async (format) => {
    expect(consistency(await deployedInMemory("node-next", format))).toEqual([]);
  });

  test("reports an agent a workflow delegates to that no longer exists, once, naming the workflows", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/agents/trinity/execution/kil-task-executor.md"));
    expect(consistency(fs)).toEqual([
      {
        path: ".claude/agents/trinity/execution/kil-task-executor.md",
        problem: 'no agent is named "kil-task-executor", yet /trinity-orchestrate delegates to it',
        fix: "run `trinity update --force` to restore .claude/agents/trinity/execution/kil-task-executor.md, or give it back name: kil-task-executor",
        severity: "error",
      },
    ]);
  });

  test("goes by the agent's name, not its file: a renamed agent is missing too", async () => {
    const fs = await deployedInMemory();
    edit(fs, ".claude/agents/trinity/planning/ror-design.md", (t) => t.replace("name: ror-design", "name: ror"));
    expect(consistency(fs).map((f) => f.problem)).toEqual(['no agent is named "ror-design", yet /trinity-breakdown, /trinity-design, /trinity-orchestrate, /trinity-plan-investigation delegate to it']);
  });

  test("reports a workflow trinity's files mention that is no longer deployed", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/skills/trinity-end/SKILL.md"));
    const findings = consistency(fs);
    expect(findings.map((f) => f.path)).toEqual([".claude/skills/trinity-end/SKILL.md"]);
    expect(findings[0]!.problem).toMatch(/^\/trinity-end is not deployed, yet \S+ and \d+ more mention it$/);
  });

  test("reports a .claude/ path trinity's files name that no longer exists", async () => {
    const fs = await deployedInMemory();
    for (const entry of fs.list(projectPath(".claude/trinity/sessions"))) fs.remove(projectPath(`.claude/trinity/sessions/${entry.name}`));
    fs.removeDir(projectPath(".claude/trinity/sessions"));
    const findings = consistency(fs);
    expect(findings.map((f) => [f.path, f.severity])).toEqual([[".claude/trinity/sessions", "error"]]);
    expect(findings[0]!.problem).toMatch(/^does not exist, yet \S+ and \d+ more refer to it$/);
  });

  test("reads only trinity's text: the user's words outside a block may name anything", async () => {
    const fs = await deployedInMemory();
    edit(fs, "CLAUDE.md", (t) => `${t}\nOur old notes were in .claude/notes/ and /trinity-legacy.\n`);
    expect(consistency(fs)).toEqual([]);
  });
});
