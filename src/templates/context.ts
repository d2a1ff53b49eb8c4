import { primaryEcosystem } from "../detect/index.ts";
import { ecosystemSummary, label, noCommands, type Commands, type Ecosystem, type Stack } from "../detect/types.ts";
import type { Metrics } from "../metrics/scan.ts";
import { NO_TOOLING, type CiChoice, type LintToolId, type Tooling } from "../tooling/tools.ts";
import type { ToolingLayout } from "../tooling/layout.ts";
import { AGENTS, TEAM_COLORS, TEAMS, WORKFLOWS, type Agent, type Team, type Workflow } from "./roster.ts";

/** Everything a template may use (METHODOLOGY.md §0.2). Documented for template authors in docs/templates.md. */
export interface RenderContext {
  project: { name: string };
  trinity: { version: string };
  /** The first deploy date (YYYY-MM-DD), from the manifest; never the clock at render time. */
  deployDate: string;
  commandFormat: "skills" | "commands";
  /** `shared`: the methodology is committed; `private`: it is git-ignored too. */
  gitignore: "shared" | "private";
  coverageThreshold: number;
  stack: Stack;
  /** The main ecosystem (the one at `.`, else the first); null when nothing was detected. */
  primary: Ecosystem | null;
  /** Commands per ecosystem path. */
  commands: Record<string, Commands>;
  /** The primary ecosystem's commands (all null when nothing was detected). */
  primaryCommands: Commands;
  /** Null after --skip-audit. */
  metrics: Metrics | null;
  ci: { chosen: boolean };
  /** Linting and CI chosen for this deployment (PRODUCT.md §6); see docs/templates.md. */
  tooling: {
    lint: LintToolId[];
    ci: CiChoice | null;
    /** Where the GitLab pipeline goes: `.gitlab-ci.yml`, or `.gitlab/trinity-ci.yml` (to include) when the project has its own. */
    gitlabFile: string;
    /** Per ecosystem path: the commands once the chosen tools are set up (`npm run lint`, …); the same as `it.commands`. */
    commands: Record<string, Commands>;
    /** Which tooling files go where (for the catalogue, not for templates). */
    layout: ToolingLayout;
  };
  /** Per-output data: the ecosystem a lint config is rendered for. */
  eco: Ecosystem | null;
  /** Every source and test directory that gets a CLAUDE.md block. */
  sourceDirs: string[];
  testDirs: string[];
  /** Per-output data: the directory a source/tests block is rendered for. */
  dir: { path: string; ecosystem: Ecosystem | null } | null;
  /** Per-output data: the agent an agent template is rendered for. */
  agent: Agent | null;
  /** Per-output data: the workflow a workflow template is rendered for. */
  workflow: Workflow | null;
  /** The 18 agents in 6 teams and the 21 workflows (src/templates/roster.ts). */
  roster: {
    agents: readonly Agent[];
    workflows: readonly Workflow[];
    teams: readonly Team[];
    teamColors: Readonly<Record<Team, string>>;
  };
  fmt: Formatters;
}

/** Presentation helpers, so that every template says the same thing the same way. */
export interface Formatters {
  /** A detection identifier as a human label ("next" → "Next.js"). */
  label(id: string): string;
  /** Labels joined with ", ", or `empty` when there are none. */
  labels(ids: readonly string[], empty?: string): string;
  /** Items as code spans joined with ", ", or `empty`. */
  codes(items: readonly string[], empty?: string): string;
  /** A command as a code span, or the sentence that says none was detected. */
  cmd(command: string | null, kind: keyof Commands): string;
  /** "TypeScript · Next.js, React · pnpm", or "stack not detected". */
  stackLine(ecosystem?: Ecosystem | null): string;
  /** A metric value, or the not-collected sentence after --skip-audit. */
  metric(value: number | null | undefined): string;
  /** A git fact, or "unknown (not a git repository)". */
  git(value: string | number | null | undefined): string;
  /** The sentence used wherever metrics were not collected. */
  notCollected: string;
  /** A string as a YAML double-quoted scalar, safe in frontmatter. */
  yaml(value: string): string;
  /** Where a workflow lives in this deployment: the skill folder's SKILL.md or the legacy command file. */
  workflowPath(name: string): string;
}

