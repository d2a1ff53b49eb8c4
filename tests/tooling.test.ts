/**
 * The linting and CI setup (PRODUCT.md §6) through the deploy, update and uninstall APIs: what is
 * written for which stack, that existing configuration is left alone, that package.json and
 * pyproject.toml only gain what is missing, and that uninstall takes out exactly that.
 */
import { describe, expect, test } from "bun:test";
import { parse as parseToml } from "smol-toml";
import { uninstall } from "../src/commands/uninstall.ts";
import { MemoryFileSystem } from "../src/fs/memory.ts";
import { projectPath } from "../src/fs/path.ts";
import { encodeText } from "../src/fs/port.ts";
import { deployWith, updateWith } from "./support/deploy.ts";
import { prompts } from "../src/cli/prompts.ts";
import { runCli } from "./support/cli.ts";
import { fixtureFiles } from "./support/fixtures.ts";
import { fixtureCopy, read as readFile, tempDir } from "./support/tree.ts";

const read = (fs: MemoryFileSystem, path: string) => {
  const data = fs.read(projectPath(path));
  return data === null ? null : new TextDecoder().decode(data);
};
const write = (fs: MemoryFileSystem, path: string, text: string) => fs.write(projectPath(path), encodeText(text));
const fixture = (name: string, extra: Record<string, string> = {}) => new MemoryFileSystem({ ...fixtureFiles(name), ...extra });
const created = (result: { operations: { path: string; action: string }[] }) => result.operations.filter((op) => op.action === "create").map((op) => op.path as string);
const uninstalled = async (fs: MemoryFileSystem) => uninstall({ dryRun: false, force: false, purge: true }, { fs, now: () => new Date("2026-03-04T05:06:07Z"), isAlive: () => false });

