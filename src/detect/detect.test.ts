import { describe, expect, test } from "bun:test";
import { resolve } from "node:path";
import { MemoryFileSystem } from "../fs/memory.ts";
import { RealFileSystem } from "../fs/real.ts";
import { hostOf, parseRemotes } from "./ci.ts";
import { detectStack } from "./index.ts";

const fixture = (name: string) => new RealFileSystem(resolve(import.meta.dir, "../../tests/fixtures", name));

describe("detectStack() on the fixtures", () => {
  test("node-next: Next.js and React from dependencies, pnpm from packageManager, ESM, vitest", () => {
    const { stack, projectName, warnings } = detectStack(fixture("node-next"));
    expect(warnings).toEqual([]);
    expect(projectName).toBe("storefront");
    const [node] = stack.ecosystems;
    expect(stack.ecosystems).toHaveLength(1);
    expect(node).toMatchObject({
      id: "node",
      path: ".",
      languages: ["typescript"],
      frameworks: ["next", "react"],
      packageManager: "pnpm",
      sourceDirs: ["src"],
      testDirs: ["tests"],
      testFrameworks: ["vitest"],
      moduleType: "esm",
      frameworkVersions: { next: "^14.2.0", react: "^18.3.0" },
      dependencies: 3,
      devDependencies: 3,
    });
    expect(node!.commands).toEqual({
      install: "pnpm install",
      build: "pnpm run build",
      typecheck: "pnpm exec tsc --noEmit",
      lint: "pnpm run lint",
      lintFix: "pnpm exec eslint . --fix",
      format: null,
      test: "pnpm test",
      coverage: "pnpm exec vitest run --coverage",
      depAudit: "pnpm audit",
    });
  });

  test("python-poetry: Django and pytest from Poetry groups, ruff configured, runner prefix", () => {
    const { stack, projectName } = detectStack(fixture("python-poetry"));
    expect(projectName).toBe("shop-api");
    expect(stack.ecosystems).toHaveLength(1);
    expect(stack.ecosystems[0]).toMatchObject({
      id: "python",
      languages: ["python"],
      frameworks: ["django"],
      packageManager: "poetry",
      sourceDirs: ["shop"],
      testDirs: ["tests"],
      testFrameworks: ["pytest"],
      moduleType: null,
      frameworkVersions: { django: "^5.0" },
      dependencies: 1,
      devDependencies: 3,
    });
    expect(stack.ecosystems[0]!.commands).toMatchObject({
      install: "poetry install",
      lint: "poetry run ruff check .",
      format: "poetry run ruff format --check .",
      test: "poetry run pytest",
      coverage: "poetry run pytest --cov",
      typecheck: null,
      depAudit: null,
    });
  });

  test("rust-cli: cargo with its test runner", () => {
    const { stack, projectName } = detectStack(fixture("rust-cli"));
    expect(projectName).toBe("grep-lite");
    expect(stack.ecosystems[0]).toMatchObject({
      id: "rust",
      packageManager: "cargo",
      sourceDirs: ["src"],
      testDirs: ["tests"],
      testFrameworks: ["cargo-test"],
      dependencies: 2,
      devDependencies: 1,
    });
    expect(stack.ecosystems[0]!.commands.lint).toBe("cargo clippy --all-targets -- -D warnings");
  });

  test("go-service: module name, cmd/internal sources, direct and indirect requirements", () => {
    const { stack, projectName } = detectStack(fixture("go-service"));
    expect(projectName).toBe("inventory");
    expect(stack.ecosystems[0]).toMatchObject({
      id: "go",
      packageManager: "go",
      sourceDirs: ["cmd", "internal"],
      testDirs: [],
      testFrameworks: ["go-test"],
      dependencies: 1,
      devDependencies: 1,
    });
    expect(stack.ecosystems[0]!.commands.lint).toBeNull();
  });

  test("flutter-app: Flutter, not plain Dart", () => {
    const { stack, projectName } = detectStack(fixture("flutter-app"));
    expect(projectName).toBe("field_notes");
    expect(stack.ecosystems[0]).toMatchObject({
      id: "dart",
      frameworks: ["flutter"],
      packageManager: "pub",
      sourceDirs: ["lib"],
      testDirs: ["test"],
      testFrameworks: ["flutter-test"],
      frameworkVersions: { flutter: ">=3.19.0" },
    });
    expect(stack.ecosystems[0]!.commands.test).toBe("flutter test");
  });

  test("an empty directory has no ecosystem and an unknown CI platform", () => {
    expect(detectStack(new MemoryFileSystem())).toEqual({ stack: { ecosystems: [], ciPlatform: "unknown" }, projectName: null, warnings: [] });
  });
});

