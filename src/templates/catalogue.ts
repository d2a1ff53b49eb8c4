import type { Ecosystem } from "../detect/types.ts";
import type { Ownership } from "../manifest/schema.ts";
import type { RenderContext } from "./context.ts";
import { AGENTS, WORKFLOWS } from "./roster.ts";

export type { Ownership };

/**
 * How an output is written:
 * - `file`: the whole file is trinity's.
 * - `block`: trinity owns one managed block inside a file that is otherwise the user's. `shared`
 *   files (CLAUDE.md, .gitignore) always receive the block; a document that exists without the
 *   block is someone else's and is only touched with --force.
 * - `settings`: trinity merges its keys into a JSON settings file (PRODUCT.md §3).
 * - `keys`: trinity adds keys that are absent to a package.json (devDependencies, scripts).
 */
export type OutputKind =
  | { type: "file" }
  | { type: "block"; markers: "html" | "hash"; shared: boolean }
  | { type: "settings" }
  | { type: "keys" };

/** Where an entry's content comes from: a template file, or text the CLI generates. */
export type ContentSource = { template: string } | { generated: "version" | "empty" | "settings" | "package-json" | "pyproject" | "requirements" };

/** One row of the catalogue: what is rendered, where to, and when. */
export interface CatalogueEntry {
  /** Stable identifier recorded in the manifest (the template path, or `generated:<what>`). */
  id: string;
  source: ContentSource;
  kind: OutputKind;
  ownership: Ownership;
  /** The output paths for this project; empty when the entry does not apply. */
  outputs(context: RenderContext): CatalogueOutput[];
}

export interface CatalogueOutput {
  path: string;
  /** Per-output additions to the render context (the directory, agent or workflow rendered for). */
  extra?: Partial<Pick<RenderContext, "dir" | "agent" | "workflow" | "eco">>;
}

export const KNOWLEDGE_BASE: ReadonlyArray<{ name: string; ownership: Ownership }> = [
  { name: "ARCHITECTURE", ownership: "user" },
  { name: "Trinity", ownership: "methodology" },
  { name: "To-do", ownership: "user" },
  { name: "ISSUES", ownership: "user" },
  { name: "Technical-Debt", ownership: "user" },
  { name: "CODING-PRINCIPLES", ownership: "methodology" },
  { name: "TESTING-PRINCIPLES", ownership: "methodology" },
  { name: "AI-DEVELOPMENT-GUIDE", ownership: "methodology" },
  { name: "DOCUMENTATION-CRITERIA", ownership: "methodology" },
];

/** The working folders under .claude/trinity/, each kept in git by a `.gitkeep`. */
export const WORKING_FOLDERS = [
  "work-orders",
  "investigations",
  "investigations/plans",
  "sessions",
  "reports",
  "archive/work-orders",
  "archive/investigations",
  "archive/reports",
  "archive/sessions",
] as const;

/** The fill-in templates under .claude/trinity/templates/, by folder. */
export const FILL_IN_TEMPLATES: Readonly<Record<"work-orders" | "investigations" | "documentation", readonly string[]>> = {
  "work-orders": [
    "INVESTIGATION-TEMPLATE",
    "IMPLEMENTATION-TEMPLATE",
    "ANALYSIS-TEMPLATE",
    "AUDIT-TEMPLATE",
    "PATTERN-TEMPLATE",
    "VERIFICATION-TEMPLATE",
  ],
  investigations: ["bug", "feature", "performance", "security", "technical"],
  documentation: ["ROOT-README", "SUBDIRECTORY-README"],
};

/** Front-end frameworks that get the React-family guidance instead of plain Node. */
const FRONT_END = new Set(["react", "next", "remix", "vue", "nuxt", "svelte", "sveltekit", "astro", "angular"]);

/**
 * Which source-directory guidance an ecosystem gets, first match wins. Selection is by ecosystem
 * (and front-end framework), so every supported stack reaches its own template.
 */