/** What the caller knows; everything else is derived here, once, so templates agree. */
export interface ContextInput {
  projectName: string;
  version: string;
  deployDate: string;
  commandFormat: "skills" | "commands";
  gitignore: "shared" | "private";
  coverageThreshold: number;
  stack: Stack;
  metrics: Metrics | null;
  ciChosen: boolean;
  /** Linting and CI choices (default: none). */
  tooling?: Tooling;
  /** Where the tooling goes in this project (default: nothing). */
  layout?: ToolingLayout;
}

const COMMAND_NAMES: Record<keyof Commands, string> = {
  install: "install",
  build: "build",
  typecheck: "type-check",
  lint: "lint",
  lintFix: "lint auto-fix",
  format: "format",
  test: "test",
  coverage: "coverage",
  depAudit: "dependency audit",
};

const NOT_COLLECTED = "not collected (deployed with `--skip-audit`; `trinity update` collects them)";

/** Builds the render context shared by every template of one run. */
export function buildContext(input: ContextInput): RenderContext {
  const primary = primaryEcosystem(input.stack.ecosystems, input.metrics?.directories);
  const commands: Record<string, Commands> = {};
  for (const ecosystem of input.stack.ecosystems) commands[ecosystem.path] ??= ecosystem.commands;
  return {
    project: { name: input.projectName },
    trinity: { version: input.version },
    deployDate: input.deployDate,
    commandFormat: input.commandFormat,
    gitignore: input.gitignore,
    coverageThreshold: input.coverageThreshold,
    stack: input.stack,
    primary,
    commands,
    primaryCommands: primary?.commands ?? noCommands(),
    metrics: input.metrics,
    ci: { chosen: input.ciChosen },
    tooling: {
      lint: (input.tooling ?? NO_TOOLING).lint,
      ci: (input.tooling ?? NO_TOOLING).ci,
      gitlabFile: input.layout?.gitlabFile ?? ".gitlab-ci.yml",
      commands,
      layout: input.layout ?? { files: [], packageJson: [], pyproject: [], requirements: [], gitlabFile: ".gitlab-ci.yml", notes: [] },
    },
    eco: null,
    sourceDirs: unique(input.stack.ecosystems.flatMap((e) => e.sourceDirs)),
    testDirs: unique(input.stack.ecosystems.flatMap((e) => e.testDirs)),
    dir: null,
    agent: null,
    workflow: null,
    roster: { agents: AGENTS, workflows: WORKFLOWS, teams: TEAMS, teamColors: TEAM_COLORS },
    fmt: formatters(primary, input.commandFormat),
  };
}

function formatters(primary: Ecosystem | null, commandFormat: "skills" | "commands"): Formatters {
  const labels = (ids: readonly string[], empty = "none detected") => (ids.length === 0 ? empty : ids.map(label).join(", "));
  return {
    label,
    labels,
    codes: (items, empty = "none detected") => (items.length === 0 ? empty : items.map((item) => `\`${item}\``).join(", ")),
    cmd: (command, kind) =>
      command === null
        ? `no ${COMMAND_NAMES[kind]} command detected; \`/trinity-init\` records one if it exists`
        : `\`${command}\``,
    stackLine: (ecosystem = primary) => (ecosystem ? ecosystemSummary(ecosystem) : "stack not detected"),
    metric: (value) => (value === null || value === undefined ? NOT_COLLECTED : String(value)),
    git: (value) => (value === null || value === undefined ? "unknown (not a git repository)" : String(value)),
    notCollected: NOT_COLLECTED,
    // JSON strings are valid YAML double-quoted scalars.
    yaml: (value) => JSON.stringify(value),
    workflowPath: (name) =>
      commandFormat === "skills" ? `.claude/skills/trinity-${name}/SKILL.md` : `.claude/commands/trinity-${name}.md`,
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