/** Every line of `original` is still in `changed`, in the same order: the file only gained lines. */
function onlyAdded(original: string, changed: string): boolean {
  const lines = changed.split("\n");
  let at = 0;
  for (const line of original.split("\n")) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

describe("deploy --lint: what is set up for which stack", () => {
  test.each([
    ["node-next", ["eslint.config.js", ".prettierrc.json", ".prettierignore", ".lintstagedrc.json", ".husky/pre-commit"]],
    ["rust-cli", ["rustfmt.toml", "clippy.toml"]],
    ["go-service", [".golangci.yml"]],
    ["flutter-app", ["analysis_options.yaml"]],
    ["python-poetry", [".pre-commit-config.yaml"]],
    ["empty", [".editorconfig", ".pre-commit-config.yaml"]],
  ])("%s gets its recommended tools' config files", async (name, files) => {
    const fs = fixture(name);
    const result = await deployWith(fs, { lint: "recommended" });
    const tooling = created(result).filter((path) => !path.startsWith(".claude/") && !path.endsWith("CLAUDE.md") && path !== ".gitignore");
    expect(tooling.sort()).toEqual([...files].sort());
    expect(result.options.lint!.length).toBeGreaterThan(0);
  });

  test("without --lint nothing of the kind is written", async () => {
    const fs = fixture("node-next");
    const before = read(fs, "package.json");
    const result = await deployWith(fs);
    expect(created(result).some((path) => path.includes("eslint") || path.includes("prettier"))).toBe(false);
    expect(read(fs, "package.json")).toBe(before);
  });

  test("a CommonJS package gets eslint.config.mjs, an ES module package eslint.config.js", async () => {
    const cjs = fixture("empty", { "package.json": '{\n  "name": "old-lib",\n  "main": "index.js"\n}\n', "index.js": "module.exports = 1;\n" });
    await deployWith(cjs, { lint: ["eslint"] });
    expect(read(cjs, "eslint.config.mjs")).not.toBeNull();
    expect(read(cjs, "eslint.config.js")).toBeNull();
  });

  test("--lint-tools sets up exactly the named tools", async () => {
    const fs = fixture("node-next");
    const result = await deployWith(fs, { lint: ["prettier"] });
    expect(result.options.lint).toEqual(["prettier"]);
    expect(read(fs, ".prettierrc.json")).not.toBeNull();
    expect(read(fs, "eslint.config.js")).toBeNull();
    expect(JSON.parse(read(fs, "package.json")!).devDependencies["@eslint/js"]).toBeUndefined();
  });

  test("a tool that does not fit the project is a usage error (exit 2) and nothing is written", async () => {
    const fs = fixture("node-next");
    const before = fs.snapshot();
    await expect(deployWith(fs, { lint: ["ruff"] })).rejects.toMatchObject({ code: "usage", exitCode: 2 });
    expect(fs.snapshot()).toEqual(before);
  });
});

describe("deploy --lint never clobbers the project's own setup", () => {
  test("an existing ESLint config is left alone and reported; ESLint's packages are not added", async () => {
    const fs = fixture("node-next", { ".eslintrc.json": '{ "root": true }\n' });
    const result = await deployWith(fs, { lint: "recommended" });
    expect(read(fs, "eslint.config.js")).toBeNull();
    expect(read(fs, ".eslintrc.json")).toBe('{ "root": true }\n');
    expect(result.notes.join("\n")).toContain("ESLint: .eslintrc.json already configures it; left alone");
    expect(JSON.parse(read(fs, "package.json")!).devDependencies["@eslint/js"]).toBeUndefined();
  });

  test("a package.json that does not parse is left as it is, the note says so, and update adds the keys once it is fixed", async () => {
    const fs = fixture("empty", { "package.json": '{ "name": "app",\n', "src/index.ts": "export const x = 1;\n" });
    const result = await deployWith(fs, { lint: ["eslint"] });
    expect(read(fs, "package.json")).toBe('{ "name": "app",\n');
    expect(result.notes.join("\n")).toContain("package.json is not a valid JSON object, so the development dependencies and scripts for ESLint were not added; fix it and run `trinity update`");
    write(fs, "package.json", '{ "name": "app" }\n');
    await updateWith(fs);
    expect(JSON.parse(read(fs, "package.json")!).devDependencies.eslint).toBeDefined();
  });

  test("package.json only gains keys: versions already there stay, order and formatting are kept", async () => {
    const original = '{\r\n\t"name": "app",\r\n\t"type": "module",\r\n\t"scripts": {\r\n\t\t"lint": "biome lint ."\r\n\t},\r\n\t"devDependencies": {\r\n\t\t"eslint": "^8.57.0"\r\n\t}\r\n}';
    const fs = fixture("empty", { "package.json": original, "src/index.ts": "export const x = 1;\n" });
    await deployWith(fs, { lint: ["eslint"] });
    const text = read(fs, "package.json")!;
    // JSON needs a comma after what was the last entry of an object; apart from that, lines are only added
    const lines = (json: string) => json.replace(/\r\n/g, "\n").replace(/,$/gm, "");
    expect(onlyAdded(lines(original), lines(text))).toBe(true);
    expect(text).not.toContain("\n\"");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text.endsWith("}")).toBe(true);
    const value = JSON.parse(text);
    expect(value.devDependencies.eslint).toBe("^8.57.0");
    expect(value.scripts.lint).toBe("biome lint .");
    expect(value.scripts["lint:fix"]).toBe("eslint . --fix");
    expect(Object.keys(value)).toEqual(["name", "type", "scripts", "devDependencies"]);
  });

  test.each([
    ["^8.57.0", true],
    ["~9.10.0", true],
    [">=9.0.0 <10", true],
    ["^9.22.0", false],
    ["9.39.5", false],
    ["latest", false],
    ["workspace:*", false],
  ])("an ESLint range of %p is kept; the note asks to raise it: %p (defineConfig needs 9.22)", async (range, noted) => {
    const fs = fixture("empty", { "package.json": JSON.stringify({ name: "app", devDependencies: { eslint: range } }), "src/index.js": "export {};\n" });
    const result = await deployWith(fs, { lint: ["eslint"] });
    expect(JSON.parse(read(fs, "package.json")!).devDependencies.eslint).toBe(range);
    const note = `package.json asks for eslint ${range}, and the new eslint.config uses defineConfig, which needs ESLint 9.22 or later: raise it to ^9.22.0 (trinity never changes a version you chose)`;
    expect(result.notes.includes(note)).toBe(noted);
  });

  test("a dev dependency the user removed after deploy is not added again by update", async () => {
    const fs = fixture("node-next");
    await deployWith(fs, { lint: "recommended" });
    const value = JSON.parse(read(fs, "package.json")!);
    delete value.devDependencies.husky;
    write(fs, "package.json", `${JSON.stringify(value, null, 2)}\n`);
    const mine = read(fs, "package.json");
    await updateWith(fs);
    expect(read(fs, "package.json")).toBe(mine);
  });

  test("Ruff configured in pyproject.toml is left alone; pre-commit joins Poetry's dev group, only lines are added", async () => {
    const fs = fixture("python-poetry");
    const original = read(fs, "pyproject.toml")!;
    const result = await deployWith(fs, { lint: "recommended" });
    const text = read(fs, "pyproject.toml")!;
    expect(onlyAdded(original, text)).toBe(true);
    const data = parseToml(text) as { tool: { poetry: { group: { dev: { dependencies: Record<string, string> } } }; ruff: Record<string, unknown> } };
    expect(data.tool.poetry.group.dev.dependencies).toEqual({ pytest: "^8.0", "pytest-cov": "^5.0", ruff: "^0.6", "pre-commit": ">=4.0" });
    expect(data.tool.ruff).toEqual({ "line-length": 100 });
    expect(result.notes.join("\n")).toContain("Ruff: the [tool.ruff] table of pyproject.toml already configures it; left alone");
  });

  test("a pyproject.toml without Ruff gets [tool.ruff] and a PEP 735 dev group in one block at the end", async () => {
    const original = '[project]\nname = "svc"\nversion = "1.0"\ndependencies = ["httpx"]\n';
    const fs = fixture("empty", { "pyproject.toml": original, "svc/__init__.py": "" });
    await deployWith(fs, { lint: ["ruff"] });
    const text = read(fs, "pyproject.toml")!;
    expect(text.startsWith(original)).toBe(true);
    const data = parseToml(text) as { tool: { ruff: Record<string, unknown> }; "dependency-groups": { dev: string[] } };
    expect(data["dependency-groups"].dev).toEqual(["ruff>=0.17"]);
    expect(Object.keys(data.tool.ruff).length).toBeGreaterThan(0);
  });

  test("an existing dev group list is not rewritten: the tools get a lint group, and the note says how to include it", async () => {
    const original = '[project]\nname = "svc"\nversion = "1.0"\n\n[dependency-groups]\ndev = ["pytest>=8"]\n\n[tool.uv]\npackage = false\n';
    const fs = fixture("empty", { "pyproject.toml": original, "uv.lock": "version = 1\n", "svc/__init__.py": "" });
    const result = await deployWith(fs, { lint: ["ruff"] });
    const text = read(fs, "pyproject.toml")!;
    expect(onlyAdded(original, text)).toBe(true);
    const data = parseToml(text) as { "dependency-groups": Record<string, string[]>; tool: { uv: unknown; ruff: unknown } };
    expect(data["dependency-groups"]).toEqual({ dev: ["pytest>=8"], lint: ["ruff>=0.17"] });
    expect(data.tool.uv).toEqual({ package: false });
    expect(result.notes.join("\n")).toContain('add `{include-group = "lint"}` to "dev"');
  });

  test("an existing requirements-dev.txt receives the tools, in a block", async () => {
    const fs = fixture("empty", { "requirements.txt": "flask\n", "requirements-dev.txt": "pytest\n", "app.py": "print(1)\n" });
    await deployWith(fs, { lint: ["ruff", "pre-commit"] });
    expect(read(fs, "requirements-dev.txt")).toBe("pytest\n\n# trinity:begin\nruff>=0.17\npre-commit>=4.0\n# trinity:end\n");
    expect(read(fs, "ruff.toml")).not.toBeNull();
  });
});