export const SOURCE_GUIDANCE: ReadonlyArray<{ template: string; stack: string; matches: (ecosystem: Ecosystem | null) => boolean }> = [
  { template: "blocks/source/react.md.eta", stack: "React-family front ends (React, Next.js, Remix, Vue, Nuxt, Svelte, SvelteKit, Astro, Angular)", matches: (e) => e?.id === "node" && e.frameworks.some((f) => FRONT_END.has(f)) },
  { template: "blocks/source/node.md.eta", stack: "Node.js and TypeScript", matches: (e) => e?.id === "node" },
  { template: "blocks/source/python.md.eta", stack: "Python", matches: (e) => e?.id === "python" },
  { template: "blocks/source/rust.md.eta", stack: "Rust", matches: (e) => e?.id === "rust" },
  { template: "blocks/source/go.md.eta", stack: "Go", matches: (e) => e?.id === "go" },
  { template: "blocks/source/dart.md.eta", stack: "Flutter and Dart", matches: (e) => e?.id === "dart" },
  { template: "blocks/source/jvm.md.eta", stack: "Java and Kotlin", matches: (e) => e?.id === "jvm" },
  { template: "blocks/source/base.md.eta", stack: "any other stack (Ruby, PHP, .NET, Swift, Deno, …)", matches: () => true },
];

/** The source-directory guidance template for an ecosystem. */
export function sourceBlockTemplate(ecosystem: Ecosystem | null): string {
  return SOURCE_GUIDANCE.find((guidance) => guidance.matches(ecosystem))!.template;
}

const FILE: OutputKind = { type: "file" };
const SHARED_MARKDOWN_BLOCK: OutputKind = { type: "block", markers: "html", shared: true };
const FACTS_BLOCK: OutputKind = { type: "block", markers: "html", shared: false };

const at = (path: string) => () => [{ path }];

/** Every directory that gets a source block, with the ecosystem that claimed it first. */
function sourceDirOutputs(context: RenderContext): CatalogueOutput[] {
  const seen = new Set<string>();
  const outputs: CatalogueOutput[] = [];
  for (const ecosystem of context.stack.ecosystems) {
    for (const path of ecosystem.sourceDirs) {
      if (seen.has(path)) continue;
      seen.add(path);
      outputs.push({ path: `${path}/CLAUDE.md`, extra: { dir: { path, ecosystem } } });
    }
  }
  return outputs;
}

function testDirOutputs(context: RenderContext): CatalogueOutput[] {
  const sourceDirs = new Set(context.sourceDirs);
  const seen = new Set<string>();
  const outputs: CatalogueOutput[] = [];
  for (const ecosystem of context.stack.ecosystems) {
    for (const path of ecosystem.testDirs) {
      if (sourceDirs.has(path) || seen.has(path)) continue;
      seen.add(path);
      outputs.push({ path: `${path}/CLAUDE.md`, extra: { dir: { path, ecosystem } } });
    }
  }
  return outputs;
}

/** Every template that can be a whole tooling file (lint configs, CI workflows); the layout decides which apply. */
export const TOOLING_TEMPLATES: readonly string[] = [
  "tooling/eslint.config.js.eta",
  "tooling/prettierrc.json.eta",
  "tooling/prettierignore.eta",
  "tooling/lintstagedrc.json.eta",
  "tooling/husky-pre-commit.eta",
  "tooling/ruff.toml.eta",
  "tooling/pre-commit-config.yaml.eta",
  "tooling/rustfmt.toml.eta",
  "tooling/clippy.toml.eta",
  "tooling/golangci.yml.eta",
  "tooling/analysis_options.yaml.eta",
  "tooling/editorconfig.eta",
  "ci/github.yml.eta",
  "ci/gitlab.yml.eta",
  "ci/generic.yml.eta",
];

const HASH_BLOCK: OutputKind = { type: "block", markers: "hash", shared: true };

/**
 * The linting and CI outputs (PRODUCT.md §6), only when chosen. They are the project's own
 * configuration: whole files trinity keeps merged with the user's edits, blocks in
 * pyproject.toml and requirements-dev.txt, and keys added to package.json.
 */
const TOOLING_ENTRIES: readonly CatalogueEntry[] = [
  ...TOOLING_TEMPLATES.map((template): CatalogueEntry => ({
    id: template,
    source: { template },
    kind: FILE,
    ownership: "user",
    outputs: (context) => context.tooling.layout.files.filter((file) => file.template === template).map((file) => ({ path: file.path, extra: { eco: file.eco } })),
  })),
  { id: "generated:package-json", source: { generated: "package-json" }, kind: { type: "keys" }, ownership: "user", outputs: (context) => context.tooling.layout.packageJson.map(({ path }) => ({ path })) },
  { id: "generated:pyproject", source: { generated: "pyproject" }, kind: HASH_BLOCK, ownership: "user", outputs: (context) => context.tooling.layout.pyproject.map(({ path, eco }) => ({ path, extra: { eco } })) },
  { id: "generated:requirements-dev", source: { generated: "requirements" }, kind: HASH_BLOCK, ownership: "user", outputs: (context) => context.tooling.layout.requirements.map(({ path }) => ({ path })) },
];

