/**
 * The CI templates of PRODUCT.md §6 (templates/ci/*.eta), rendered for every stack fixture and for
 * hand-made projects of the other ecosystems, checked with the real actionlint, shellcheck and
 * GitLab's structural rules, and with the coverage gates' shell checks run on sample reports.
 */
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { detectStack } from "../../src/detect/index.ts";
import type { Stack } from "../../src/detect/types.ts";
import { MemoryFileSystem } from "../../src/fs/memory.ts";
import { buildContext } from "../../src/templates/context.ts";
import { Renderer } from "../../src/templates/render.ts";
import { embeddedTemplates } from "../../src/templates/source.ts";
import { withTooling } from "../../src/tooling/commands.ts";
import { GITLAB_INCLUDE, toolingLayout } from "../../src/tooling/layout.ts";
import { recommendedTools, type CiChoice } from "../../src/tooling/tools.ts";
import { fixtureFiles } from "../support/fixtures.ts";
import {
  actionlintAccepts,
  gitlabCiLooksValid,
  gitlabScripts,
  SHELLCHECK_AVAILABLE,
  shellcheckAccepts,
  unknownActionInputs,
  workflowScripts,
} from "./ci-validate.ts";

const FIXTURES = ["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"];

/** Small projects for the ecosystems and package managers the fixtures do not cover. */
const PROJECTS: Record<string, Record<string, string>> = {
  "jvm-maven": {
    "pom.xml":
      "<project><modelVersion>4.0.0</modelVersion><groupId>shop</groupId><artifactId>app</artifactId><version>1</version>" +
      "<build><plugins><plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId></plugin></plugins></build></project>",
    mvnw: "#!/bin/sh\n",
    "src/main/java/App.java": "class App {}\n",
  },
  "jvm-gradle": {
    "build.gradle.kts": 'plugins {\n  kotlin("jvm") version "2.0.0"\n  jacoco\n}\n',
    "settings.gradle.kts": 'rootProject.name = "app"\n',
    "src/main/kotlin/App.kt": "fun main() {}\n",
  },
  ruby: {
    Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngroup :development, :test do\n  gem "rspec-rails"\n  gem "rubocop"\n  gem "simplecov"\nend\n',
    "Gemfile.lock": "",
  },
  php: { "composer.json": JSON.stringify({ require: { php: "^8.2" }, "require-dev": { "phpunit/phpunit": "^11.0", "phpstan/phpstan": "^1.11" } }) },
  "php-pest": { "composer.json": JSON.stringify({ "require-dev": { "pestphp/pest": "^3.0" } }) },
  dotnet: { "Shop.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit" Version="2.9.0" /></ItemGroup></Project>' },
  deno: { "deno.json": JSON.stringify({ tasks: { test: "deno test --allow-read" } }), "deno.lock": "{}" },
  swift: { "Package.swift": '// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "Kit")\n', ".swiftlint.yml": "" },
  dart: { "pubspec.yaml": "name: tool\nenvironment:\n  sdk: ^3.3.0\ndev_dependencies:\n  test: ^1.25.0\n" },
  "node-npm-jest": { "package.json": JSON.stringify({ name: "api", scripts: { test: "jest" }, devDependencies: { jest: "^29.7.0" } }) },
  "node-yarn-mocha": { "package.json": JSON.stringify({ name: "lib", scripts: { test: "mocha" }, devDependencies: { mocha: "^10.0.0" } }), "yarn.lock": "" },
  "node-bun": { "package.json": JSON.stringify({ name: "cli", scripts: { build: "bun build src/index.ts" } }), "bun.lock": "" },
  "python-uv": { "pyproject.toml": '[project]\nname = "api"\n[dependency-groups]\ndev = ["pytest", "pytest-cov"]\n', "uv.lock": "" },
  "python-pip": { "requirements.txt": "flask\npytest\n", "tests/conftest.py": "" },
  "python-pipenv": { Pipfile: '[packages]\nflask = "*"\n[dev-packages]\npytest = "*"\n' },
  "python-pdm": { "pyproject.toml": '[project]\nname = "tool"\n[tool.pdm]\n', "pdm.lock": "", "tests/test_tool.py": "" },
  monorepo: {
    "apps/web/package.json": JSON.stringify({ name: "web", packageManager: "pnpm@9.12.0", scripts: { build: "vite build", test: "vitest run" }, devDependencies: { vitest: "^2.0.0", typescript: "^5.5.0" } }),
    "apps/web/pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
    "services/api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["fastapi"]\n[dependency-groups]\ndev = ["pytest", "pytest-cov", "ruff"]\n',
    "services/api/uv.lock": "",
  },
  "spaces-in-path": {
    "tools/site builder/package.json": JSON.stringify({ name: "builder", scripts: { test: "vitest run" }, devDependencies: { vitest: "^2.0.0" } }),
    "tools/site builder/package-lock.json": "{}",
  },
  "node-and-python-at-root": {
    "package.json": JSON.stringify({ name: "site", scripts: { build: "vite build" } }),
    "package-lock.json": "{}",
    "pyproject.toml": '[project]\nname = "site"\n[dependency-groups]\ndev = ["pytest"]\n',
  },
};

const CASES = [...FIXTURES, ...Object.keys(PROJECTS)];
const renderer = new Renderer(embeddedTemplates());

function filesOf(name: string): Record<string, string | Uint8Array> {
  return name in PROJECTS ? PROJECTS[name]! : fixtureFiles(name);
}

function stackOf(name: string): { stack: Stack; projectName: string } {
  const detection = detectStack(new MemoryFileSystem(filesOf(name)));
  return { stack: detection.stack, projectName: detection.projectName ?? name };
}

interface RenderOptions {
  threshold?: number;
  /** "recommended": what `--lint` chooses; "none": no lint tools (only detected commands). */
  lint?: "recommended" | "none";
  /** The project has a .gitlab-ci.yml of its own, so the GitLab pipeline is an include file. */
  ownGitlabCi?: boolean;
}

/**
 * A CI template rendered for a project the way deploy renders it (src/commands/render.ts): the
 * tooling layout, the stack with the chosen tools' commands, the context, and the real renderer,
 * which refuses unrendered output.
 */
function render(template: "github" | "gitlab" | "generic", name: string, options: RenderOptions = {}): string {
  const files = { ...filesOf(name), ...(options.ownGitlabCi ? { ".gitlab-ci.yml": "test:\n  script: [make test]\n" } : {}) };
  const fs = new MemoryFileSystem(files);
  const detection = detectStack(fs);
  const ci: CiChoice = template;
  const tooling = { lint: options.lint === "none" ? [] : recommendedTools(detection.stack.ecosystems), ci };
  const layout = toolingLayout(fs, detection.stack.ecosystems, tooling, new Set());
  const context = buildContext({
    projectName: detection.projectName ?? name,
    version: "9.9.9",
    deployDate: "2026-03-04",
    commandFormat: "skills",
    gitignore: "shared",
    coverageThreshold: options.threshold ?? 80,
    stack: withTooling(detection.stack, tooling.lint, layout),
    metrics: null,
    ciChosen: true,
    tooling,
    layout,
  });
  return renderer.render(`ci/${template}.yml.eta`, context);
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { branches: string[] }; pull_request: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { name: string; "runs-on": string; defaults?: { run: { "working-directory"?: string } }; steps: Step[] }>;
}
const workflowOf = (name: string, options: RenderOptions = {}) => parse(render("github", name, options)) as Workflow;
const gateStep = (job: Workflow["jobs"][string]) => job.steps.find((step) => step.name?.startsWith("Coverage gate"));

/** Projects whose stacks have a gate the CI enforces, and the ones that leave it to the project. */
const GATED = ["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "php", "php-pest", "deno", "node-npm-jest", "python-uv", "monorepo"];
const UNGATED = ["jvm-maven", "jvm-gradle", "ruby", "dotnet", "swift", "dart", "node-yarn-mocha", "node-bun", "python-pip", "python-pipenv", "python-pdm"];

describe("the GitHub Actions workflow (templates/ci/github.yml.eta)", () => {
  test.each(CASES)("%s: actionlint accepts it and every action input it passes exists", async (name) => {
    for (const lint of ["recommended", "none"] as const) {
      const text = render("github", name, { lint });
      expect({ lint, problems: await actionlintAccepts(text) }).toEqual({ lint, problems: [] });
      expect({ lint, problems: unknownActionInputs(text) }).toEqual({ lint, problems: [] });
    }
  });

  test.skipIf(!SHELLCHECK_AVAILABLE).each(CASES)("%s: every run step passes shellcheck", (name) => {
    const problems = workflowScripts(render("github", name)).flatMap(({ where, script }) => shellcheckAccepts(script).map((p) => `${where}: ${p}`));
    expect(problems).toEqual([]);
  });

  test.each(CASES)("%s: has one job per detected ecosystem, run in its directory", (name) => {
    const { stack } = stackOf(name);
    const jobs = Object.values(workflowOf(name).jobs);
    expect(jobs).toHaveLength(Math.max(1, stack.ecosystems.length));
    stack.ecosystems.forEach((ecosystem, index) => {
      const job = jobs[index]!;
      expect(job.defaults?.run["working-directory"]).toBe(ecosystem.path === "." ? undefined : ecosystem.path);
      expect(job.steps[0]!.uses).toBe("actions/checkout@v4");
      expect(job["runs-on"]).toBe(ecosystem.id === "swift" ? "macos-latest" : "ubuntu-latest");
    });
  });

  test("runs on pushes to the default branch and on pull requests, reads only, and cancels superseded runs", () => {
    const workflow = workflowOf("node-next");
    expect(workflow.on.push.branches).toEqual(["main", "master"]);
    expect("pull_request" in workflow.on).toBe(true);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.concurrency).toEqual({ group: "${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": true });
  });

  test("sets up each ecosystem with its official action and a dependency cache", () => {
    const uses = (name: string) => Object.values(workflowOf(name).jobs).flatMap((job) => job.steps.map((step) => step.uses).filter(Boolean));
    expect(uses("node-next")).toEqual(["actions/checkout@v4", "pnpm/action-setup@v4", "actions/setup-node@v4"]);
    expect(workflowOf("node-next").jobs.node!.steps[2]!.with).toEqual({
      "node-version": 22,
      cache: "${{ hashFiles('pnpm-lock.yaml') != '' && 'pnpm' || '' }}",
      "cache-dependency-path": "pnpm-lock.yaml",
    });
    expect(uses("python-poetry")).toEqual(["actions/checkout@v4", "actions/setup-python@v5"]);
    expect(uses("python-uv")).toContain("astral-sh/setup-uv@v6");
    expect(uses("rust-cli")).toEqual(["actions/checkout@v4", "dtolnay/rust-toolchain@stable", "Swatinem/rust-cache@v2", "taiki-e/install-action@cargo-llvm-cov"]);
    expect(uses("go-service")).toEqual(["actions/checkout@v4", "actions/setup-go@v5", "golangci/golangci-lint-action@v8"]);
    expect(uses("flutter-app")).toEqual(["actions/checkout@v4", "subosito/flutter-action@v2"]);
    expect(uses("jvm-maven")).toEqual(["actions/checkout@v4", "actions/setup-java@v4"]);
    expect(uses("ruby")).toEqual(["actions/checkout@v4", "ruby/setup-ruby@v1"]);
    expect(uses("php")).toEqual(["actions/checkout@v4", "shivammathur/setup-php@v2", "actions/cache@v4"]);
    expect(uses("dotnet")).toEqual(["actions/checkout@v4", "actions/setup-dotnet@v4", "actions/cache@v4"]);
    expect(uses("deno")).toEqual(["actions/checkout@v4", "denoland/setup-deno@v2"]);
    expect(uses("node-bun")).toEqual(["actions/checkout@v4", "oven-sh/setup-bun@v2", "actions/setup-node@v4", "actions/cache@v4"]);
  });

  test("a pnpm project below the root without a root package.json takes pnpm's version from its own package.json", () => {
    const web = workflowOf("monorepo").jobs["node-apps-web"]!;
    expect(web.steps[1]).toEqual({ uses: "pnpm/action-setup@v4", with: { package_json_file: "apps/web/package.json" } });
    expect(web.steps[2]!.with!["cache-dependency-path"]).toBe("apps/web/pnpm-lock.yaml\npnpm-lock.yaml\n");
    expect(workflowOf("monorepo").jobs["python-services-api"]!.defaults?.run["working-directory"]).toBe("services/api");
  });

  test("runs install, lint, format and type checks, build and test with the commands of the project and its lint tools", () => {
    const steps = workflowOf("node-next").jobs.node!.steps.filter((step) => step.run !== undefined);
    expect(steps.map((step) => [step.name, step.run])).toEqual([
      ["Install", "pnpm install"],
      ["Format check", "pnpm run format:check"],
      ["Lint", "pnpm run lint"],
      ["Type-check", "pnpm exec tsc --noEmit"],
      ["Build", "pnpm run build"],
      ["Test", "pnpm test"],
      ["Coverage gate (80% of lines)", "pnpm exec vitest run --coverage --coverage.thresholds.lines=80"],
    ]);
  });

  test("leaves out a step whose command was not detected, and says so", () => {
    const text = render("github", "python-poetry", { lint: "none" });
    const names = Object.values((parse(text) as Workflow).jobs)[0]!.steps.map((step) => step.name);
    expect(names).not.toContain("Build");
    expect(names).toContain("Lint"); // ruff is configured in the fixture itself
    expect(text).toContain("# not detected, so left out: build;");
    const pipText = render("github", "python-pip", { lint: "none" });
    expect(Object.values((parse(pipText) as Workflow).jobs)[0]!.steps.map((step) => step.name)).not.toContain("Lint");
    expect(pipText).toContain("# not detected, so left out: lint, build;");
  });

  test("a project with no detected ecosystem gets a checkout and a comment on what to add", async () => {
    const text = render("github", "empty");
    const workflow = parse(text) as Workflow;
    expect(Object.keys(workflow.jobs)).toEqual(["checks"]);
    expect(workflow.jobs.checks!.steps[0]!.uses).toBe("actions/checkout@v4");
    expect(text).toContain("trinity detected no ecosystem here");
    expect(await actionlintAccepts(text)).toEqual([]);
  });
});

describe("the CI validators catch what they are for", () => {
  test("actionlint reports a broken workflow", async () => {
    const good = render("github", "node-next");
    const broken = {
      "a job without runs-on": good.replace("    runs-on: ubuntu-latest\n", ""),
      "an unknown context in an expression": good.replace("${{ github.ref }}", "${{ github.reff }}"),
      "a job that needs a missing job": good.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    needs: build\n"),
      "an unknown job key": good.replace("    timeout-minutes: 30\n", "    timeout: 30\n"),
    };
    for (const [what, text] of Object.entries(broken)) {
      expect({ what, reported: (await actionlintAccepts(text)).length > 0 }).toEqual({ what, reported: true });
    }
  });

  test("unknownActionInputs reports a misspelt input and an action it has no record of", () => {
    const good = render("github", "node-next");
    expect(unknownActionInputs(good.replace("node-version: 22", "node_version: 22"))).toEqual(['node: actions/setup-node@v4 has no input "node_version"']);
    expect(unknownActionInputs(good.replace("actions/setup-node@v4", "actions/setup-node@v9"))[0]).toContain("actions/setup-node@v9 is not in ACTION_INPUTS");
  });

  test.each([
    ["a duplicate key", (t: string) => t.replace("  stage: test\n", "  stage: test\n  stage: build\n"), "Map keys must be unique"],
    ["script as a string", (t: string) => t.replace(/  script:\n    - pnpm install\n/, "  script: pnpm install\n  after_script:\n    - pnpm install\n"), "script must be a non-empty list of strings"],
    ["a stage missing from stages", (t: string) => `stages: [build]\n${t}`, "stage test is not one of"],
    ["a job without an image", (t: string) => t.replace("  image: node:22\n", ""), "image is missing"],
    ["an unknown job keyword", (t: string) => t.replace("  interruptible: true\n", "  interruptable: true\n"), "unknown keyword interruptable"],
    ["a boolean variable", (t: string) => t.replace('COREPACK_ENABLE_DOWNLOAD_PROMPT: "0"', "COREPACK_ENABLE_DOWNLOAD_PROMPT: no"), "must be a string or a number"],
    ["a cache outside the project", (t: string) => t.replace("      - .pnpm-store/\n", "      - /root/.pnpm-store/\n"), "outside the project directory"],
  ])("gitlabCiLooksValid reports %s", (_what, breakIt, message) => {
    const good = render("gitlab", "node-next");
    expect(gitlabCiLooksValid(good)).toEqual([]);
    expect(gitlabCiLooksValid(breakIt(good)).join("\n")).toContain(message);
  });

  test("gitlabCiLooksValid refuses an include file that would change the including pipeline", () => {
    const standalone = render("gitlab", "node-next");
    const problems = gitlabCiLooksValid(`stages: [test]\nvariables:\n  CI: "1"\n${standalone}`, { included: true });
    expect(problems).toContain("stages: an included file must not set it (it changes the including pipeline)");
    expect(problems).toContain("variables: an included file must not set it (it changes the including pipeline)");
    expect(problems.join("\n")).toContain('job node: an included job name must start with "trinity-"');
  });
});

describe("the coverage gates", () => {
  test.each(GATED)("%s: every gate carries the threshold and follows it when it changes", (name) => {
    const at80 = workflowOf(name, { threshold: 80 });
    const at67 = workflowOf(name, { threshold: 67 });
    for (const [key, job] of Object.entries(at80.jobs)) {
      const gate80 = gateStep(job);
      const gate67 = gateStep(at67.jobs[key]!);
      expect({ key, gate: gate80?.name }).toEqual({ key, gate: expect.stringMatching(/^Coverage gate \(80% of (lines|statements)\)$/) });
      expect(gate80!.run).toMatch(/\b80\b/);
      expect(gate67!.run).toMatch(/\b67\b/);
      expect(gate67!.run!.replaceAll("67", "80")).toBe(gate80!.run!);
    }
    const gitlab = render("gitlab", name, { threshold: 67 });
    const generic = parse(render("generic", name, { threshold: 67 })) as { coverage_threshold: number; ecosystems: Array<{ coverage_gate: { minimum: number; run: string[] } }> };
    expect(generic.coverage_threshold).toBe(67);
    for (const ecosystem of generic.ecosystems) {
      expect(ecosystem.coverage_gate.minimum).toBe(67);
      expect(ecosystem.coverage_gate.run.join("\n")).toMatch(/\b67\b/);
      for (const line of ecosystem.coverage_gate.run) expect(gitlab).toContain(line);
    }
  });

  test.each(UNGATED)("%s: runs no gate and says, with the threshold, that the gate is the project's to add", (name) => {
    for (const template of ["github", "gitlab"] as const) {
      // comments are wrapped at about 100 characters; read them as one line
      const text = render(template, name, { threshold: 73 }).replace(/\n *# /g, " ");
      expect(text).toContain("Coverage: no dependable coverage gate for this stack yet");
      expect(text).toMatch(/the 73% gate is the project's to add: .*(73|0\.73)/);
      expect(text).not.toContain("Coverage gate (");
    }
    const generic = parse(render("generic", name, { threshold: 73 })) as { ecosystems: Array<{ coverage_gate: { minimum: number; run?: unknown; note: string } }> };
    expect(generic.ecosystems[0]!.coverage_gate.minimum).toBe(73);
    expect(generic.ecosystems[0]!.coverage_gate.run).toBeUndefined();
    expect(generic.ecosystems[0]!.coverage_gate.note).toContain("the 73% gate is the project's to add");
  });

  test("the tool-enforced gates pass the threshold to the tool's own option", () => {
    const gate = (name: string, key: string) => gateStep(workflowOf(name, { threshold: 85 }).jobs[key]!)!.run;
    expect(gate("node-next", "node")).toBe("pnpm exec vitest run --coverage --coverage.thresholds.lines=85");
    expect(gate("node-npm-jest", "node")).toBe(`npx jest --coverage --coverageThreshold='{"global":{"lines":85}}'`);
    expect(gate("python-poetry", "python")).toBe("poetry run pytest --cov --cov-fail-under=85");
    expect(gate("python-uv", "python")).toBe("uv run pytest --cov --cov-fail-under=85");
    expect(gate("rust-cli", "rust")).toBe("cargo llvm-cov --fail-under-lines 85");
    expect(gate("php-pest", "php")).toBe("vendor/bin/pest --coverage --min=85");
  });

  const lcov = (hit: number, total: number) =>
    `TN:\nSF:lib/main.dart\n${Array.from({ length: total }, (_, i) => `DA:${i + 1},${i < hit ? 3 : 0}`).join("\n")}\nLF:${total}\nLH:${hit}\nend_of_record\n`;

  test.each([
    ["flutter-app", "dart", "coverage/lcov.info"],
    ["deno", "deno", "coverage.lcov"],
  ])("%s: the lcov check passes at the threshold and fails below it", (name, key, report) => {
    const check = gateStep(workflowOf(name).jobs[key]!)!.run!.trimEnd().split("\n").at(-1)!;
    expect(runCheck(check, { [report]: lcov(4, 5) })).toMatchObject({ status: 0, stdout: "line coverage 80.0% (minimum 80%)\n" });
    expect(runCheck(check, { [report]: lcov(3, 5) })).toMatchObject({ status: 1, stdout: "line coverage 60.0% (minimum 80%)\n" });
    expect(runCheck(check, { [report]: "TN:\nend_of_record\n" }).status).toBe(1);
  });

  test("go-service: the Go check reads the total of go tool cover", () => {
    const check = gateStep(workflowOf("go-service").jobs.go!)!.run!.split("\n")[1]!;
    const fakeGo = (total: string) => `#!/bin/sh\nprintf 'example.com/x/main.go:5:\\tmain\\t\\t100.0%%\\ntotal:\\t\\t\\t(statements)\\t${total.replace("%", "%%")}\\n'\n`;
    expect(runCheck(check, {}, { go: fakeGo("80.0%") })).toMatchObject({ status: 0, stdout: "statement coverage 80.0% (minimum 80%)\n" });
    expect(runCheck(check, {}, { go: fakeGo("79.9%") }).status).toBe(1);
    expect(runCheck(check, {}, { go: "#!/bin/sh\nexit 1\n" }).status).toBe(1);
  });

  test("php: the PHPUnit check reads the line summary of --coverage-text", () => {
    const check = gateStep(workflowOf("php").jobs.php!)!.run!.split("\n")[1]!;
    const report = (lines: string) =>
      `\n\nCode Coverage Report:\n  2026-03-04 05:06:07\n\n Summary:\n  Classes: 50.00% (1/2)\n  Methods: 75.00% (3/4)\n  Lines:   ${lines}\n\nApp\\Cart\n  Methods:  50.00% ( 1/ 2)   Lines:  10.00% (  1/ 10)\n`;
    expect(runCheck(check, { "coverage.txt": report("81.25% (13/16)") })).toMatchObject({ status: 0, stdout: "line coverage 81.25% (minimum 80%)\n" });
    expect(runCheck(check, { "coverage.txt": report("75.00% (12/16)") }).status).toBe(1);
    expect(runCheck(check, { "coverage.txt": "No code coverage driver available\n" }).status).toBe(1);
  });
});

describe("the GitLab CI pipeline (templates/ci/gitlab.yml.eta)", () => {
  test.each(CASES)("%s: parses strictly and passes GitLab's structural rules, as .gitlab-ci.yml and as an include file", (name) => {
    expect(gitlabCiLooksValid(render("gitlab", name))).toEqual([]);
    expect(gitlabCiLooksValid(render("gitlab", name, { ownGitlabCi: true }), { included: true })).toEqual([]);
  });

  test.skipIf(!SHELLCHECK_AVAILABLE).each(CASES)("%s: every job's script passes shellcheck", (name) => {
    const problems = gitlabScripts(render("gitlab", name)).flatMap(({ where, script, exclude }) => shellcheckAccepts(script, exclude).map((p) => `${where}: ${p}`));
    expect(problems).toEqual([]);
  });

  test("has one job per ecosystem that changes into the ecosystem's directory first", () => {
    const pipeline = parse(render("gitlab", "monorepo")) as Record<string, { image: string; before_script: string[]; script: string[]; cache: { key: { files: string[] } } }>;
    expect(Object.keys(pipeline)).toEqual(["node-apps-web", "python-services-api"]);
    expect(pipeline["node-apps-web"]!.before_script[0]).toBe("cd apps/web");
    expect(pipeline["node-apps-web"]!.image).toBe("node:22");
    expect(pipeline["node-apps-web"]!.cache.key.files).toEqual(["apps/web/pnpm-lock.yaml", "pnpm-lock.yaml"]);
    expect(pipeline["python-services-api"]!.before_script).toEqual(["cd services/api", "pip install uv"]);
    expect(pipeline["python-services-api"]!.script).toEqual([
      "uv sync",
      "uv run ruff format --check .",
      "uv run ruff check .",
      "uv run pytest",
      "uv run pytest --cov --cov-fail-under=80",
    ]);
  });

  test("as an include file it tells the user the include line and prefixes its jobs", () => {
    const text = render("gitlab", "node-next", { ownGitlabCi: true });
    expect(text).toContain(`#   include:\n#     - local: ${GITLAB_INCLUDE}\n`);
    expect(Object.keys(parse(text) as object)).toEqual(["trinity-node"]);
  });

  test("a project with no detected ecosystem gets one job that explains what to add", () => {
    const text = render("gitlab", "empty");
    expect(Object.keys(parse(text) as object)).toEqual(["checks"]);
    expect(text).toContain("trinity detected no ecosystem here");
  });
});

describe("the platform-neutral reference (templates/ci/generic.yml.eta)", () => {
  interface Generic {
    version: number;
    coverage_threshold: number;
    ecosystems: Array<{ id: string; directory: string; setup: { runtime: string; cache: string; cache_key: string[] }; install?: string; lint?: string[]; build?: string; test?: string; coverage_gate: { minimum: number } }>;
  }

  test.each(CASES)("%s: lists every ecosystem with its setup, stages and the threshold, as plain YAML", (name) => {
    const { stack } = stackOf(name);
    const text = render("generic", name);
    const generic = parse(text, { uniqueKeys: true, strict: true }) as Generic;
    expect(generic.version).toBe(1);
    expect(generic.coverage_threshold).toBe(80);
    expect(generic.ecosystems.map((e) => [e.id, e.directory])).toEqual(stack.ecosystems.map((e) => [e.id, e.path]));
    for (const ecosystem of generic.ecosystems) {
      expect(ecosystem.setup.runtime.length).toBeGreaterThan(0);
      expect(ecosystem.setup.cache_key.length).toBeGreaterThan(0);
      expect(ecosystem.coverage_gate.minimum).toBe(80);
    }
  });

  test("the commands are the ones the GitHub workflow runs", () => {
    const generic = parse(render("generic", "node-next")) as Generic;
    const runs = workflowOf("node-next").jobs.node!.steps.map((step) => step.run).filter(Boolean);
    const node = generic.ecosystems[0]!;
    expect([node.install, ...node.lint!, node.build, node.test]).toEqual(runs.slice(0, 6));
  });
});

describe("every CI file", () => {
  test.each(["github", "gitlab", "generic"] as const)("%s: starts with a comment saying trinity generated it and the project owns it", (template) => {
    for (const name of ["node-next", "empty"]) {
      const lines = render(template, name).split("\n");
      expect(lines[0]).toMatch(/^# Generated by trinity 9\.9\.9 \(trinity deploy --ci-deploy\) for /);
      expect(lines[1]).toMatch(/^# This (workflow|pipeline|reference) belongs to the project: edit it freely\./);
    }
  });
});

/** Runs one shell line in a temporary directory holding `files`, with `bins` as fake executables first on PATH. */
function runCheck(line: string, files: Record<string, string>, bins: Record<string, string> = {}): { status: number | null; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "trinity-ci-gate-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, ".bin"));
    for (const [name, script] of Object.entries(bins)) {
      writeFileSync(join(dir, ".bin", name), script);
      chmodSync(join(dir, ".bin", name), 0o755);
    }
    const result = spawnSync("bash", ["-o", "pipefail", "-ec", line], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: `${join(dir, ".bin")}:${process.env.PATH ?? ""}`, LC_ALL: "C" },
    });
    return { status: result.status, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
