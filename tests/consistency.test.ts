/**
 * METHODOLOGY.md §5: the consistency rules, checked on the rendered output of every stack fixture
 * in both workflow formats. These are the checks that keep counts, names, paths and frontmatter of
 * ~80 deployed files consistent with each other and with Claude Code.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { checkAgentFile, checkWorkflowFile, parseFrontmatter } from "../src/claude-code/formats.ts";
import { agentsSection, claudePathMentions, workflowMentions } from "../src/doctor/consistency.ts";
import { FILL_IN_TEMPLATES, KNOWLEDGE_BASE, WORKING_FOLDERS } from "../src/templates/catalogue.ts";
import { AGENTS, TEAMS, WORKFLOWS } from "../src/templates/roster.ts";
import { findUnrendered } from "../src/templates/unrendered.ts";
import { deployFixture, type Deployed } from "./support/deployed.ts";

const FIXTURES = ["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"];
const STEMS = new Set(AGENTS.map((agent) => agent.stem));
const WORKFLOW_NAMES = new Set(WORKFLOWS.map((workflow) => workflow.name));
const PERSONA_PREFIXES = new Set(AGENTS.map((agent) => agent.stem.split("-")[0]!));
const USER_DOCS = KNOWLEDGE_BASE.filter((doc) => doc.ownership === "user").map((doc) => `.claude/trinity/knowledge-base/${doc.name}.md`);
const ENVELOPE_KEYS = ["agent", "status", "phase", "data", "nextAgent", "stopPointRequired", "stopPointReason", "errors"];
const STATUSES = new Set(["success", "escalation", "blocked", "failed"]);
const PHASES = new Set(["requirements", "design", "plan", "decompose", "task", "gate", "review", "verify", "audit", "init", "docs", "investigation"]);

const deployments: Deployed[] = [];
beforeAll(async () => {
  for (const fixture of FIXTURES) {
    deployments.push(await deployFixture(fixture, "skills"));
    deployments.push(await deployFixture(fixture, "commands"));
  }
  deployments.push(await deployFixture("node-next", "skills", { skipAudit: true }));
});

/** Runs a check over every rendered Markdown file of every deployment; collects `file: problem` lines. */
function problemsIn(check: (path: string, text: string, deployed: Deployed) => string[]): string[] {
  const problems = new Set<string>();
  for (const deployed of deployments) {
    for (const [path, text] of deployed.files) {
      if (!path.endsWith(".md")) continue;
      for (const problem of check(path, text, deployed)) problems.add(`${deployed.fixture}/${deployed.format}: ${path}: ${problem}`);
    }
  }
  return [...problems];
}

/** Text outside fenced code blocks and inline code spans. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Fenced blocks of a given language. */
function fences(text: string, language: string): string[] {
  const blocks: string[] = [];
  const pattern = new RegExp(`^[ \\t]*\`\`\`${language}\\s*\\n([\\s\\S]*?)^[ \\t]*\`\`\``, "gm");
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) blocks.push(match[1]!);
  return blocks;
}

function isWorkflowFile(path: string): string | null {
  const match = /^\.claude\/(?:skills\/trinity-([a-z-]+)\/SKILL\.md|commands\/trinity-([a-z-]+)\.md)$/.exec(path);
  return match ? (match[1] ?? match[2])! : null;
}

describe("rule 1: inventory", () => {
  test("18 agents in their team folders, 21 workflows in the chosen format only, 9 + 6 + 5 + 2 documents, all working folders", () => {
    for (const deployed of deployments) {
      const paths = [...deployed.files.keys()];
      const agents = paths.filter((p) => p.startsWith(".claude/agents/")).sort();
      expect(agents).toEqual(AGENTS.map((a) => `.claude/agents/trinity/${a.team}/${a.stem}.md`).sort());
      const skills = paths.filter((p) => p.startsWith(".claude/skills/"));
      const commands = paths.filter((p) => p.startsWith(".claude/commands/"));
      expect([skills.length, commands.length]).toEqual(deployed.format === "skills" ? [21, 0] : [0, 21]);
      expect(paths.filter((p) => p.startsWith(".claude/trinity/knowledge-base/"))).toHaveLength(9);
      for (const [folder, names] of Object.entries(FILL_IN_TEMPLATES)) {
        expect(paths.filter((p) => p.startsWith(`.claude/trinity/templates/${folder}/`)).sort()).toEqual(
          names.map((n) => `.claude/trinity/templates/${folder}/${n}.md`).sort(),
        );
      }
      for (const folder of WORKING_FOLDERS) expect(deployed.dirs.has(`.claude/trinity/${folder}`)).toBe(true);
      for (const file of ["CLAUDE.md", "README.md", "EMPLOYEE-DIRECTORY.md", "VERSION"]) expect(deployed.files.has(`.claude/trinity/${file}`)).toBe(true);
    }
    expect(new Set(AGENTS.map((a) => a.team))).toEqual(new Set(TEAMS));
  });
});

