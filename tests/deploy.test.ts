import { describe, expect, test } from "bun:test";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findUnrendered } from "../src/templates/unrendered.ts";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, listFiles, read, snapshot, tempDir, writeFiles } from "./support/tree.ts";

const STACK_FIXTURES = ["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"];

/** A Node project whose owner already has a CLAUDE.md and a .gitignore. */
function nodeProjectWithUserFiles(): string {
  const dir = fixtureCopy("node-next");
  writeFiles(dir, { "CLAUDE.md": "# Storefront\n\nTeam conventions live here.\n", ".gitignore": "node_modules/\n.next/\n" });
  return dir;
}

/** Everything outside trinity's own state, whose run ids and timestamps differ per run. */
function projectFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => !path.startsWith(".trinity/")));
}

describe("trinity deploy", () => {
  test("on a Node project keeps the user's CLAUDE.md and .gitignore text and adds trinity's blocks", async () => {
    const dir = nodeProjectWithUserFiles();
    const result = await runCli(["deploy", dir, "--yes"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Deployed.");
    const claude = read(dir, "CLAUDE.md");
    expect(claude.startsWith("# Storefront\n\nTeam conventions live here.\n\n<!-- trinity:begin -->\n")).toBe(true);
    expect(claude).toContain("\n@.claude/trinity/CLAUDE.md\n");
    expect(claude.trimEnd().endsWith("<!-- trinity:end -->")).toBe(true);
    expect(read(dir, ".gitignore").startsWith("node_modules/\n.next/\n\n# trinity:begin\n")).toBe(true);
    for (const path of [".claude/trinity/CLAUDE.md", ".claude/trinity/README.md", ".claude/trinity/VERSION", "src/CLAUDE.md", "tests/CLAUDE.md", ".trinity/manifest.json"]) {
      expect(existsSync(join(dir, path))).toBe(true);
    }
    expect(listFiles(dir).filter((p) => p.startsWith(".claude/trinity/knowledge-base/"))).toHaveLength(9);
    expect(existsSync(join(dir, ".trinity/lock")) || existsSync(join(dir, ".trinity/journal.json"))).toBe(false);
  });

  test("a second deploy exits 3, explains, and changes nothing", async () => {
    const dir = nodeProjectWithUserFiles();
    await runCli(["deploy", dir, "--yes"]);
    const before = snapshot(dir);
    const second = await runCli(["deploy", dir, "--yes"]);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain("already has a trinity deployment");
    expect(second.stderr).toContain("trinity update");
    expect(snapshot(dir)).toEqual(before);
  });

  test("--force re-deploys: an edited methodology file is re-rendered, the edit kept in a backup, user text untouched", async () => {
    const dir = nodeProjectWithUserFiles();
    await runCli(["deploy", dir, "--yes"]);
    const protocols = read(dir, ".claude/trinity/CLAUDE.md");
    writeFiles(dir, { ".claude/trinity/CLAUDE.md": "my edit\n", "CLAUDE.md": read(dir, "CLAUDE.md").replace("Team conventions", "Our conventions") });
    const result = await runCli(["deploy", dir, "--yes", "--force"]);
    expect(result.code).toBe(0);
    expect(read(dir, ".claude/trinity/CLAUDE.md")).toBe(protocols);
    expect(read(dir, "CLAUDE.md")).toContain("Our conventions live here.");
    const manifest = JSON.parse(read(dir, ".trinity/manifest.json"));
    expect(manifest.lastCommand).toBe("deploy");
    const backups = listFiles(dir).filter((p) => p.startsWith(".trinity/backups/") && p.endsWith("files/.claude/trinity/CLAUDE.md"));
    expect(backups).toHaveLength(1);
    expect(read(dir, backups[0]!)).toBe("my edit\n");
  });

  test("--dry-run writes nothing at all, not even .trinity/, and prints the plan", async () => {
    const dir = nodeProjectWithUserFiles();
    const before = snapshot(dir);
    const result = await runCli(["deploy", dir, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, ".trinity"))).toBe(false);
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(result.stdout).toMatch(/create\s+\.claude\/trinity\/CLAUDE\.md/);
    expect(result.stdout).toMatch(/update\s+CLAUDE\.md\s+\(trinity block added; your text is kept\)/);
  });

  test("--dry-run --diff shows unified diffs of what would change", async () => {
    const dir = nodeProjectWithUserFiles();
    const result = await runCli(["deploy", dir, "--dry-run", "--diff"]);
    expect(result.stdout).toContain("--- a/CLAUDE.md\n+++ b/CLAUDE.md");
    expect(result.stdout).toContain("+<!-- trinity:begin -->");
    expect(result.stdout).toContain("--- /dev/null\n+++ b/.claude/trinity/CLAUDE.md");
  });

  test("--diff without --dry-run is a usage error", async () => {
    const dir = fixtureCopy("empty");
    expect((await runCli(["deploy", dir, "--diff"])).code).toBe(2);
    expect(snapshot(dir)).toEqual({});
  });

  test("--json prints exactly one schemaVersion 1 document on stdout", async () => {
    const dir = fixtureCopy("node-next");
    const result = await runCli(["deploy", dir, "--yes", "--json"]);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ schemaVersion: 1, command: "deploy", dryRun: false, root: resolve(dir), exitCode: 0 });
    expect(document.stack.ecosystems[0]).toMatchObject({ id: "node", path: ".", frameworks: ["next", "react"], packageManager: "pnpm", moduleType: "esm" });
    expect(document.stack.ciPlatform).toBe("unknown");
    expect(document.metrics).toMatchObject({ files: 3, todo: 1, fixme: 1, debugStatements: 1 });
    expect(document.operations).toContainEqual({ op: "create", path: "CLAUDE.md", reason: "new" });
    expect(document.operations.some((op: { path: string }) => op.path.startsWith(".trinity/"))).toBe(false);
  });

  test("--skip-audit leaves metrics null and the documents say the facts were not collected", async () => {
    const dir = fixtureCopy("node-next");
    const document = JSON.parse((await runCli(["deploy", dir, "--yes", "--json", "--skip-audit"])).stdout);
    expect(document.metrics).toBeNull();
    expect(read(dir, ".claude/trinity/knowledge-base/Technical-Debt.md")).toContain("not collected (deployed with `--skip-audit`");
  });

  test("invalid .claude/settings.json stops the deploy with the file and line; nothing is written", async () => {
    const dir = fixtureCopy("node-next");
    writeFiles(dir, { ".claude/settings.json": '{\n  "model": "opus",\n}\n' });
    const before = snapshot(dir);
    const result = await runCli(["deploy", dir, "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(".claude/settings.json: cannot merge settings: file is not valid JSON (line 3");
    expect(result.stderr).toContain("--force");
    expect(snapshot(dir)).toEqual(before);
  });

  test("--force replaces invalid settings after backing them up", async () => {
    const dir = fixtureCopy("node-next");
    writeFiles(dir, { ".claude/settings.json": "{ broken" });
    expect((await runCli(["deploy", dir, "--yes", "--force"])).code).toBe(0);
    expect(JSON.parse(read(dir, ".claude/settings.json")).permissions.allow).toContain("Edit(.claude/trinity/**)");
    const backup = listFiles(dir).find((p) => p.endsWith("files/.claude/settings.json"));
    expect(backup && read(dir, backup)).toBe("{ broken");
  });

  test("keeps an existing settings file's keys and merges trinity's rules in", async () => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, { ".claude/settings.json": '{\n  "model": "opus",\n  "permissions": { "deny": ["Read(.env)"] }\n}\n' });
    await runCli(["deploy", dir, "--yes"]);
    const settings = JSON.parse(read(dir, ".claude/settings.json"));
    expect(settings).toMatchObject({ model: "opus", permissions: { deny: ["Read(.env)"] } });
    expect(settings.$schema).toBe("https://json.schemastore.org/claude-code-settings.json");
    expect(settings.permissions.allow).toEqual(["Edit(.claude/trinity/**)", "Bash(git status:*)", "Bash(git diff:*)", "Bash(git log:*)", "Bash(git show:*)"]);
  });

  test("a CRLF CLAUDE.md keeps its bytes and gets a CRLF block", async () => {
    const dir = fixtureCopy("empty");
    const user = "# Notes\r\n\r\nWindows line endings.\r\n";
    writeFiles(dir, { "CLAUDE.md": user });
    await runCli(["deploy", dir, "--yes"]);
    const claude = read(dir, "CLAUDE.md");
    expect(claude.startsWith(user)).toBe(true);
    expect(claude.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test.each([
    ["2.0", { "trinity/VERSION": "2.0.0\n", "TRINITY.md": "old\n" }, "trinity/VERSION"],
    ["2.2", { ".claude/trinity/VERSION": "2.2.0\n" }, ".claude/trinity/VERSION"],
  ])("a deployment made by the original SDK %s is refused with exit 3 and advice to run update", async (_layout, files, marker) => {
    const dir = fixtureCopy("empty");
    writeFiles(dir, files);
    const before = snapshot(dir);
    const result = await runCli(["deploy", dir, "--yes", "--force"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${marker}: this project has a deployment made by the original Trinity Method SDK`);
    expect(result.stderr).toContain("trinity update");
    expect(snapshot(dir)).toEqual(before);
  });

  test("a missing target directory exits 3; a file as target too", async () => {
    const dir = tempDir();
    expect((await runCli(["deploy", join(dir, "nope")])).code).toBe(3);
    writeFiles(dir, { "file.txt": "x" });
    const result = await runCli(["deploy", join(dir, "file.txt")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("not a directory");
  });

  test("an unknown flag exits 2 with a did-you-mean hint and touches nothing", async () => {
    const dir = fixtureCopy("empty");
    const result = await runCli(["deploy", dir, "--dryrun"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option --dryrun; did you mean --dry-run?");
    expect(snapshot(dir)).toEqual({});
  });

  test("--json reports errors as a document too", async () => {
    const result = await runCli(["deploy", "/definitely/not/here", "--json"]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ schemaVersion: 1, command: "deploy", exitCode: 3, error: { code: "target-missing" } });
  });

  test("the DIR argument defaults to the working directory", async () => {
    const dir = fixtureCopy("rust-cli");
    expect((await runCli(["deploy", "--yes"], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, "src/CLAUDE.md"))).toBe(true);
  });

  test("--name sets the project name; an empty name is a usage error", async () => {
    const dir = fixtureCopy("empty");
    expect((await runCli(["deploy", dir, "--name", " "])).code).toBe(2);
    await runCli(["deploy", dir, "--name", "Atlas"]);
    expect(read(dir, "CLAUDE.md")).toContain("Atlas");
    expect(JSON.parse(read(dir, ".trinity/manifest.json")).options.projectName).toBe("Atlas");
  });

  test("the project name defaults to the manifest's name, else the directory name", async () => {
    const named = fixtureCopy("python-poetry");
    await runCli(["deploy", named]);
    expect(JSON.parse(read(named, ".trinity/manifest.json")).options.projectName).toBe("shop-api");
    const unnamed = fixtureCopy("empty");
    await runCli(["deploy", unnamed]);
    expect(JSON.parse(read(unnamed, ".trinity/manifest.json")).options.projectName).toBe("empty");
  });

  test("--gitignore private also ignores the methodology files", async () => {
    const dir = fixtureCopy("empty");
    await runCli(["deploy", dir, "--gitignore", "private"]);
    const gitignore = read(dir, ".gitignore");
    expect(gitignore).toContain("\n.claude/trinity/\n");
    expect(gitignore).toContain("\n.trinity/\n");
  });

  test("--command-format is validated and recorded", async () => {
    const dir = fixtureCopy("empty");
    expect((await runCli(["deploy", dir, "--command-format", "legacy"])).code).toBe(2);
    await runCli(["deploy", dir, "--command-format", "commands"]);
    expect(JSON.parse(read(dir, ".trinity/manifest.json")).options.commandFormat).toBe("commands");
  });

  test("--ci-deploy without a GitHub or GitLab remote writes the generic CI reference and says how to get a pipeline", async () => {
    const dir = fixtureCopy("empty");
    const result = await runCli(["deploy", dir, "--ci-deploy"]);
    expect(result.code).toBe(0);
    expect(read(dir, ".claude/trinity/templates/ci/generic-ci.yml")).toContain("trinity");
    expect(result.stdout).toContain("`--ci github` or `--ci gitlab`");
  });

  test("the lint flags exclude each other, and an unknown tool is named with the known ones (exit 2)", async () => {
    const dir = fixtureCopy("node-next");
    const both = await runCli(["deploy", dir, "--lint", "--no-lint"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--lint and --no-lint cannot be combined");
    const unknown = await runCli(["deploy", dir, "--lint-tools", "eslint,tslint"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown tool tslint");
    expect(unknown.stderr).toContain("eslint, prettier, husky");
    expect(existsSync(join(dir, ".trinity"))).toBe(false);
  });

  test("--templates renders from another template directory", async () => {
    const templates = join(tempDir(), "pack");
    cpSync(resolve(import.meta.dir, "..", "templates"), templates, { recursive: true });
    writeFiles(templates, { "blocks/root.md.eta": "# <%= it.project.name %> (house rules)\n\n@.claude/trinity/CLAUDE.md\n" });
    const dir = fixtureCopy("empty");
    expect((await runCli(["deploy", dir, "--templates", templates])).code).toBe(0);
    expect(read(dir, "CLAUDE.md")).toContain("# empty (house rules)");
    expect(JSON.parse(read(dir, ".trinity/manifest.json")).options.templates).toBe(templates);
    expect((await runCli(["deploy", fixtureCopy("empty"), "--templates", join(templates, "missing")])).code).toBe(2);
  });

  test("a template that renders an unfilled value fails the deploy and writes nothing", async () => {
    const templates = join(tempDir(), "pack");
    cpSync(resolve(import.meta.dir, "..", "templates"), templates, { recursive: true });
    writeFiles(templates, { "trinity/README.md.eta": "# Readme\nOwner: <%= it.project.owner %>\n" });
    const dir = fixtureCopy("empty");
    const result = await runCli(["deploy", dir, "--templates", templates]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("trinity/README.md.eta: rendered output line 2 contains `undefined`");
    expect(snapshot(dir)).toEqual({});
  });

  test.each(STACK_FIXTURES)("every file rendered for %s is fully rendered", async (name) => {
    for (const flags of [[], ["--skip-audit"], ["--command-format", "commands"]]) {
      const dir = fixtureCopy(name);
      expect((await runCli(["deploy", dir, ...flags])).code).toBe(0);
      const rendered = listFiles(dir).filter((p) => p.endsWith(".md") && !p.startsWith(".trinity/"));
      expect(rendered.length).toBeGreaterThan(10);
      for (const path of rendered) {
        expect({ path, problems: findUnrendered(read(dir, path)) }).toEqual({ path, problems: [] });
      }
    }
  });

  test("rendering is deterministic: the same project deployed twice gives byte-identical files", async () => {
    const first = fixtureCopy("python-poetry");
    const second = fixtureCopy("python-poetry");
    await runCli(["deploy", first]);
    await runCli(["deploy", second]);
    expect(projectFiles(second)).toEqual(projectFiles(first));
  });

  test("the manifest records every written file with its hash and ownership", async () => {
    const dir = fixtureCopy("go-service");
    await runCli(["deploy", dir]);
    const manifest = JSON.parse(read(dir, ".trinity/manifest.json"));
    expect(manifest).toMatchObject({ schemaVersion: 1, options: { commandFormat: "skills", gitignore: "shared", skipAudit: false } });
    const byPath = Object.fromEntries(manifest.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath["CLAUDE.md"]).toMatchObject({ kind: "block", ownership: "methodology", created: true });
    expect(byPath[".claude/trinity/knowledge-base/ARCHITECTURE.md"]).toMatchObject({ kind: "block", ownership: "user" });
    expect(byPath[".claude/trinity/knowledge-base/Trinity.md"]).toMatchObject({ kind: "file", ownership: "methodology" });
    expect(byPath[".claude/settings.json"]).toMatchObject({ kind: "settings", settings: { schema: true } });
    for (const record of manifest.files) {
      const base = join(dir, ".trinity/base", record.sha256.slice(0, 2), record.sha256);
      expect({ path: record.path, stored: existsSync(base) }).toEqual({ path: record.path, stored: true });
      if (record.kind === "file") {
        const hash = new Bun.CryptoHasher("sha256").update(readFileSync(join(dir, record.path))).digest("hex");
        expect(hash).toBe(record.sha256);
      }
    }
  });
});
