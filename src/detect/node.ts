import { objectAt, ProjectReader, stringAt } from "./reader.ts";
import { noCommands, type Commands, type Ecosystem, type Framework, type PackageManager, type TestFramework } from "./types.ts";

/** Dependency name (exact, or a prefix ending in `/`) → framework. Order is the report order. */
const FRAMEWORKS: ReadonlyArray<readonly [string, Framework]> = [
  ["next", "next"],
  ["nuxt", "nuxt"],
  ["@sveltejs/kit", "sveltekit"],
  ["@remix-run/", "remix"],
  ["astro", "astro"],
  ["@angular/core", "angular"],
  ["react", "react"],
  ["vue", "vue"],
  ["svelte", "svelte"],
  ["@nestjs/core", "nestjs"],
  ["express", "express"],
  ["fastify", "fastify"],
  ["electron", "electron"],
];

const TEST_FRAMEWORKS: ReadonlyArray<readonly [string, TestFramework]> = [
  ["vitest", "vitest"],
  ["jest", "jest"],
  ["mocha", "mocha"],
  ["@playwright/test", "playwright"],
];

/** Lockfile → package manager, checked in this order when `packageManager` is not set. */
const LOCKFILES: ReadonlyArray<readonly [string, PackageManager]> = [
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

const SOURCE_DIRS = ["src", "app", "lib", "server", "client", "pages", "components"] as const;
const TEST_DIRS = ["test", "tests", "__tests__", "spec", "e2e"] as const;
const ESLINT_CONFIGS = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", ".eslintrc", ".eslintrc.js", ".eslintrc.cjs", ".eslintrc.json", ".eslintrc.yml", ".eslintrc.yaml"];
const BIOME_CONFIGS = ["biome.json", "biome.jsonc"];
const PRETTIER_CONFIGS = [".prettierrc", ".prettierrc.json", ".prettierrc.yml", ".prettierrc.yaml", ".prettierrc.js", ".prettierrc.cjs", ".prettierrc.mjs", "prettier.config.js", "prettier.config.mjs", "prettier.config.cjs"];

/** Detects a Node.js project in `dir` (a directory with package.json). */
export function detectNode(reader: ProjectReader, dir: string, parent: Ecosystem | null = null): Ecosystem | null {
  const manifestPath = ProjectReader.join(dir, "package.json");
  if (!reader.isFile(manifestPath)) return null;
  const manifest = reader.json(manifestPath) ?? {};
  const dependencies = objectAt(manifest, "dependencies");
  const devDependencies = objectAt(manifest, "devDependencies");
  const all: Record<string, unknown> = { ...objectAt(manifest, "peerDependencies"), ...dependencies, ...devDependencies };
  const names = Object.keys(all);
  const has = (pattern: string): string | undefined =>
    pattern.endsWith("/") ? names.find((name) => name.startsWith(pattern)) : names.includes(pattern) ? pattern : undefined;

  const frameworks: Framework[] = [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  for (const [pattern, framework] of FRAMEWORKS) {
    const name = has(pattern);
    if (name === undefined || frameworks.includes(framework)) continue;
    frameworks.push(framework);
    if (typeof all[name] === "string") frameworkVersions[framework] = all[name] as string;
  }
  const testFrameworks = TEST_FRAMEWORKS.filter(([pattern]) => has(pattern) !== undefined).map(([, id]) => id);
  const typescript = has("typescript") !== undefined || reader.isFile(ProjectReader.join(dir, "tsconfig.json"));
  // A workspace member without its own lockfile or packageManager field uses the root's manager.
  const packageManager = nodePackageManager(reader, dir, stringAt(manifest, "packageManager")) ?? parent?.packageManager ?? "npm";
  const scripts = objectAt(manifest, "scripts");
  const configured = (files: string[], pkg: string) =>
    has(pkg) !== undefined || files.some((file) => reader.isFile(ProjectReader.join(dir, file)));

  return {
    id: "node",
    path: dir,
    languages: [typescript ? "typescript" : "javascript"],
    frameworks,
    packageManager,
    sourceDirs: reader.existingDirs(dir, SOURCE_DIRS),
    testDirs: reader.existingDirs(dir, TEST_DIRS),
    testFrameworks,
    moduleType: stringAt(manifest, "type") === "module" ? "esm" : "commonjs",
    commands: nodeCommands({
      pm: packageManager,
      yarnBerry: packageManager === "yarn" && isYarnBerry(reader, dir, stringAt(manifest, "packageManager")),
      scripts: new Set(Object.keys(scripts)),
      typescript,
      eslint: configured(ESLINT_CONFIGS, "eslint"),
      biome: configured(BIOME_CONFIGS, "@biomejs/biome"),
      prettier: configured(PRETTIER_CONFIGS, "prettier") || "prettier" in manifest,
      testFrameworks,
    }),
    frameworkVersions,
    dependencies: Object.keys(dependencies).length,
    devDependencies: Object.keys(devDependencies).length,
  };
}

function nodePackageManager(reader: ProjectReader, dir: string, field: string | null): PackageManager | null {
  const declared = field?.split("@")[0];
  if (declared === "npm" || declared === "pnpm" || declared === "yarn" || declared === "bun") return declared;
  for (const [file, pm] of LOCKFILES) if (reader.isFile(ProjectReader.join(dir, file))) return pm;
  return null;
}

/** Yarn 2+ ("berry") has a different audit command than Yarn 1. */
function isYarnBerry(reader: ProjectReader, dir: string, field: string | null): boolean {
  const major = Number(field?.split("@")[1]?.split(".")[0]);
  if (Number.isFinite(major)) return major >= 2;
  // Yarn 2+ keeps its settings in .yarnrc.yml, in the package or at the workspace root.
  return reader.isFile(ProjectReader.join(dir, ".yarnrc.yml")) || reader.isFile(".yarnrc.yml");
}

interface NodeEvidence {
  pm: PackageManager;
  yarnBerry: boolean;
  scripts: Set<string>;
  typescript: boolean;
  eslint: boolean;
  biome: boolean;
  prettier: boolean;
  testFrameworks: TestFramework[];
}

/** How each package manager runs a script and a local binary. */
const RUNNERS: Record<string, { run: (script: string) => string; exec: string }> = {
  npm: { run: (s) => (s === "test" ? "npm test" : `npm run ${s}`), exec: "npx" },
  pnpm: { run: (s) => (s === "test" ? "pnpm test" : `pnpm run ${s}`), exec: "pnpm exec" },
  yarn: { run: (s) => `yarn ${s}`, exec: "yarn" },
  // `bun test` is Bun's own test runner, not the script, so scripts always go through `bun run`.
  bun: { run: (s) => `bun run ${s}`, exec: "bunx" },
};

/** How a package manager runs a package.json script (`npm run lint`, `yarn lint`, …). */
export function nodeScriptCommand(packageManager: string | null, script: string): string {
  return (RUNNERS[packageManager ?? "npm"] ?? RUNNERS.npm!).run(script);
}

/** Commands for a Node.js project: its own scripts first, then the tools it has configured. */
export function nodeCommands(evidence: NodeEvidence): Commands {
  const runner = RUNNERS[evidence.pm] ?? RUNNERS.npm!;
  const script = (name: string) => (evidence.scripts.has(name) ? runner.run(name) : null);
  const exec = (command: string) => `${runner.exec} ${command}`;
  const commands = noCommands();
  commands.install = `${evidence.pm} install`;
  commands.build = script("build");
  commands.typecheck = script("typecheck") ?? (evidence.typescript ? exec("tsc --noEmit") : null);
  commands.lint =
    script("lint") ?? (evidence.eslint ? exec("eslint .") : evidence.biome ? exec("biome lint .") : null);
  commands.lintFix =
    script("lint:fix") ?? (evidence.eslint ? exec("eslint . --fix") : evidence.biome ? exec("biome lint --write .") : null);
  commands.format =
    script("format:check") ?? script("format") ?? (evidence.prettier ? exec("prettier --check .") : evidence.biome ? exec("biome format .") : null);
  const framework = evidence.testFrameworks[0];
  commands.test =
    script("test") ??
    (framework === "vitest" ? exec("vitest run") : framework === "jest" ? exec("jest") : framework === "mocha" ? exec("mocha") : null);
  commands.coverage =
    script("coverage") ??
    script("test:coverage") ??
    (framework === "vitest" ? exec("vitest run --coverage") : framework === "jest" ? exec("jest --coverage") : null);
  commands.depAudit =
    evidence.pm === "yarn" ? (evidence.yarnBerry ? "yarn npm audit" : "yarn audit") : `${evidence.pm} audit`;
  return commands;
}