describe("rule 2: agents named exist", () => {
  test("each workflow's Agents section lists exactly its roster agents, in order", () => {
    expect(
      problemsIn((path, text) => {
        const name = isWorkflowFile(path);
        if (name === null) return [];
        const workflow = WORKFLOWS.find((w) => w.name === name)!;
        const section = agentsSection(text);
        if (section === null) return ["no ## Agents section"];
        const listed = section.agents;
        if (workflow.agents.length === 0) {
          return section.text.includes("None: the main session does this itself.") && listed.length === 0 ? [] : ["Agents section should say None"];
        }
        return JSON.stringify(listed) === JSON.stringify(workflow.agents) ? [] : [`Agents lists ${listed.join(", ")}; expected ${workflow.agents.join(", ")}`];
      }),
    ).toEqual([]);
  });

  test("every agent-like name is one of the 18 stems", () => {
    expect(
      problemsIn((_path, text) =>
        [...text.matchAll(/\b([a-z]{2,4})-[a-z]+(?:-[a-z]+)*\b/g)]
          .filter((m) => PERSONA_PREFIXES.has(m[1]!) && !STEMS.has(m[0]))
          .map((m) => `unknown agent "${m[0]}"`),
      ),
    ).toEqual([]);
  });

  test("every nextAgent in an example is a stem, user or none", () => {
    expect(
      problemsIn((_path, text) =>
        [...text.matchAll(/"nextAgent":\s*"([^"]*)"/g)]
          .filter((m) => !STEMS.has(m[1]!) && m[1] !== "user" && m[1] !== "none")
          .map((m) => `nextAgent "${m[1]}"`),
      ),
    ).toEqual([]);
  });
});

describe("rule 3: workflows named exist", () => {
  test("every /trinity-<name> is one of the 21 and none is namespaced", () => {
    expect(
      problemsIn((_path, text) => [
        ...workflowMentions(text).filter((name) => !WORKFLOW_NAMES.has(name)).map((name) => `unknown workflow /trinity-${name}`),
        ...[...text.matchAll(/\/[a-z-]+:trinity-/g)].map((m) => `namespaced workflow ${m[0]}`),
      ]),
    ).toEqual([]);
  });
});

describe("rule 4: paths exist", () => {
  test("every .claude/ path resolves in the deployed tree (artifact patterns to their folder)", () => {
    expect(
      problemsIn((_path, text, deployed) => {
        const problems: string[] = [];
        for (const { mentioned, literal } of claudePathMentions(text)) {
          if (!deployed.files.has(literal) && !deployed.dirs.has(literal)) problems.push(`path ${mentioned} does not exist`);
        }
        return problems;
      }),
    ).toEqual([]);
  });

  test("relative Markdown links resolve", () => {
    expect(
      problemsIn((path, text, deployed) => {
        const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
        const problems: string[] = [];
        for (const match of prose(text).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
          const target = match[1]!;
          if (/^[a-z]+:/.test(target)) continue;
          const parts = (dir === "" ? target : `${dir}/${target}`).split("/");
          const resolved: string[] = [];
          for (const part of parts) {
            if (part === "..") resolved.pop();
            else if (part !== "." && part !== "") resolved.push(part);
          }
          const full = resolved.join("/");
          if (!deployed.files.has(full) && !deployed.dirs.has(full)) problems.push(`link ${target} does not resolve`);
        }
        return problems;
      }),
    ).toEqual([]);
  });
});

describe("rule 5: counts match", () => {
  test("counts of agents, teams, workflows, documents, stop points and gate phases agree with the tree", () => {
    const teamSizes = new Set(TEAMS.map((team) => AGENTS.filter((a) => a.team === team).length));
    expect(
      problemsIn((_path, text) => {
        const problems: string[] = [];
        const flat = text.replace(/\s+/g, " ");
        for (const m of flat.matchAll(/\b(\d+) (agents|subagents|teams|workflows|skills|knowledge-base (?:docs|documents))\b/g)) {
          const n = Number(m[1]);
          const ok =
            m[2] === "agents" || m[2] === "subagents" ? n === 18 || teamSizes.has(n) : m[2] === "teams" ? n === 6 : m[2]!.startsWith("knowledge") ? n === 9 : n === 21;
          if (!ok) problems.push(`"${m[0]}"`);
        }
        for (const m of flat.matchAll(/\b(\d+) stop points?\b/g)) if (![0, 2, 4].includes(Number(m[1]))) problems.push(`"${m[0]}"`);
        for (const m of flat.matchAll(/\b(\d+)-phase (?:quality )?gate\b/g)) if (m[1] !== "6") problems.push(`"${m[0]}"`);
        return problems;
      }),
    ).toEqual([]);
  });
});

