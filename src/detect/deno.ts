import { objectAt, ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem } from "./types.ts";

/** Detects a Deno project in `dir` (deno.json or deno.jsonc). */
export function detectDeno(reader: ProjectReader, dir: string): Ecosystem | null {
  const config = reader.firstFile(dir, ["deno.json", "deno.jsonc"]);
  if (config === null) return null;
  // deno.jsonc may hold comments, which strict JSON refuses; its keys are then unknown.
  const manifest = config.endsWith(".json") ? reader.json(config) : null;
  const imports = objectAt(manifest, "imports");
  const tasks = objectAt(manifest, "tasks");
  const commands = noCommands();
  commands.install = "deno install";
  commands.typecheck = "deno check .";
  commands.lint = "deno lint";
  commands.lintFix = "deno lint --fix";
  commands.format = "deno fmt --check";
  commands.build = "build" in tasks ? "deno task build" : null;
  commands.test = "test" in tasks ? "deno task test" : "deno test";
  commands.coverage = "deno test --coverage";
  return {
    id: "deno",
    path: dir,
    languages: ["typescript"],
    frameworks: [],
    packageManager: "deno",
    sourceDirs: reader.existingDirs(dir, ["src", "lib", "routes"]),
    testDirs: reader.existingDirs(dir, ["tests", "test"]),
    testFrameworks: [],
    moduleType: null,
    commands,
    frameworkVersions: {},
    dependencies: Object.keys(imports).length,
    devDependencies: 0,
  };
}
