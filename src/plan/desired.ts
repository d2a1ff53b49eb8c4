import { TrinityError } from "../errors.ts";
import { projectPath, type ProjectPath } from "../fs/path.ts";
import type { AddedKey, Ownership } from "../manifest/schema.ts";
import { CATALOGUE, type CatalogueEntry } from "../templates/catalogue.ts";
import type { RenderContext } from "../templates/context.ts";
import type { Renderer } from "../templates/render.ts";
import { blockBody, findBlock, type MarkerStyle } from "./blocks.ts";

/** One output in the desired state: what this version of trinity would write for this project. */
export type Desired =
  | { kind: "file"; path: ProjectPath; entry: string; ownership: Ownership; content: string }
  | {
      kind: "block";
      path: ProjectPath;
      entry: string;
      ownership: Ownership;
      markers: MarkerStyle;
      /** Shared files always get the block; other documents only when trinity created them (or --force). */
      shared: boolean;
      /** The block body (LF line endings, ending with a newline). */
      body: string;
      /** The whole file to create when it does not exist yet. */
      initial: string;
      /** Where a new block goes in an existing file (default: the end for shared files, below the title for documents). */
      placement?: BlockPlacement;
    }
  | { kind: "settings"; path: ProjectPath; entry: string; ownership: Ownership }
  | { kind: "keys"; path: ProjectPath; entry: string; ownership: Ownership; additions: AddedKey[] };

/** Where a new block goes: the end of the file, or before a line (0-based), e.g. the end of a TOML table. */
export type BlockPlacement = "end" | { beforeLine: number };

/**
 * Renders the catalogue for one project: the desired state. Pure apart from template rendering;
 * the same context always yields the same list, in catalogue order.
 */
export function renderDesired(renderer: Renderer, context: RenderContext, catalogue: readonly CatalogueEntry[] = CATALOGUE): Desired[] {
  const desired: Desired[] = [];
  const seen = new Map<string, string>();
  for (const entry of catalogue) {
    for (const output of entry.outputs(context)) {
      const path = projectPath(output.path);
      const previous = seen.get(path);
      if (previous !== undefined) {
        throw new TrinityError("internal", `${path}: produced by both ${previous} and ${entry.id}`);
      }
      seen.set(path, entry.id);
      const outputContext: RenderContext = output.extra ? { ...context, ...output.extra } : context;
      desired.push(renderOne(renderer, entry, path, outputContext));
    }
  }
  return desired;
}

function renderOne(renderer: Renderer, entry: CatalogueEntry, path: ProjectPath, context: RenderContext): Desired {
  const base = { path, entry: entry.id, ownership: entry.ownership };
  if (entry.kind.type === "settings") return { kind: "settings", ...base };
  if (entry.kind.type === "keys") {
    const additions = context.tooling.layout.packageJson.find((target) => target.path === path)?.additions ?? [];
    return { kind: "keys", ...base, additions };
  }
  if ("generated" in entry.source && entry.source.generated === "pyproject") return pyprojectBlock(renderer, context, base);
  if ("generated" in entry.source && entry.source.generated === "requirements") {
    const lines = context.tooling.layout.requirements.find((target) => target.path === path)?.lines ?? [];
    return { kind: "block", ...base, markers: "hash", shared: true, body: lines.map((line) => `${line}\n`).join(""), initial: "" };
  }
  const text = contentOf(renderer, entry, context);
  if (entry.kind.type === "file") return { kind: "file", ...base, content: text };
  if (entry.kind.type !== "block") throw new TrinityError("internal", `${entry.id}: unexpected output kind`);
  const { markers, shared } = entry.kind;
  if (shared) {
    // A shared file's template supplies the block body only; the markers are placed by trinity.
    return { kind: "block", ...base, markers, shared, body: text, initial: "" };
  }
  // A document that owns a facts block renders whole, markers included; its block is what update refreshes.
  const location = findBlock(text, markers, `${entry.id} (rendered)`);
  if (location === null) {
    throw new TrinityError("template", `${entry.id}: the rendered document has no trinity:begin/trinity:end facts block`);
  }
  return { kind: "block", ...base, markers, shared, body: blockBody(text, location), initial: text };
}

/** The pyproject.toml block: the development dependencies (joining their table), then Ruff's tables. */
function pyprojectBlock(renderer: Renderer, context: RenderContext, base: { path: ProjectPath; entry: string; ownership: Ownership }): Desired {
  const target = context.tooling.layout.pyproject.find((block) => block.path === base.path);
  if (target === undefined) throw new TrinityError("internal", `${base.path}: no pyproject layout`);
  const parts: string[] = [];
  if (target.dependencyLines.length > 0) parts.push(`${target.dependencyLines.join("\n")}\n`);
  if (target.ruff) parts.push(renderer.render("tooling/ruff-pyproject.toml.eta", context));
  return { kind: "block", ...base, markers: "hash", shared: true, body: parts.join("\n"), initial: "", placement: target.placement };
}

function contentOf(renderer: Renderer, entry: CatalogueEntry, context: RenderContext): string {
  const source = entry.source;
  if ("template" in source) return renderer.render(source.template, context);
  switch (source.generated) {
    case "version":
      return `${context.trinity.version}\n`;
    case "empty":
      return "";
    case "settings":
    case "requirements":
    case "package-json":
    case "pyproject":
      throw new TrinityError("internal", `${entry.id}: ${source.generated} is not rendered as text`);
  }
}
