/**
 * update, status and diff through the CLI on real folders: exit codes (3 not deployed, 4 conflicts,
 * 5 drift), the projects registry behind `update --all`, and facts-only changes that status lists
 * but `--check` does not count.
 */
import { describe, expect, test } from "bun:test";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, read, snapshot, tempDir } from "./support/tree.ts";

const PROTOCOLS = ".claude/trinity/CLAUDE.md";

/** An environment whose config folder is a fresh temporary one, and the registry file inside it. */
function account() {
  const config = tempDir("trinity-config-");
  return { env: { XDG_CONFIG_HOME: config, HOME: tempDir("trinity-home-") }, registry: join(config, "trinity", "projects.json") };
}

async function deployedProject(env: Record<string, string>, fixture = "node-next"): Promise<string> {
  const project = fixtureCopy(fixture);
  const result = await runCli(["deploy", "--yes"], { cwd: project, env });
  expect(result.code).toBe(0);
  return project;
}

/** A copy of the repository's templates whose protocols heading changed: a "new version" of trinity. */
function revisedTemplates(): string {
  const templates = join(tempDir("trinity-templates-"), "templates");
  cpSync(join(import.meta.dir, "..", "templates"), templates, { recursive: true });
  const protocolsTemplate = join(templates, "trinity/CLAUDE.md.eta");
  writeFileSync(protocolsTemplate, readFileSync(protocolsTemplate, "utf8").replace("## Core rules", "## Core rules (revised)"));
  return templates;
}

const edit = (project: string, path: string, change: (text: string) => string) => writeFileSync(join(project, path), change(read(project, path)));

describe("trinity update through the CLI", () => {
  test("a project without a deployment exits 3 and names what to do", async () => {
    const project = fixtureCopy("node-next");
    const result = await runCli(["update"], { cwd: project, env: account().env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("trinity deploy");
    expect(existsSync(join(project, ".trinity"))).toBe(false);
  });

  test("a conflict exits 4; the file holds markers, and --conflict rej leaves it alone instead", async () => {
    const { env } = account();
    // the new version changed the protocols heading, and so did the user
    const templates = revisedTemplates();

    const inline = await deployedProject(env);
    edit(inline, PROTOCOLS, (text) => text.replace("## Core rules", "## Our core rules"));
    const merged = await runCli(["update", "--templates", templates], { cwd: inline, env });
    expect(merged.code).toBe(4);
    expect(merged.stdout).toContain(PROTOCOLS);
    expect(read(inline, PROTOCOLS)).toContain("<<<<<<< yours (on disk)");
    const status = await runCli(["status", "--check", "--templates", templates], { cwd: inline, env });
    expect(status.code).toBe(5);
    expect(status.stdout).toMatch(new RegExp(`conflict\\s+\\S+\\s+${PROTOCOLS.replace(/\./g, "\\.")}`));

    const beside = await deployedProject(env);
    edit(beside, PROTOCOLS, (text) => text.replace("## Core rules", "## Our core rules"));
    const mine = read(beside, PROTOCOLS);
    const rej = await runCli(["update", "--templates", templates, "--conflict", "rej"], { cwd: beside, env });
    expect(rej.code).toBe(4);
    expect(read(beside, PROTOCOLS)).toBe(mine);
    expect(read(beside, `${PROTOCOLS}.trinity-new`)).toContain("## Core rules (revised)");
    expect(existsSync(join(beside, `${PROTOCOLS}.rej`))).toBe(true);
  });

  test("--dry-run --diff shows the changes and writes nothing", async () => {
    const { env } = account();
    const project = await deployedProject(env);
    rmSync(join(project, ".claude/agents/trinity/execution/kil-task-executor.md"));
    const before = snapshot(project);
    const result = await runCli(["update", "--dry-run", "--diff", "--force"], { cwd: project, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kil-task-executor.md");
    expect(result.stdout).toContain("+name: kil-task-executor");
    expect(snapshot(project)).toEqual(before);
  });
});

describe("the projects registry and update --all", () => {
  test("deploy registers the project; a dry run does not", async () => {
    const { env, registry } = account();
    const tried = fixtureCopy("node-next");
    expect((await runCli(["deploy", "--dry-run"], { cwd: tried, env })).code).toBe(0);
    expect(existsSync(registry)).toBe(false);
    const project = await deployedProject(env);
    expect(JSON.parse(readFileSync(registry, "utf8")).projects).toEqual([project]);
  });

  test("update --all updates every registered project and reports one that is gone without failing", async () => {
    const { env, registry } = account();
    const first = await deployedProject(env);
    const second = await deployedProject(env, "python-poetry");
    const gone = await deployedProject(env, "rust-cli");
    rmSync(gone, { recursive: true });
    rmSync(join(first, PROTOCOLS));
    rmSync(join(second, PROTOCOLS));
    expect(JSON.parse(readFileSync(registry, "utf8")).projects).toHaveLength(3);

    const result = await runCli(["update", "--all", "--force", "--json"], { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const byRoot = Object.fromEntries(report.projects.map((p: { root: string }) => [p.root, p]));
    expect(byRoot[gone].error).toContain("gone");
    expect(byRoot[first].exitCode).toBe(0);
    expect(existsSync(join(first, PROTOCOLS))).toBe(true);
    expect(existsSync(join(second, PROTOCOLS))).toBe(true);
  });

  test("update --all with no registry says how projects get registered", async () => {
    const result = await runCli(["update", "--all"], { env: account().env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("`trinity deploy` registers each project");
  });
});

describe("trinity status and diff", () => {
  test("status --check exits 0 on a fresh deployment and 5 once a managed file is edited", async () => {
    const { env } = account();
    const project = await deployedProject(env);
    const clean = await runCli(["status", "--check"], { cwd: project, env });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("Drift: none.");
    edit(project, PROTOCOLS, (text) => `${text}\nTeam rule.\n`);
    const drifted = await runCli(["status", "--check"], { cwd: project, env });
    expect(drifted.code).toBe(5);
    expect(drifted.stdout).toMatch(new RegExp(`modified\\s+keep\\s+${PROTOCOLS.replace(/\./g, "\\.")}`));
  });

  test("new source files change only the facts: status lists them, --check does not count them", async () => {
    const { env } = account();
    const project = await deployedProject(env);
    writeFileSync(join(project, "src/app/extra.ts"), "// TODO: wire the API\nexport const extra = 1;\n");
    const result = await runCli(["status", "--check", "--json"], { cwd: project, env });
    expect(result.code).toBe(0);
    const files: { path: string; update: string; factsOnly: boolean }[] = JSON.parse(result.stdout).files;
    expect(files.find((f) => f.path === ".claude/trinity/knowledge-base/ARCHITECTURE.md")).toMatchObject({ update: "update", factsOnly: true });
    expect(JSON.parse(result.stdout).drift).toBe(false);
  });

  test("diff prints the unified diff an update would apply, and says so when there is none", async () => {
    const { env } = account();
    const project = await deployedProject(env);
    expect((await runCli(["diff"], { cwd: project, env })).stdout).toBe("No differences: an update would change nothing.\n");
    const result = await runCli(["diff", "--templates", revisedTemplates()], { cwd: project, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`--- a/${PROTOCOLS}`);
    expect(result.stdout).toContain("-## Core rules\n+## Core rules (revised)");
  });
});
