/**
 * Issue 5's acceptance: for a fixture of each ecosystem, `trinity deploy --yes --lint --ci …`
 * produces configs and workflows the real tools accept, and everything that existed before was
 * only added to. Runs the CLI on real folders, then the validators of ./validate.ts and
 * ./ci-validate.ts on every file the deploy wrote.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { runCli } from "../support/cli.ts";
import { fixtureCopy, read, snapshot, tempDir, writeFiles } from "../support/tree.ts";
import { actionlintAccepts, gitlabCiLooksValid } from "./ci-validate.ts";
import {
  editorconfigParses,
  eslintAccepts,
  linkNodeModules,
  parsesAsToml,
  parsesAsYaml,
  preCommitAccepts,
  prettierAccepts,
  ruffAccepts,
} from "./validate.ts";

/** A Python project that does not configure Ruff yet, and a CommonJS JavaScript package. */
const SYNTHETIC: Record<string, Record<string, string>> = {
  "python-pep621": {
    "pyproject.toml": '[project]\nname = "ledger"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["httpx>=0.27"]\n',
    "ledger/__init__.py": "",
    "ledger/book.py": "def total(entries):\n    return sum(entries)\n",
    "tests/test_book.py": "from ledger.book import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n",
  },
  "node-cjs": {
    "package.json": '{\n  "name": "old-service",\n  "version": "2.0.0",\n  "main": "index.js",\n  "scripts": {\n    "test": "jest"\n  },\n  "devDependencies": {\n    "jest": "^29.7.0"\n  }\n}\n',
    "index.js": "const http = require(\"node:http\");\nmodule.exports = http.createServer();\n",
  },
};

function project(name: string): string {
  if (!(name in SYNTHETIC)) return fixtureCopy(name);
  const dir = join(tempDir("trinity-e2e-"), name);
  writeFiles(dir, SYNTHETIC[name]!);
  return dir;
}

const files = (tree: Record<string, string>) => Object.keys(tree).filter((path) => !path.endsWith("/"));
const text = (entry: string) => Buffer.from(entry.slice(entry.indexOf(":") + 1), "base64").toString("utf8");

/** Every line of `before` is still in `after`, in order (a comma JSON needs after a former last entry aside). */
function onlyAdded(before: string, after: string): boolean {
  const strip = (value: string) => value.replace(/\r\n/g, "\n").replace(/,$/gm, "").split("\n");
  const lines = strip(after);
  let at = 0;
  for (const line of strip(before)) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

/**
 * Runs every validator that applies to a file trinity wrote. The validators throw on a file their
 * tool rejects; the CI checks return their problems.
 */
async function validate(dir: string, path: string): Promise<string[]> {
  const content = read(dir, path);
  const name = path.split("/").pop()!;
  const folder = join(dir, path, "..");
  if (path.startsWith(".github/workflows/")) return actionlintAccepts(content, path);
  if (path === ".gitlab-ci.yml" || path === ".gitlab/trinity-ci.yml") return gitlabCiLooksValid(content, { included: path !== ".gitlab-ci.yml" });
  if (/^eslint\.config\.m?js$/.test(name)) {
    linkNodeModules(folder);
    await eslintAccepts(folder, name);
  } else if (name === ".prettierrc.json") await prettierAccepts(content);
  else if (name === "ruff.toml") ruffAccepts(content, { inPyproject: false });
  else if (name === "pyproject.toml") {
    if (content.includes("[tool.ruff")) ruffAccepts(content, { inPyproject: true });
    else parsesAsToml(content);
  } else if (name === ".pre-commit-config.yaml") {
    parsesAsYaml(content);
    preCommitAccepts(folder);
  } else if (name === ".editorconfig") editorconfigParses(content);
  else if (name.endsWith(".toml")) parsesAsToml(content);
  else if (name.endsWith(".yml") || name.endsWith(".yaml")) parsesAsYaml(content);
  else if (name.endsWith(".json")) JSON.parse(content);
  return [];
}

const TOOLING = /(^|\/)(eslint\.config\.m?js|\.prettierrc\.json|\.prettierignore|\.lintstagedrc\.json|\.husky\/pre-commit|ruff\.toml|\.pre-commit-config\.yaml|rustfmt\.toml|clippy\.toml|\.golangci\.yml|analysis_options\.yaml|\.editorconfig)$|^\.github\/|^\.gitlab|generic-ci\.yml$|(^|\/)(package\.json|pyproject\.toml|requirements-dev\.txt)$/;

describe("trinity deploy --yes --lint --ci: every generated config and workflow passes its tool's validation", () => {
  const cases = ["node-next", "node-cjs", "python-poetry", "python-pep621", "rust-cli", "go-service", "flutter-app", "empty"];
  for (const ci of ["github", "gitlab"] as const) {
    test.each(cases)(`%s with --ci ${ci}`, async (name) => {
      const dir = project(name);
      const before = snapshot(dir);
      const result = await runCli(["deploy", "--yes", "--lint", "--ci", ci, "--json"], { cwd: dir, env: { HOME: tempDir("trinity-home-") } });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const after = snapshot(dir);

      // Nothing that existed was changed, only added to.
      for (const path of files(before)) {
        expect({ path, kept: after[path] !== undefined && onlyAdded(text(before[path]!), text(after[path]!)) }).toEqual({ path, kept: true });
      }
      // Every tooling file written passes the checks of the tool that reads it.
      const written = files(after).filter((path) => TOOLING.test(path) && after[path] !== before[path]);
      expect(written).toEqual(expect.arrayContaining([ci === "github" ? ".github/workflows/trinity-ci.yml" : ".gitlab-ci.yml", ".claude/trinity/templates/ci/generic-ci.yml"]));
      expect(written.length).toBeGreaterThanOrEqual(3);
      const problems: string[] = [];
      for (const path of written) problems.push(...(await validate(dir, path)));
      expect(problems).toEqual([]);
    }, 120_000);
  }

  test("--ci-deploy in a GitLab clone writes the GitLab pipeline; the project's own .gitlab-ci.yml stays untouched", async () => {
    const dir = project("go-service");
    const mine = "stages: [build]\nbuild:\n  stage: build\n  image: golang:1\n  script: [go build ./...]\n";
    writeFiles(dir, { ".gitlab-ci.yml": mine, ".git/config": '[remote "origin"]\n\turl = git@gitlab.com:acme/service.git\n', ".git/HEAD": "ref: refs/heads/main\n" });
    const result = await runCli(["deploy", "--yes", "--lint", "--ci-deploy"], { cwd: dir, env: { HOME: tempDir("trinity-home-") } });
    expect(result.code).toBe(0);
    expect(read(dir, ".gitlab-ci.yml")).toBe(mine);
    expect(gitlabCiLooksValid(read(dir, ".gitlab/trinity-ci.yml"), { included: true })).toEqual([]);
    expect(result.stdout).toContain("include: [{ local: .gitlab/trinity-ci.yml }]");
  }, 120_000);
});