describe("linting and CI across the lifecycle", () => {
  test.each(["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"])(
    "%s: uninstall after deploy --lint --ci github leaves the project byte for byte as before",
    async (name) => {
      const fs = fixture(name);
      const before = fs.snapshot();
      await deployWith(fs, { lint: "recommended", ci: "github", ciDeploy: true });
      await uninstalled(fs);
      expect(fs.snapshot()).toEqual(before);
    },
  );

  test("update keeps the choices of the deploy and changes nothing when nothing changed", async () => {
    const fs = fixture("node-next");
    await deployWith(fs, { lint: "recommended", ci: "github", ciDeploy: true });
    const result = await updateWith(fs);
    expect(result.operations.filter((op) => op.action !== "unchanged").map((op) => `${op.action} ${op.path}`)).toEqual([]);
    expect(JSON.parse(read(fs, ".trinity/manifest.json")!).options).toMatchObject({ lint: ["eslint", "prettier", "husky"], ci: "github" });
  });

  test("deploy --force --no-lint takes out the keys trinity added to package.json, leaving it as it was", async () => {
    const fs = fixture("node-next");
    const original = read(fs, "package.json");
    await deployWith(fs, { lint: "recommended" });
    expect(read(fs, "package.json")).not.toBe(original);
    await deployWith(fs, { force: true, lint: "none" });
    expect(read(fs, "package.json")).toBe(original);
    expect(read(fs, "eslint.config.js")).toBeNull();
  });

  test("a re-deploy with --force and no lint flags keeps the earlier choice; --no-lint drops it", async () => {
    const fs = fixture("rust-cli");
    await deployWith(fs, { lint: "recommended" });
    await deployWith(fs, { force: true });
    expect(read(fs, "rustfmt.toml")).not.toBeNull();
    await deployWith(fs, { force: true, lint: "none" });
    expect(read(fs, "rustfmt.toml")).toBeNull();
  });
});