describe("rule 6: nothing unrendered", () => {
  test("no template syntax or unfilled value in any rendered file", () => {
    expect(problemsIn((_path, text) => findUnrendered(text).map((p) => `line ${p.line}: ${p.what}`))).toEqual([]);
  });

  test("fill slots appear only under .claude/trinity/templates/", () => {
    expect(problemsIn((path, text) => (text.includes("[FILL:") && !path.startsWith(".claude/trinity/templates/") ? ["has a [FILL: slot"] : []))).toEqual([]);
  });

  test("init markers appear only in the 4 user-owned documents, well formed, unique, and all listed in /trinity-init", () => {
    for (const deployed of deployments) {
      const ids: string[] = [];
      for (const [path, text] of deployed.files) {
        const markers = [...text.matchAll(/<!-- trinity-init: ([a-z-]+\.[a-z0-9-]+) — [^>]+ -->\n(.*)/g)];
        if (!USER_DOCS.includes(path)) {
          expect({ path, markers: markers.length }).toEqual({ path, markers: 0 });
          continue;
        }
        expect({ path, loose: (text.match(/trinity-init:/g) ?? []).length }).toEqual({ path, loose: markers.length });
        for (const marker of markers) {
          expect(marker[2]).toBe("_Pending: completed by /trinity-init._");
          ids.push(marker[1]!);
        }
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(0);
      const init = deployed.files.get(deployed.format === "skills" ? ".claude/skills/trinity-init/SKILL.md" : ".claude/commands/trinity-init.md")!;
      for (const id of ids) expect({ id, listed: init.includes(id) }).toEqual({ id, listed: true });
    }
  });
});

describe("rule 7: frontmatter", () => {
  test("every agent passes Claude Code's rules; names are unique", () => {
    const names = new Set<string>();
    expect(
      problemsIn((path, text) => {
        const match = /^\.claude\/agents\/trinity\/[a-z]+\/([a-z0-9-]+)\.md$/.exec(path);
        if (!match) return [];
        names.add(match[1]!);
        return checkAgentFile(text, match[1]!);
      }),
    ).toEqual([]);
    expect(names.size).toBe(18);
  });

  test("every workflow passes the skill rules; only the two guides are model-invocable", () => {
    expect(
      problemsIn((path, text) => {
        const name = isWorkflowFile(path);
        if (name === null) return [];
        const problems = checkWorkflowFile(text, `trinity-${name}`);
        const { frontmatter } = parseFrontmatter(text);
        const userOnly = frontmatter?.data["disable-model-invocation"] === true;
        if (userOnly !== !["agents", "investigate-templates"].includes(name)) problems.push("disable-model-invocation is wrong");
        if (/\$\{CLAUDE_SKILL_DIR\}|SKILL\.md|\.claude\/commands\/trinity-/.test(frontmatter?.body ?? "")) problems.push("the body names its own file");
        return problems;
      }),
    ).toEqual([]);
  });

  test("a legacy command is byte-identical to its skill", () => {
    for (const fixture of FIXTURES) {
      const skills = deployments.find((d) => d.fixture === fixture && d.format === "skills")!;
      const commands = deployments.find((d) => d.fixture === fixture && d.format === "commands")!;
      for (const workflow of WORKFLOWS) {
        expect(commands.files.get(`.claude/commands/trinity-${workflow.name}.md`)).toBe(skills.files.get(`.claude/skills/trinity-${workflow.name}/SKILL.md`)!);
      }
    }
  });
});

describe("rule 8: tools fit the work", () => {
  test("every agent can read; none may start agents; tan-structure and juno-auditor cannot edit", () => {
    for (const agent of AGENTS) {
      expect(agent.tools).toContain("Read");
      expect(agent.tools).not.toContain("Agent");
    }
    for (const stem of ["tan-structure", "juno-auditor"]) expect(AGENTS.find((a) => a.stem === stem)!.tools).not.toContain("Edit");
  });

  test("an agent told to run commands has Bash, and one told to write files has Write or Edit", () => {
    expect(
      problemsIn((path, text) => {
        const match = /^\.claude\/agents\/trinity\/[a-z]+\/([a-z0-9-]+)\.md$/.exec(path);
        if (!match) return [];
        const agent = AGENTS.find((a) => a.stem === match[1])!;
        const body = prose(parseFrontmatter(text).frontmatter?.body ?? "");
        const problems: string[] = [];
        if (/\b(?:Run|run the|Execute) `/.test(text) && !agent.tools.includes("Bash")) problems.push("runs commands without Bash");
        if (/\b(?:Write|Create|Append to) (?:the |a |an )?`?\.claude\/trinity\//.test(body) && !agent.tools.some((t) => t === "Write" || t === "Edit")) {
          problems.push("writes files without Write or Edit");
        }
        return problems;
      }),
    ).toEqual([]);
  });
});

describe("rule 9: budgets", () => {
  test("line limits hold for every stack fixture", () => {
    const limit = (path: string): number | null => {
      if (path === ".claude/trinity/CLAUDE.md") return 200;
      if (path.startsWith(".claude/agents/") || isWorkflowFile(path)) return 250;
      if (path === ".claude/trinity/README.md" || path === ".claude/trinity/EMPLOYEE-DIRECTORY.md") return 150;
      if (path.startsWith(".claude/trinity/knowledge-base/")) return 300;
      if (path.startsWith(".claude/trinity/templates/work-orders/")) return 120;
      if (path.startsWith(".claude/trinity/templates/investigations/")) return 150;
      return null;
    };
    const blockLimit = (path: string, deployed: Deployed): number | null => {
      if (path === "CLAUDE.md") return 40;
      const dir = path.slice(0, -"/CLAUDE.md".length);
      if (!path.endsWith("/CLAUDE.md") || path.startsWith(".claude/")) return null;
      return deployed.files.get(path)!.length > 0 && /test|spec|e2e/.test(dir.split("/").pop()!) ? 80 : 120;
    };
    expect(
      problemsIn((path, text, deployed) => {
        const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
        const max = limit(path) ?? blockLimit(path, deployed);
        return max !== null && lines > max ? [`${lines} lines (limit ${max})`] : [];
      }),
    ).toEqual([]);
  });
});

describe("rule 10: envelopes", () => {
  test("every fenced json block parses; every envelope has the 8 keys with valid values", () => {
    expect(
      problemsIn((_path, text) => {
        const problems: string[] = [];
        for (const block of fences(text, "json")) {
          let value: unknown;
          try {
            value = JSON.parse(block);
          } catch (error) {
            problems.push(`json block does not parse: ${(error as Error).message}`);
            continue;
          }
          if (typeof value !== "object" || value === null || !("nextAgent" in value)) continue;
          const envelope = value as Record<string, unknown>;
          for (const key of ENVELOPE_KEYS) if (!(key in envelope)) problems.push(`envelope lacks "${key}"`);
          for (const key of Object.keys(envelope)) if (!ENVELOPE_KEYS.includes(key) && key !== "workOrder") problems.push(`envelope has extra key "${key}"`);
          if (!STEMS.has(String(envelope.agent))) problems.push(`envelope agent "${envelope.agent}"`);
          if (!STATUSES.has(String(envelope.status))) problems.push(`envelope status "${envelope.status}"`);
          if (!PHASES.has(String(envelope.phase))) problems.push(`envelope phase "${envelope.phase}"`);
          if (typeof envelope.data !== "object" || envelope.data === null) problems.push("envelope data is not an object");
          if (typeof envelope.stopPointRequired !== "boolean") problems.push("stopPointRequired is not a boolean");
          if (envelope.stopPointReason !== null && typeof envelope.stopPointReason !== "string") problems.push("stopPointReason");
          if (!Array.isArray(envelope.errors)) problems.push("errors is not an array");
        }
        return problems;
      }),
    ).toEqual([]);
  });
});

describe("rule 11: names and import", () => {
  test("knowledge-base names are exact and the root block imports the protocols outside code", () => {
    for (const deployed of deployments) {
      for (const { name } of KNOWLEDGE_BASE) expect(deployed.files.has(`.claude/trinity/knowledge-base/${name}.md`)).toBe(true);
      const root = deployed.files.get("CLAUDE.md")!;
      expect(/^@\.claude\/trinity\/CLAUDE\.md$/m.test(prose(root))).toBe(true);
    }
  });
});
