/**
 * The methodology's cast as data (METHODOLOGY.md §2, §3): 18 agents in 6 teams and 21 workflows.
 * The catalogue, the agent and workflow frontmatter, EMPLOYEE-DIRECTORY, `trinity list` and the
 * consistency tests all read these tables, so a name or a description lives in one place.
 */

export const TEAMS = ["leadership", "planning", "execution", "support", "deployment", "audit"] as const;
export type Team = (typeof TEAMS)[number];

/** Claude Code subagent colours by team. */
export const TEAM_COLORS: Record<Team, string> = {
  leadership: "purple",
  planning: "blue",
  execution: "green",
  support: "cyan",
  deployment: "yellow",
  audit: "red",
};

export interface Agent {
  /** File stem and frontmatter `name`. */
  stem: string;
  team: Team;
  /** The persona's name as documents write it ("KIL"). */
  persona: string;
  title: string;
  /** One line for rosters and `trinity list`. */
  role: string;
  /** Frontmatter `description`: what it does, then when to delegate. */
  description: string;
  tools: readonly string[];
}

export const AGENTS: readonly Agent[] = [
  {
    stem: "aly-cto",
    team: "leadership",
    persona: "ALY",
    title: "Chief Technology Officer",
    role: "session lead and strategic reviewer; writes no product code",
    description: "Leads sessions: opens, resumes and closes them, recovers state and reviews stop points. Use when a session starts, resumes or ends, or a requirement is ambiguous.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "aj-maestro",
    team: "leadership",
    persona: "AJ MAESTRO",
    title: "Implementation Orchestrator",
    role: "plans and tracks one work order, decides each delegation, enforces stop points",
    description: "Plans the execution of one work order or investigation and picks each next agent. Use before executing a WO/INV and after every stop point, phase end or escalation.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash", "TodoWrite"],
  },
  {
    stem: "mon-requirements",
    team: "planning",
    persona: "MON",
    title: "Requirements Analyst",
    role: "turns a request into testable requirements and decides the scale",
    description: "Turns a request into testable requirements and decides the scale from the files to touch. Use when a task or WO needs requirements, acceptance criteria or a scale.",
    tools: ["Read", "Glob", "Grep", "Write", "Edit"],
  },
  {
    stem: "ror-design",
    team: "planning",
    persona: "ROR",
    title: "Design Architect",
    role: "design documents, ADRs and verification level; technical and feature investigations",
    description: "Writes the design document and ADRs and sets the verification level. Use when approved requirements need a design, or a technical or feature investigation runs.",
    tools: ["Read", "Glob", "Grep", "Write", "Edit"],
  },
  {
    stem: "tra-planner",
    team: "planning",
    persona: "TRA",
    title: "Work Planner",
    role: "orders the work into phases that build and test on their own",
    description: "Orders a design into phases that each build and test alone, with estimates, risks and rollback. Use when a design is ready to be planned.",
    tools: ["Read", "Glob", "Grep", "Write", "Edit"],
  },
  {
    stem: "eus-decomposer",
    team: "planning",
    persona: "EUS",
    title: "Task Decomposer",
    role: "atomic one-commit tasks in TDD triplets",
    description: "Splits an approved plan into atomic one-commit tasks in RED/GREEN/REFACTOR order. Use when a plan (or a medium design and plan) needs a task list.",
    tools: ["Read", "Glob", "Grep", "Write", "Edit"],
  },
  {
    stem: "kil-task-executor",
    team: "execution",
    persona: "KIL",
    title: "Task Executor",
    role: "implements exactly one task per delegation with TDD",
    description: "Implements exactly one task with test-driven development; never commits or changes the design. Use when a task from the task list, or a small change, is ready.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash", "TodoWrite"],
  },
  {
    stem: "bas-quality-gate",
    team: "execution",
    persona: "BAS",
    title: "Quality Gate",
    role: "runs the 6-phase gate after every task and commits on pass",
    description: "Runs the 6-phase quality gate after a task, auto-fixes lint and structure, escalates the rest and commits on pass. Use when a task or a fix is reported done.",
    tools: ["Read", "Edit", "Glob", "Grep", "Bash", "TodoWrite"],
  },
  {
    stem: "dra-code-reviewer",
    team: "execution",
    persona: "DRA",
    title: "Code Reviewer",
    role: "fixes escalations, reviews phases and work orders, investigates bugs",
    description: "Fixes what the gate escalates and reviews phases and finished work against design and criteria. Use on a gate escalation, at a phase or WO end, or for a bug investigation.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash", "TodoWrite"],
  },
  {
    stem: "apo-documentation-specialist",
    team: "support",
    persona: "APO",
    title: "Documentation Specialist",
    role: "README files, docs/, CHANGELOG and doc comments, from evidence only",
    description: "Writes user-facing documentation from evidence only: READMEs, docs/, CHANGELOG, doc comments. Use when a docs workflow runs or a task changes a public interface.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "bon-dependency-manager",
    team: "support",
    persona: "BON",
    title: "Dependency Manager",
    role: "adds, upgrades and removes dependencies with the detected package manager",
    description: "Adds, upgrades and removes dependencies safely with the project's package manager. Use when a task needs a package change or an audit finding concerns a dependency.",
    tools: ["Read", "Edit", "Glob", "Grep", "Bash", "WebFetch"],
  },
  {
    stem: "cap-configuration-specialist",
    team: "support",
    persona: "CAP",
    title: "Configuration Specialist",
    role: "configuration files, environment variables and secret hygiene",
    description: "Changes configuration files and environment variables and keeps secrets out of the repository. Use when a task adds or changes settings or env vars.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "uro-refactoring-specialist",
    team: "support",
    persona: "URO",
    title: "Refactoring Specialist",
    role: "behaviour-preserving refactors and debt reduction",
    description: "Refactors without changing behaviour and pays down debt, with tests green before and after. Use when a REFACTOR task is large or a debt WO targets hotspots.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "tan-structure",
    team: "deployment",
    persona: "TAN",
    title: "Structure Specialist",
    role: "verifies the deployed tree and its integrity",
    description: "Verifies the deployed Trinity tree, counts, frontmatter and managed blocks. Use when /trinity-init starts or /trinity-verify runs.",
    tools: ["Read", "Write", "Glob", "Grep", "Bash"],
  },
  {
    stem: "zen-knowledge",
    team: "deployment",
    persona: "ZEN",
    title: "Knowledge Base Specialist",
    role: "completes ARCHITECTURE, Technical-Debt and To-do from the code",
    description: "Completes the pending sections of ARCHITECTURE, Technical-Debt and To-do from code evidence. Use when /trinity-init runs or the knowledge base is stale.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "ino-context",
    team: "deployment",
    persona: "INO",
    title: "Context Specialist",
    role: "the CLAUDE.md hierarchy and ISSUES.md",
    description: "Maintains the CLAUDE.md hierarchy and completes ISSUES.md. Use when /trinity-init runs or the repository layout changed.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "ein-cicd",
    team: "deployment",
    persona: "EIN",
    title: "CI/CD Specialist",
    role: "CI and pre-commit checks that run the gate for every ecosystem",
    description: "Reviews or creates CI and pre-commit checks that run the quality gate for every detected ecosystem. Use when /trinity-init runs or the user asks for CI.",
    tools: ["Read", "Write", "Edit", "Glob", "Grep", "Bash"],
  },
  {
    stem: "juno-auditor",
    team: "audit",
    persona: "JUNO",
    title: "Quality Auditor",
    role: "audits and verifies; writes reports, never product code",
    description: "Audits and verifies: work-order verification, codebase and docs audits, security and performance investigations. Writes reports only. Use when work needs an independent verdict.",
    tools: ["Read", "Glob", "Grep", "Bash", "Write"],
  },
];

