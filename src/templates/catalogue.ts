import type { Ecosystem } from "../detect/types.ts";
import type { Ownership } from "../manifest/schema.ts";
import type { RenderContext } from "./context.ts";

export type { Ownership };

/**
 * How an output is written:
 * - `file`: the whole file is trinity's.
 * - `block`: trinity owns one managed block inside a file that is otherwise the user's. `shared`
 *   files (CLAUDE.md, .gitignore) always receive the block; a document that exists without the
 *   block is someone else's and is only touched with --force.
 * - `settings`: trinity merges its keys into a JSON settings file (PRODUCT.md §3).
 */
export type OutputKind =
  | { type: "file" }
  | { type: "block"; markers: "html" | "hash"; shared: boolean }
  | { type: "settings" };

/** Where an entry's content comes from: a template file, or text the CLI generates. */
export type ContentSource = { template: string } | { generated: "version" | "empty" | "settings" };

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
  /** The directory a per-directory block is rendered for. */
  dir?: { path: string; ecosystem: Ecosystem | null };
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

const FILE: OutputKind = { type: "file" };
const SHARED_MARKDOWN_BLOCK: OutputKind = { type: "block", markers: "html", shared: true };
const FACTS_BLOCK: OutputKind = { type: "block", markers: "html", shared: false };

const at = (path: string) => () => [{ path }];

/** The source-directory guidance template for an ecosystem. */
export function sourceBlockTemplate(_ecosystem: Ecosystem | null): string {
  return "blocks/source/base.md.eta";
}

/** Every directory that gets a source block, with the ecosystem that claimed it first. */
function sourceDirOutputs(context: RenderContext): CatalogueOutput[] {
  const seen = new Set<string>();
  const outputs: CatalogueOutput[] = [];
  for (const ecosystem of context.stack.ecosystems) {
    for (const path of ecosystem.sourceDirs) {
      if (seen.has(path)) continue;
      seen.add(path);
      outputs.push({ path: `${path}/CLAUDE.md`, dir: { path, ecosystem } });
    }
  }
  return outputs;
}

function testDirOutputs(context: RenderContext): CatalogueOutput[] {
  const sourceDirs = new Set(context.sourceDirs);
  const outputs: CatalogueOutput[] = [];
  for (const ecosystem of context.stack.ecosystems) {
    for (const path of ecosystem.testDirs) {
      if (sourceDirs.has(path) || outputs.some((o) => o.dir?.path === path)) continue;
      outputs.push({ path: `${path}/CLAUDE.md`, dir: { path, ecosystem } });
    }
  }
  return outputs;
}

/**
 * The catalogue: every output trinity deploys, as data. Deploy, update, status, doctor and
 * `trinity list` all read this one table.
 */
export const CATALOGUE: readonly CatalogueEntry[] = [
  { id: "blocks/root.md.eta", source: { template: "blocks/root.md.eta" }, kind: SHARED_MARKDOWN_BLOCK, ownership: "methodology", outputs: at("CLAUDE.md") },
  ...sourceBlockEntries(),
  { id: "blocks/tests.md.eta", source: { template: "blocks/tests.md.eta" }, kind: SHARED_MARKDOWN_BLOCK, ownership: "methodology", outputs: testDirOutputs },
  { id: "blocks/gitignore.eta", source: { template: "blocks/gitignore.eta" }, kind: { type: "block", markers: "hash", shared: true }, ownership: "methodology", outputs: at(".gitignore") },
  { id: "trinity/CLAUDE.md.eta", source: { template: "trinity/CLAUDE.md.eta" }, kind: FILE, ownership: "methodology", outputs: at(".claude/trinity/CLAUDE.md") },
  { id: "trinity/README.md.eta", source: { template: "trinity/README.md.eta" }, kind: FILE, ownership: "methodology", outputs: at(".claude/trinity/README.md") },
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
];

/** One entry per source-guidance template; each claims the source directories whose ecosystem selects it. */
function sourceBlockEntries(): CatalogueEntry[] {
  const templates = ["blocks/source/base.md.eta"];
  return templates.map((template) => ({
    id: template,
    source: { template },
    kind: SHARED_MARKDOWN_BLOCK,
    ownership: "methodology",
    outputs: (context: RenderContext) =>
      sourceDirOutputs(context).filter((output) => sourceBlockTemplate(output.dir?.ecosystem ?? null) === template),
  }));
}