describe("detectStack() details", () => {
  test("frameworks come from devDependencies too", () => {
    const fs = new MemoryFileSystem({ "package.json": JSON.stringify({ devDependencies: { electron: "30", "@remix-run/dev": "2" } }) });
    expect(detectStack(fs).stack.ecosystems[0]!.frameworks).toEqual(["remix", "electron"]);
  });

  test("package manager from lockfiles, with bun scripts always run through `bun run`", () => {
    const fs = new MemoryFileSystem({ "package.json": JSON.stringify({ scripts: { test: "bun test" } }), "bun.lock": "" });
    const node = detectStack(fs).stack.ecosystems[0]!;
    expect(node.packageManager).toBe("bun");
    expect(node.commands.test).toBe("bun run test");
    expect(node.moduleType).toBe("commonjs");
  });

  test("yarn 1 and yarn berry audit differently", () => {
    const classic = new MemoryFileSystem({ "package.json": "{}", "yarn.lock": "" });
    const berry = new MemoryFileSystem({ "package.json": JSON.stringify({ packageManager: "yarn@4.1.0" }) });
    expect(detectStack(classic).stack.ecosystems[0]!.commands.depAudit).toBe("yarn audit");
    expect(detectStack(berry).stack.ecosystems[0]!.commands.depAudit).toBe("yarn npm audit");
  });

  test("a malformed package.json is a warning naming file and line, and detection continues", () => {
    const fs = new MemoryFileSystem({ "package.json": '{\n  "name": "x",\n  "dependencies": {\n}\n', "Cargo.toml": '[package]\nname = "y"\n' });
    const { stack, warnings } = detectStack(fs);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^package\.json: not valid JSON \(line 5, column 1: .*\); detection continues without it$/);
    expect(stack.ecosystems.map((e) => e.id)).toEqual(["node", "rust"]);
  });

  test("a malformed pyproject.toml is a warning with its line", () => {
    const fs = new MemoryFileSystem({ "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n' });
    const { warnings, stack } = detectStack(fs);
    expect(warnings[0]).toContain("pyproject.toml: not valid TOML (line");
    expect(stack.ecosystems[0]!.id).toBe("python");
  });

  test("several ecosystems at the root are all reported", () => {
    const fs = new MemoryFileSystem({ "package.json": "{}", "requirements.txt": "flask==3.0\n", "go.mod": "module x\n" });
    const { stack } = detectStack(fs);
    expect(stack.ecosystems.map((e) => e.id)).toEqual(["node", "python", "go"]);
    expect(stack.ecosystems[1]!.frameworks).toEqual(["flask"]);
    expect(stack.ecosystems[1]!.packageManager).toBe("pip");
  });

  test("a uv project with FastAPI in PEP 621 dependencies", () => {
    const fs = new MemoryFileSystem({
      "pyproject.toml": '[project]\nname = "api"\ndependencies = ["FastAPI[standard]>=0.110; python_version>\'3.9\'"]\n[dependency-groups]\ndev = ["pytest>=8"]\n',
      "uv.lock": "",
    });
    const python = detectStack(fs).stack.ecosystems[0]!;
    expect(python).toMatchObject({ packageManager: "uv", frameworks: ["fastapi"], testFrameworks: ["pytest"], frameworkVersions: { fastapi: ">=0.110" } });
    expect(python.commands.test).toBe("uv run pytest");
  });
});

describe("CI platform from git remotes", () => {
  test("origin on GitHub", () => {
    const fs = new MemoryFileSystem({ ".git/config": '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n' });
    expect(detectStack(fs).stack.ciPlatform).toBe("github");
  });

  test("a self-hosted GitLab, with origin preferred over other remotes", () => {
    const config = '[remote "upstream"]\n\turl = https://github.com/a/b\n[remote "origin"]\n\turl = ssh://git@gitlab.example.com:2222/team/app.git\n';
    expect(detectStack(new MemoryFileSystem({ ".git/config": config })).stack.ciPlatform).toBe("gitlab");
  });

  test("a host that merely contains 'github' in its path is not GitHub", () => {
    const config = '[remote "origin"]\n\turl = https://git.example.com/github.com/mirror.git\n';
    expect(detectStack(new MemoryFileSystem({ ".git/config": config })).stack.ciPlatform).toBe("unknown");
  });

  test("parses remote sections and URL forms", () => {
    expect(parseRemotes('[remote "a"]\nurl = x\n[branch "main"]\nurl = y\n')).toEqual(new Map([["a", "x"]]));
    expect(hostOf("https://user@GitHub.com/a/b")).toBe("github.com");
    expect(hostOf("git@gitlab.com:a/b.git")).toBe("gitlab.com");
    expect(hostOf("/local/path")).toBeNull();
  });
});