export interface Workflow {
  /** Without the `trinity-` prefix: `/trinity-<name>`. */
  name: string;
  /** Frontmatter `description`: what it does and when to use it. */
  description: string;
  /** Frontmatter `argument-hint`, or null when it takes no arguments. */
  argumentHint: string | null;
  /** The agents it delegates to, in order (the body's "Agents" list). */
  agents: readonly string[];
  /** Only the user starts it (everything but the two read-only guides). */
  userOnly: boolean;
  /** Pre-approved read-only git commands (status, diff, log). */
  readsGit: boolean;
}

const ORCHESTRATED = [
  "aj-maestro",
  "mon-requirements",
  "ror-design",
  "tra-planner",
  "eus-decomposer",
  "kil-task-executor",
  "bas-quality-gate",
  "dra-code-reviewer",
  "juno-auditor",
  "apo-documentation-specialist",
  "bon-dependency-manager",
  "cap-configuration-specialist",
  "uro-refactoring-specialist",
];

export const WORKFLOWS: readonly Workflow[] = [
  { name: "init", description: "Integrates Trinity after the first deploy: verifies the install, completes the knowledge base and reviews CI. Use once, right after trinity deploy.", argumentHint: null, agents: ["tan-structure", "zen-knowledge", "ino-context", "juno-auditor", "ein-cicd"], userOnly: true, readsGit: true },
  { name: "verify", description: "Checks the installed Trinity tree, frontmatter, managed blocks and pending init sections. Use after deploy, update or manual edits.", argumentHint: null, agents: ["tan-structure"], userOnly: true, readsGit: false },
  { name: "start", description: "Opens a session: loads priorities and open work, then recommends the route for a task. Use at the start of every working session.", argumentHint: "[task description]", agents: ["aly-cto", "mon-requirements"], userOnly: true, readsGit: true },
  { name: "continue", description: "Resumes after an interruption: rebuilds the state from session logs, work orders and git. Use when a session broke off.", argumentHint: null, agents: ["aly-cto"], userOnly: true, readsGit: true },
  { name: "end", description: "Closes the session: archives finished work, writes the summary and updates the knowledge base. Use when you stop working.", argumentHint: null, agents: ["aly-cto"], userOnly: true, readsGit: true },
  { name: "orchestrate", description: "Runs a work order, investigation or task through the agents with stop points, quality gate and verification. Use to build a change.", argumentHint: "[WO-NNN | INV-NNN | task description]", agents: ORCHESTRATED, userOnly: true, readsGit: true },
  { name: "breakdown", description: "Guides you step by step to implement a change yourself; Claude edits no product files. Use when you want to make the edits.", argumentHint: "[WO-NNN | INV-NNN | task description]", agents: ["mon-requirements", "ror-design"], userOnly: true, readsGit: true },
  { name: "requirements", description: "Writes requirements, acceptance criteria and the scale. Use to run only the requirements stage of a work order or feature.", argumentHint: "[WO-NNN | feature description]", agents: ["mon-requirements"], userOnly: true, readsGit: false },
  { name: "design", description: "Writes the technical design and ADRs. Use when a work order's requirements are approved.", argumentHint: "[WO-NNN]", agents: ["ror-design"], userOnly: true, readsGit: false },
  { name: "plan", description: "Splits a design into phases with estimates, risks and rollback. Use when a work order's design is approved.", argumentHint: "[WO-NNN]", agents: ["tra-planner"], userOnly: true, readsGit: false },
  { name: "decompose", description: "Turns a plan into atomic one-commit TDD tasks. Use when a work order's plan is approved.", argumentHint: "[WO-NNN]", agents: ["eus-decomposer"], userOnly: true, readsGit: false },
  { name: "workorder", description: "Creates a numbered work order from the templates. Use to queue work for /trinity-orchestrate or /trinity-breakdown.", argumentHint: "[type] [description]", agents: [], userOnly: true, readsGit: false },
  { name: "create-investigation", description: "Opens a numbered investigation from one of the five templates after a short interview. Use before changing code you do not yet understand.", argumentHint: "[bug|feature|performance|security|technical] [title]", agents: [], userOnly: true, readsGit: false },
  { name: "plan-investigation", description: "Plans an open investigation: phases, evidence to collect and risks. Use before executing a broad investigation.", argumentHint: "[INV-NNN]", agents: ["ror-design"], userOnly: true, readsGit: false },
  { name: "investigate-templates", description: "Explains the five investigation templates (bug, feature, performance, security, technical). Use when choosing how to investigate.", argumentHint: "[type]", agents: [], userOnly: false, readsGit: false },
  { name: "audit", description: "Audits the codebase with its own tools and compares the findings with the last baseline. Use for a health check or before a release.", argumentHint: "[path]", agents: ["juno-auditor"], userOnly: true, readsGit: true },
  { name: "readme", description: "Creates missing READMEs and corrects inaccurate ones against the code. Use when READMEs are missing or stale.", argumentHint: "[path]", agents: ["apo-documentation-specialist"], userOnly: true, readsGit: false },
  { name: "docs", description: "Creates and organises the docs/ folder from evidence in the code. Use when a project has no docs/ or scattered docs.", argumentHint: "[guides | api | architecture | reference]", agents: ["apo-documentation-specialist"], userOnly: true, readsGit: false },
  { name: "changelog", description: "Keeps CHANGELOG.md in Keep a Changelog format from the commit history. Use before a release or after merged work.", argumentHint: "[version | unreleased]", agents: ["apo-documentation-specialist"], userOnly: true, readsGit: true },
  { name: "docs-update", description: "Brings existing docs in line with recent code changes, with bounded fix rounds. Use when docs/ lags behind the code.", argumentHint: "[since-ref]", agents: ["juno-auditor", "apo-documentation-specialist"], userOnly: true, readsGit: true },
  { name: "agents", description: "Shows the Trinity agent roster: teams, roles and when each agent is used. Use when unsure which agent or workflow fits.", argumentHint: "[team | agent]", agents: [], userOnly: false, readsGit: false },
];

/** The workflows that delegate to an agent. */
export function workflowsUsing(stem: string): Workflow[] {
  return WORKFLOWS.filter((workflow) => workflow.agents.includes(stem));
}
