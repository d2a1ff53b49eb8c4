import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describeSystemError, TrinityError } from "../errors.ts";

/**
 * A set of template files keyed by their path relative to the template root, with `/` separators
 * (`trinity/CLAUDE.md.eta`). The embedded set is compiled into the binary; `--templates DIR`
 * reads one from disk.
 */
export interface TemplateSource {
  /** "embedded" or the directory it came from, for messages. */
  origin: string;
  files: ReadonlyMap<string, string>;
}

// Replaced by build.ts with the contents of templates/ (see build.ts); absent when running from source.
declare const TRINITY_EMBEDDED_TEMPLATES: Record<string, string> | undefined;

/** The templates this binary ships with. From source (tests, `bun src/main.ts`) they are read from templates/. */
export function embeddedTemplates(): TemplateSource {
  if (typeof TRINITY_EMBEDDED_TEMPLATES !== "undefined") {
    return { origin: "embedded", files: new Map(Object.entries(TRINITY_EMBEDDED_TEMPLATES)) };
  }
  return { ...directoryTemplates(repositoryTemplatesDir()), origin: "embedded" };
}

/** The templates/ folder of this repository (only meaningful when running from source). */
export function repositoryTemplatesDir(): string {
  return resolve(import.meta.dir, "..", "..", "templates");
}

/** Reads every file under `dir` as a template set (`--templates DIR`). */
export function directoryTemplates(dir: string): TemplateSource {
  const root = resolve(dir);
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new TrinityError("usage", `--templates ${dir}: not a directory`, {
      hint: "Pass a directory laid out like trinity's own templates/ folder.",
    });
  }
  return { origin: root, files: readTree(root) };
}

/** Every file under `root`, keyed by its relative path with `/` separators. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new TrinityError("template", `${dir}: cannot read the template directory: ${describeSystemError(error)}`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) files.set(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  };
  visit(root);
  return files;
}