/** A whole methodology-owned file rendered from the template of the same relative name. */
function methodologyFile(template: string, output: string): CatalogueEntry {
  return { id: template, source: { template }, kind: FILE, ownership: "methodology", outputs: at(output) };
}

/**
 * The catalogue: every output trinity deploys, as data. Deploy, update, status, doctor and
 * `trinity list` all read this one table.
 */
export const CATALOGUE: readonly CatalogueEntry[] = [
  { id: "blocks/root.md.eta", source: { template: "blocks/root.md.eta" }, kind: SHARED_MARKDOWN_BLOCK, ownership: "methodology", outputs: at("CLAUDE.md") },
  ...SOURCE_GUIDANCE.map(({ template }): CatalogueEntry => ({
    id: template,
    source: { template },
    kind: SHARED_MARKDOWN_BLOCK,
    ownership: "methodology",
    outputs: (context) => sourceDirOutputs(context).filter((output) => sourceBlockTemplate(output.extra?.dir?.ecosystem ?? null) === template),
  })),
  { id: "blocks/tests.md.eta", source: { template: "blocks/tests.md.eta" }, kind: SHARED_MARKDOWN_BLOCK, ownership: "methodology", outputs: testDirOutputs },
  { id: "blocks/gitignore.eta", source: { template: "blocks/gitignore.eta" }, kind: { type: "block", markers: "hash", shared: true }, ownership: "methodology", outputs: at(".gitignore") },
  methodologyFile("trinity/CLAUDE.md.eta", ".claude/trinity/CLAUDE.md"),
  methodologyFile("trinity/README.md.eta", ".claude/trinity/README.md"),
  methodologyFile("trinity/EMPLOYEE-DIRECTORY.md.eta", ".claude/trinity/EMPLOYEE-DIRECTORY.md"),
  { id: "generated:version", source: { generated: "version" }, kind: FILE, ownership: "methodology", outputs: at(".claude/trinity/VERSION") },
  ...KNOWLEDGE_BASE.map(({ name, ownership }): CatalogueEntry => {
    const template = `trinity/knowledge-base/${name}.md.eta`;
    return {
      id: template,
      source: { template },
      kind: ownership === "user" ? FACTS_BLOCK : FILE,
      ownership,
      outputs: at(`.claude/trinity/knowledge-base/${name}.md`),
    };
  }),
  ...Object.entries(FILL_IN_TEMPLATES).flatMap(([folder, names]) =>
    names.map((name) => methodologyFile(`trinity/templates/${folder}/${name}.md.eta`, `.claude/trinity/templates/${folder}/${name}.md`)),
  ),
  ...AGENTS.map((agent): CatalogueEntry => {
    const template = `agents/${agent.team}/${agent.stem}.md.eta`;
    return {
      id: template,
      source: { template },
      kind: FILE,
      ownership: "methodology",
      outputs: () => [{ path: `.claude/agents/trinity/${agent.team}/${agent.stem}.md`, extra: { agent } }],
    };
  }),
  ...WORKFLOWS.map((workflow): CatalogueEntry => {
    const template = `workflows/trinity-${workflow.name}.md.eta`;
    return {
      id: template,
      source: { template },
      kind: FILE,
      ownership: "methodology",
      outputs: (context) => [{ path: context.fmt.workflowPath(workflow.name), extra: { workflow } }],
    };
  }),
  { id: "generated:settings", source: { generated: "settings" }, kind: { type: "settings" }, ownership: "methodology", outputs: at(".claude/settings.json") },
  ...WORKING_FOLDERS.map(
    (folder): CatalogueEntry => ({
      id: `generated:gitkeep:${folder}`,
      source: { generated: "empty" },
      kind: FILE,
      ownership: "methodology",
      outputs: at(`.claude/trinity/${folder}/.gitkeep`),
    }),
  ),
  ...TOOLING_ENTRIES,
];
