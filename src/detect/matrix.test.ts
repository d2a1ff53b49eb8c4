/**
 * The detection matrix: one small project per ecosystem and framework, and several monorepo
 * shapes, each with its exact expected detection and no warnings.
 */
import { describe, expect, test } from "bun:test";
import { MemoryFileSystem } from "../fs/memory.ts";
import { detectStack } from "./index.ts";
import type { Ecosystem } from "./types.ts";

type Expected = Pick<Ecosystem, "id" | "path" | "languages" | "frameworks" | "packageManager" | "sourceDirs" | "testDirs" | "testFrameworks" | "moduleType">;

const node = (over: Partial<Expected> = {}): Expected => ({
  id: "node",
  path: ".",
  languages: ["javascript"],
  frameworks: [],
  packageManager: "npm",
  sourceDirs: [],
  testDirs: [],
  testFrameworks: [],
  moduleType: "commonjs",
  ...over,
});
const eco = (id: Ecosystem["id"], over: Partial<Expected>): Expected => ({
  id,
  path: ".",
  languages: [],
  frameworks: [],
  packageManager: null,
  sourceDirs: [],
  testDirs: [],
  testFrameworks: [],
  moduleType: null,
  ...over,
});
const pkg = (data: object) => JSON.stringify(data);

const MATRIX: ReadonlyArray<[string, Record<string, string>, Expected[]]> = [
  ["Next.js with pnpm (packageManager field)", { "package.json": pkg({ packageManager: "pnpm@9.1.0", dependencies: { next: "14", react: "18" } }) }, [node({ frameworks: ["next", "react"], packageManager: "pnpm" })]],
  ["React with Vite and Vitest, ESM, TypeScript", { "package.json": pkg({ type: "module", dependencies: { react: "18" }, devDependencies: { vitest: "2", typescript: "5" } }), "src/main.tsx": "", "tests/a.txt": "" }, [node({ languages: ["typescript"], frameworks: ["react"], sourceDirs: ["src"], testDirs: ["tests"], testFrameworks: ["vitest"], moduleType: "esm" })]],
  ["Vue with yarn", { "package.json": pkg({ dependencies: { vue: "3" } }), "yarn.lock": "" }, [node({ frameworks: ["vue"], packageManager: "yarn" })]],
  ["Nuxt with bun", { "package.json": pkg({ dependencies: { nuxt: "3", vue: "3" } }), "bun.lockb": "" }, [node({ frameworks: ["nuxt", "vue"], packageManager: "bun" })]],
  ["SvelteKit from devDependencies", { "package.json": pkg({ devDependencies: { "@sveltejs/kit": "2", svelte: "4" } }) }, [node({ frameworks: ["sveltekit", "svelte"] })]],
  ["Angular", { "package.json": pkg({ dependencies: { "@angular/core": "17" } }), "tsconfig.json": "{}" }, [node({ languages: ["typescript"], frameworks: ["angular"] })]],
  ["Astro", { "package.json": pkg({ dependencies: { astro: "4" } }) }, [node({ frameworks: ["astro"] })]],
  ["Remix", { "package.json": pkg({ dependencies: { "@remix-run/node": "2", react: "18" } }) }, [node({ frameworks: ["remix", "react"] })]],
  ["Express with Jest", { "package.json": pkg({ dependencies: { express: "4" }, devDependencies: { jest: "29" } }), "lib/app.js": "", "__tests__/a.txt": "" }, [node({ frameworks: ["express"], sourceDirs: ["lib"], testDirs: ["__tests__"], testFrameworks: ["jest"] })]],
  ["Fastify with Mocha", { "package.json": pkg({ dependencies: { fastify: "4" }, devDependencies: { mocha: "10" } }), "package-lock.json": "{}" }, [node({ frameworks: ["fastify"], testFrameworks: ["mocha"] })]],
  ["NestJS with Playwright", { "package.json": pkg({ dependencies: { "@nestjs/core": "10" }, devDependencies: { "@playwright/test": "1" } }) }, [node({ frameworks: ["nestjs"], testFrameworks: ["playwright"] })]],
  ["Electron", { "package.json": pkg({ devDependencies: { electron: "30" } }) }, [node({ frameworks: ["electron"] })]],
  ["Deno", { "deno.json": pkg({ imports: { "@std/assert": "jsr:@std/assert" } }), "src/mod.ts": "" }, [eco("deno", { languages: ["typescript"], packageManager: "deno", sourceDirs: ["src"] })]],
  ["Django with pip requirements", { "requirements.txt": "Django==5.0\n", "manage.py": "", "app/__init__.py": "" }, [eco("python", { languages: ["python"], frameworks: ["django"], packageManager: "pip", sourceDirs: ["app"] })]],
  ["Flask with Poetry and pytest", { "pyproject.toml": '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nflask = "^3"\n[tool.poetry.group.dev.dependencies]\npytest = "^8"\n', "tests/test_a.py": "" }, [eco("python", { languages: ["python"], frameworks: ["flask"], packageManager: "poetry", testDirs: ["tests"], testFrameworks: ["pytest"] })]],
  ["FastAPI with uv", { "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n', "uv.lock": "", "src/x/__init__.py": "" }, [eco("python", { languages: ["python"], frameworks: ["fastapi"], packageManager: "uv", sourceDirs: ["src"] })]],
  ["Pipenv with unittest", { Pipfile: '[packages]\nrequests = "*"\n', "test/test_a.py": "" }, [eco("python", { languages: ["python"], packageManager: "pipenv", testDirs: ["test"], testFrameworks: ["unittest"] })]],
  ["PDM", { "pyproject.toml": '[project]\nname = "x"\n[tool.pdm]\n' }, [eco("python", { languages: ["python"], packageManager: "pdm" })]],
  ["setup.py only", { "setup.py": "from setuptools import setup\n" }, [eco("python", { languages: ["python"], packageManager: "pip" })]],
  ["Rust crate", { "Cargo.toml": '[package]\nname = "x"\n', "src/main.rs": "", "tests/it.rs": "" }, [eco("rust", { languages: ["rust"], packageManager: "cargo", sourceDirs: ["src"], testDirs: ["tests"], testFrameworks: ["cargo-test"] })]],
  ["Go module", { "go.mod": "module example.com/x\n", "cmd/x/main.go": "", "internal/a/a.go": "" }, [eco("go", { languages: ["go"], packageManager: "go", sourceDirs: ["cmd", "internal"], testFrameworks: ["go-test"] })]],
  ["Flutter app", { "pubspec.yaml": "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n", "lib/main.dart": "", "test/a.dart": "" }, [eco("dart", { languages: ["dart"], frameworks: ["flutter"], packageManager: "pub", sourceDirs: ["lib"], testDirs: ["test"], testFrameworks: ["flutter-test"] })]],
  ["Plain Dart package", { "pubspec.yaml": "name: pkg\ndev_dependencies:\n  test: ^1.0.0\n", "lib/pkg.dart": "" }, [eco("dart", { languages: ["dart"], packageManager: "pub", sourceDirs: ["lib"] })]],
  [
    "Spring Boot with Maven",
    {
      "pom.xml": "<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version></parent><artifactId>shop</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency></dependencies></project>",
      "src/main/java/App.java": "",
      "src/test/java/AppTest.java": "",
    },
    [eco("jvm", { languages: ["java"], frameworks: ["spring"], packageManager: "maven", sourceDirs: ["src/main/java"], testDirs: ["src/test/java"], testFrameworks: ["junit"] })],
  ],
  [
    "Kotlin with Gradle",
    { "build.gradle.kts": 'plugins { kotlin("jvm") version "2.0.0" }\ndependencies {\n  testImplementation("org.junit.jupiter:junit-jupiter:5.10.0")\n}\n', "src/main/kotlin/App.kt": "" },
    [eco("jvm", { languages: ["kotlin"], packageManager: "gradle", sourceDirs: ["src/main/kotlin"], testFrameworks: ["junit"] })],
  ],
  ["Rails with RSpec", { Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngroup :test do\n  gem "rspec-rails"\nend\n', "app/models/a.rb": "", "spec/a_spec.rb": "" }, [eco("ruby", { languages: ["ruby"], frameworks: ["rails"], packageManager: "bundler", sourceDirs: ["app"], testDirs: ["spec"], testFrameworks: ["rspec"] })]],
  ["Laravel with PHPUnit", { "composer.json": pkg({ require: { "laravel/framework": "^11.0" }, "require-dev": { "phpunit/phpunit": "^11" } }), "app/a.php": "", "tests/a.php": "" }, [eco("php", { languages: ["php"], frameworks: ["laravel"], packageManager: "composer", sourceDirs: ["app"], testDirs: ["tests"], testFrameworks: ["phpunit"] })]],
  ["a .NET project", { "Shop.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" Version="3.0.0" /></ItemGroup></Project>', "src/a.cs": "" }, [eco("dotnet", { languages: ["csharp"], packageManager: "nuget", sourceDirs: ["src"] })]],
  ["a Swift package", { "Package.swift": "// swift-tools-version:5.9\nlet package = Package(name: \"x\")\n", "Sources/x/a.swift": "", "Tests/xTests/a.swift": "" }, [eco("swift", { languages: ["swift"], packageManager: "swiftpm", sourceDirs: ["Sources"], testDirs: ["Tests"] })]],
  [
    "npm workspaces: members inherit the root's package manager",
    {
      "package.json": pkg({ private: true, workspaces: ["packages/*"] }),
      "package-lock.json": "{}",
      "packages/ui/package.json": pkg({ dependencies: { react: "18" } }),
      "packages/ui/src/a.tsx": "",
      "packages/api/package.json": pkg({ dependencies: { express: "4" } }),
    },
    [node(), node({ path: "packages/api", frameworks: ["express"] }), node({ path: "packages/ui", frameworks: ["react"], sourceDirs: ["packages/ui/src"] })],
  ],
  [
    "pnpm workspace with an exclusion, and a Python service nothing declares",
    {
      "package.json": pkg({ private: true }),
      "pnpm-lock.yaml": "",
      "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - '!apps/legacy'\n",
      "apps/web/package.json": pkg({ dependencies: { next: "14" } }),
      "apps/legacy/package.json": pkg({}),
      "services/api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["fastapi"]\n',
      "services/api/uv.lock": "",
    },
    [
      node({ packageManager: "pnpm" }),
      node({ path: "apps/legacy", packageManager: "pnpm" }),
      node({ path: "apps/web", frameworks: ["next"], packageManager: "pnpm" }),
      eco("python", { path: "services/api", languages: ["python"], frameworks: ["fastapi"], packageManager: "uv" }),
    ],
  ],
  [
    "Cargo workspace",
    { "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n', "crates/core/Cargo.toml": '[package]\nname = "core"\n', "crates/core/src/lib.rs": "", "crates/cli/Cargo.toml": '[package]\nname = "cli"\n' },
    [
      eco("rust", { languages: ["rust"], packageManager: "cargo", testFrameworks: ["cargo-test"] }),
      eco("rust", { path: "crates/cli", languages: ["rust"], packageManager: "cargo", testFrameworks: ["cargo-test"] }),
      eco("rust", { path: "crates/core", languages: ["rust"], packageManager: "cargo", sourceDirs: ["crates/core/src"], testFrameworks: ["cargo-test"] }),
    ],
  ],
  [
    "go.work with two modules",
    { "go.work": "go 1.22\n\nuse (\n\t./api\n\t./worker\n)\n", "api/go.mod": "module x/api\n", "worker/go.mod": "module x/worker\n", "worker/internal/a.go": "" },
    [
      eco("go", { path: "api", languages: ["go"], packageManager: "go", testFrameworks: ["go-test"] }),
      eco("go", { path: "worker", languages: ["go"], packageManager: "go", sourceDirs: ["worker/internal"], testFrameworks: ["go-test"] }),
    ],
  ],
  [
    "Gradle multi-project",
    { "settings.gradle": "rootProject.name = 'shop'\ninclude ':app', ':libs:core'\n", "app/build.gradle": "plugins { id 'java' }\n", "libs/core/build.gradle": "plugins { id 'java' }\n" },
    [
      eco("jvm", { languages: ["java"], packageManager: "gradle" }),
      eco("jvm", { path: "app", languages: ["java"], packageManager: "gradle" }),
      eco("jvm", { path: "libs/core", languages: ["java"], packageManager: "gradle" }),
    ],
  ],
  [
    "Maven multi-module",
    { "pom.xml": "<project><artifactId>parent</artifactId><modules><module>api</module><module>core</module></modules></project>", "api/pom.xml": "<project><artifactId>api</artifactId></project>", "core/pom.xml": "<project><artifactId>core</artifactId></project>" },
    [
      eco("jvm", { languages: ["java"], packageManager: "maven" }),
      eco("jvm", { path: "api", languages: ["java"], packageManager: "maven" }),
      eco("jvm", { path: "core", languages: ["java"], packageManager: "maven" }),
    ],
  ],
  [
    "uv workspace (a Python monorepo)",
    {
      "pyproject.toml": '[project]\nname = "root"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
      "uv.lock": "",
      "packages/lib/pyproject.toml": '[project]\nname = "lib"\ndependencies = ["django"]\n',
    },
    [
      eco("python", { languages: ["python"], packageManager: "uv" }),
      eco("python", { path: "packages/lib", languages: ["python"], frameworks: ["django"], packageManager: "uv" }),
    ],
  ],
  [
    "nested projects are looked for three levels down, not in fixtures, dependencies or ignored folders",
    {
      ".gitignore": "ignored/\n",
      "a/b/c/package.json": pkg({}),
      "a/b/c/d/package.json": pkg({}),
      "tests/fixtures/app/package.json": pkg({}),
      "node_modules/dep/package.json": pkg({}),
      "ignored/x/go.mod": "module y\n",
    },
    [node({ path: "a/b/c" })],
  ],
];

describe("detectStack() matrix", () => {
  test.each(MATRIX)("%s", (_name, files, expected) => {
    const detection = detectStack(new MemoryFileSystem(files));
    expect(detection.warnings).toEqual([]);
    const actual = detection.stack.ecosystems.map(({ id, path, languages, frameworks, packageManager, sourceDirs, testDirs, testFrameworks, moduleType }) => ({
      id,
      path,
      languages,
      frameworks,
      packageManager,
      sourceDirs,
      testDirs,
      testFrameworks,
      moduleType,
    }));
    expect(actual).toEqual(expected);
  });
});

describe("malformed manifests", () => {
  test.each([
    ["pom.xml", "<project><artifactId>x</artifactId>\n<dependencies>\n</project>", "pom.xml: not valid XML (line"],
    ["pubspec.yaml", "name: x\n  bad: [\n", "pubspec.yaml: not valid YAML (line"],
    ["Cargo.toml", "[package\nname = 1\n", "Cargo.toml: not valid TOML (line 1"],
    ["composer.json", "{ \"require\": }", "composer.json: not valid JSON (line 1"],
  ])("%s that does not parse is a warning with its line, and detection continues", (file, content, warning) => {
    const detection = detectStack(new MemoryFileSystem({ [file]: content, "go.mod": "module ok\n" }));
    expect(detection.warnings).toHaveLength(1);
    expect(detection.warnings[0]).toContain(warning);
    expect(detection.stack.ecosystems.map((e) => e.id)).toContain("go");
  });
});
