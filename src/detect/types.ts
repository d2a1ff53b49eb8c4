/**
 * The vocabulary of detection (PRODUCT.md §4.1). These identifiers appear in `--json`, in the
 * manifest and in templates; every module uses these and only these.
 */
export const ECOSYSTEM_IDS = ["node", "deno", "python", "rust", "go", "dart", "jvm", "ruby", "php", "dotnet", "swift"] as const;
export type EcosystemId = (typeof ECOSYSTEM_IDS)[number];

export const LANGUAGES = [
  "javascript",
  "typescript",
  "python",
  "rust",
  "go",
  "dart",
  "java",
  "kotlin",
  "ruby",
  "php",
  "csharp",
  "swift",
] as const;
export type Language = (typeof LANGUAGES)[number];

export const FRAMEWORKS = [
  "next",
  "react",
  "vue",
  "nuxt",
  "svelte",
  "sveltekit",
  "angular",
  "astro",
  "remix",
  "express",
  "fastify",
  "nestjs",
  "electron",
  "django",
  "flask",
  "fastapi",
  "flutter",
  "spring",
  "rails",
  "laravel",
] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const PACKAGE_MANAGERS = [
  "npm",
  "pnpm",
  "yarn",
  "bun",
  "deno",
  "pip",
  "poetry",
  "uv",
  "pipenv",
  "pdm",
  "cargo",
  "go",
  "pub",
  "maven",
  "gradle",
  "bundler",
  "composer",
  "nuget",
  "swiftpm",
] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const TEST_FRAMEWORKS = [
  "jest",
  "vitest",
  "mocha",
  "playwright",
  "pytest",
  "unittest",
  "cargo-test",
  "go-test",
  "junit",
  "rspec",
  "phpunit",
  "flutter-test",
] as const;
export type TestFramework = (typeof TEST_FRAMEWORKS)[number];

export type ModuleType = "esm" | "commonjs";
export type CiPlatform = "github" | "gitlab" | "unknown";

/**
 * The commands a project uses for each gate phase (METHODOLOGY.md §0.2). `null` means no such
 * command was detected; templates say so in words instead of inventing one.
 */
export interface Commands {
  install: string | null;
  build: string | null;
  typecheck: string | null;
  lint: string | null;
  lintFix: string | null;
  format: string | null;
  test: string | null;
  coverage: string | null;
  depAudit: string | null;
}

/** One detected ecosystem. Directories are relative to the project root. */
export interface Ecosystem {
  id: EcosystemId;
  /** The member's directory relative to the root; `.` for the root. */
  path: string;
  languages: Language[];
  frameworks: Framework[];
  packageManager: PackageManager | null;
  sourceDirs: string[];
  testDirs: string[];
  testFrameworks: TestFramework[];
  /** Only for node; null elsewhere. */
  moduleType: ModuleType | null;
  commands: Commands;
  /** Declared versions of the detected frameworks, from the manifest (`{"next": "^14.2.0"}`). */
  frameworkVersions: Partial<Record<Framework, string>>;
  /** Dependency counts from the manifest. */
  dependencies: number;
  devDependencies: number;
}

export interface Stack {
  ecosystems: Ecosystem[];
  ciPlatform: CiPlatform;
}

/** What detection found plus the warnings it raised (malformed manifests, …). */
export interface Detection {
  stack: Stack;
  /** The project's name from its main manifest (package.json, pyproject.toml, …), if it declares one. */
  projectName: string | null;
  warnings: string[];
}

/** Human-readable names for ecosystems, frameworks and tools, used in summaries and templates. */
export const LABELS: Record<string, string> = {
  node: "Node.js",
  deno: "Deno",
  python: "Python",
  rust: "Rust",
  go: "Go",
  dart: "Dart",
  jvm: "JVM",
  ruby: "Ruby",
  php: "PHP",
  dotnet: ".NET",
  swift: "Swift",
  javascript: "JavaScript",
  typescript: "TypeScript",
  java: "Java",
  kotlin: "Kotlin",
  csharp: "C#",
  next: "Next.js",
  react: "React",
  vue: "Vue",
  nuxt: "Nuxt",
  svelte: "Svelte",
  sveltekit: "SvelteKit",
  angular: "Angular",
  astro: "Astro",
  remix: "Remix",
  express: "Express",
  fastify: "Fastify",
  nestjs: "NestJS",
  electron: "Electron",
  django: "Django",
  flask: "Flask",
  fastapi: "FastAPI",
  flutter: "Flutter",
  spring: "Spring",
  rails: "Rails",
  laravel: "Laravel",
  npm: "npm",
  pnpm: "pnpm",
  yarn: "Yarn",
  bun: "Bun",
  pip: "pip",
  poetry: "Poetry",
  uv: "uv",
  pipenv: "Pipenv",
  pdm: "PDM",
  cargo: "Cargo",
  pub: "pub",
  maven: "Maven",
  gradle: "Gradle",
  bundler: "Bundler",
  composer: "Composer",
  nuget: "NuGet",
  swiftpm: "SwiftPM",
  jest: "Jest",
  vitest: "Vitest",
  mocha: "Mocha",
  playwright: "Playwright",
  pytest: "pytest",
  unittest: "unittest",
  "cargo-test": "cargo test",
  "go-test": "go test",
  junit: "JUnit",
  rspec: "RSpec",
  phpunit: "PHPUnit",
  "flutter-test": "flutter_test",
  esm: "ES modules",
  commonjs: "CommonJS",
  github: "GitHub Actions",
  gitlab: "GitLab CI",
};

/** The label of an identifier, or the identifier itself. */
export function label(id: string): string {
  return LABELS[id] ?? id;
}

/** All-null commands, the starting point of every ecosystem's command table. */
export function noCommands(): Commands {
  return {
    install: null,
    build: null,
    typecheck: null,
    lint: null,
    lintFix: null,
    format: null,
    test: null,
    coverage: null,
    depAudit: null,
  };
}

/** One line describing an ecosystem: "TypeScript · Next.js, React · pnpm". */
export function ecosystemSummary(ecosystem: Ecosystem): string {
  const parts = [ecosystem.languages.map(label).join(", ")];
  if (ecosystem.frameworks.length > 0) parts.push(ecosystem.frameworks.map(label).join(", "));
  // "Go · go" says nothing twice: the package manager is named only when it differs from the language.
  const manager = ecosystem.packageManager ? label(ecosystem.packageManager) : null;
  if (manager && !ecosystem.languages.some((language) => label(language).toLowerCase() === manager.toLowerCase())) parts.push(manager);
  return parts.join(" · ");
}
