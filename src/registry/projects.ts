import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describeParseFailure, isObject, parseJson } from "../formats/parse.ts";

/**
 * The projects this user deployed into, for `trinity update --all`: a small JSON file in the
 * user's config folder (`$XDG_CONFIG_HOME/trinity/projects.json`, by default under `~/.config`).
 * It is a convenience list, not state: a missing or broken file never stops a deploy.
 */
export interface Registry {
  path: string;
  projects: string[];
}

/** Where the registry lives for this environment, or null when there is no home to keep it in. */
export function registryPath(env: Readonly<Record<string, string | undefined>>): string | null {
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, ".config") : env.APPDATA || null);
  return base ? join(base, "trinity", "projects.json") : null;
}

/** The registered project folders; an absent file is an empty list, a broken one an error naming it. */
export function readRegistry(path: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { path, projects: [] };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(`${path}: not valid JSON (${describeParseFailure(parsed)})`);
  const projects = isObject(parsed.value) ? parsed.value.projects : undefined;
  if (!Array.isArray(projects) || projects.some((project) => typeof project !== "string")) {
    throw new Error(`${path}: "projects" is not a list of folders`);
  }
  return { path, projects: projects as string[] };
}

/** Adds a project folder (absolute) to the registry, keeping it sorted and free of duplicates. */
export function registerProject(path: string, root: string): void {
  const registry = readRegistry(path);
  if (registry.projects.includes(root)) return;
  const projects = [...registry.projects, root].sort();
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ schemaVersion: 1, projects }, null, 2)}\n`);
  renameSync(temporary, path);
}
