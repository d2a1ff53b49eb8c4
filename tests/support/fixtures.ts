import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/** tests/fixtures/: one small project per stack. */
export const FIXTURES = resolve(import.meta.dir, "..", "fixtures");

/** Every file of a fixture (or none for "empty"), as path → bytes, for an in-memory project. */
export function fixtureFiles(name: string): Record<string, Uint8Array> {
  if (name === "empty") return {};
  const root = join(FIXTURES, name);
  const files: Record<string, Uint8Array> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else files[relative(root, path).split("\\").join("/")] = readFileSync(path);
    }
  };
  visit(root);
  return files;
}
