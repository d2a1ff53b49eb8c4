import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { deployFixture } from "./deployed.ts";
import { fixtureFiles } from "./fixtures.ts";

/** The golden cases: one stack fixture per workflow format, and an empty project. */
export const GOLDEN_CASES = [
  { name: "node-next-skills", fixture: "node-next", format: "skills" },
  { name: "python-poetry-commands", fixture: "python-poetry", format: "commands" },
  { name: "empty-skills", fixture: "empty", format: "skills" },
] as const;

export const GOLDEN_DIR = resolve(import.meta.dir, "..", "golden");

/**
 * A rendered .gitignore is stored as `dot-gitignore`: a real .gitignore inside tests/golden/
 * would change what git tracks in this repository.
 */
export function goldenName(path: string): string {
  return path.replace(/(^|\/)\.gitignore$/, "$1dot-gitignore");
}

function renderedName(path: string): string {
  return path.replace(/(^|\/)dot-gitignore$/, "$1.gitignore");
}

/** What deploy writes for a case (new or changed files), rendered with the fixed clock. */
export async function renderGolden(testCase: (typeof GOLDEN_CASES)[number]): Promise<Map<string, string>> {
  const deployed = await deployFixture(testCase.fixture, testCase.format);
  const original = fixtureFiles(testCase.fixture);
  const files = new Map<string, string>();
  for (const [path, text] of deployed.files) {
    const before = original[path];
    if (before === undefined || Buffer.from(before).toString("utf8") !== text) files.set(path, text);
  }
  return files;
}

/** The committed golden tree of a case. */
export function readGolden(name: string): Map<string, string> {
  const root = join(GOLDEN_DIR, name);
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(renderedName(relative(root, path).split("\\").join("/")), readFileSync(path, "utf8"));
    }
  };
  visit(root);
  return files;
}