describe("deploy --ci", () => {
  test("--ci-deploy with a GitHub remote writes the workflow and the generic reference", async () => {
    const fs = fixture("go-service");
    const result = await deployWith(fs, { ciDeploy: true, ci: "github" });
    expect(created(result)).toEqual(expect.arrayContaining([".github/workflows/trinity-ci.yml", ".claude/trinity/templates/ci/generic-ci.yml"]));
    expect(result.options).toMatchObject({ ci: "github", ciDeploy: true });
  });

  test("--ci-deploy without a recognised remote writes the generic reference and says how to get a pipeline", async () => {
    const fs = fixture("go-service");
    const result = await deployWith(fs, { ciDeploy: true });
    expect(result.options.ci).toBe("generic");
    expect(read(fs, ".claude/trinity/templates/ci/generic-ci.yml")).not.toBeNull();
    expect(read(fs, ".github/workflows/trinity-ci.yml")).toBeNull();
    expect(result.notes.join("\n")).toContain("`--ci github` or `--ci gitlab`");
  });

  test("GitLab: a project's own .gitlab-ci.yml is never touched; the pipeline goes to an include file and the note says how to include it", async () => {
    const mine = "stages: [build]\nbuild:\n  stage: build\n  script: [make]\n";
    const fs = fixture("go-service", { ".gitlab-ci.yml": mine });
    const result = await deployWith(fs, { ciDeploy: true, ci: "gitlab" });
    expect(read(fs, ".gitlab-ci.yml")).toBe(mine);
    expect(read(fs, ".gitlab/trinity-ci.yml")).not.toBeNull();
    expect(result.notes.join("\n")).toContain("include: [{ local: .gitlab/trinity-ci.yml }]");
  });

  test("GitLab without a pipeline of the project's own writes .gitlab-ci.yml", async () => {
    const fs = fixture("go-service");
    await deployWith(fs, { ciDeploy: true, ci: "gitlab" });
    expect(read(fs, ".gitlab-ci.yml")).not.toBeNull();
    expect(read(fs, ".gitlab/trinity-ci.yml")).toBeNull();
  });
});

describe("deploy's interactive questions about linting and CI", () => {
  test("offers the stack's tools with the recommended ones ticked, and the remote's CI platform; the answers are what gets deployed", async () => {
    const asked: string[] = [];
    const original = { ...prompts };
    let offered: { value: string }[] = [];
    let ticked: string[] = [];
    Object.assign(prompts, {
      text: async (message: string, initial: string) => (asked.push(message), initial),
      confirm: async (message: string) => (asked.push(message), true),
      multiselect: async (message: string, options: { value: string }[], initial: string[]) => {
        asked.push(message);
        offered = options;
        ticked = initial;
        return initial.filter((tool) => tool !== "husky");
      },
      select: async (message: string, _options: unknown, initial: string) => (asked.push(`${message} [${initial}]`), "gitlab"),
    });
    try {
      const dir = fixtureCopy("node-next");
      const result = await runCli(["deploy"], { cwd: dir, terminal: true, env: { HOME: tempDir("trinity-home-") } });
      expect(result.code).toBe(0);
      expect(asked).toEqual(["Project name", "Set up linting and formatting?", "Which tools? (space toggles, enter accepts)", "Write CI workflow files?", "Which CI platform? [github]", "Apply these changes?"]);
      expect(offered.map((option) => option.value)).toEqual(["eslint", "prettier", "husky", "pre-commit", "editorconfig"]);
      expect(ticked).toEqual(["eslint", "prettier", "husky"]);
      expect(JSON.parse(readFile(dir, ".trinity/manifest.json")).options).toMatchObject({ lint: ["eslint", "prettier"], ci: "gitlab" });
      expect(readFile(dir, ".gitlab-ci.yml")).toContain("trinity");
    } finally {
      Object.assign(prompts, original);
    }
  });
});
