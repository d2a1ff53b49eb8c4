/**
 * `npm run test:claude`: validates deployed fixtures with the real Claude Code CLI, offline
 * (CLAUDE-CODE-FORMATS.md §8). Installs the pinned CLI from the npm registry into a cache outside
 * the repository, deploys a Node fixture (skills) and a Python fixture (legacy commands) into
 * temporary folders, and runs the three checks in a throwaway home with no credentials:
 *   1. `claude plugin validate .claude --strict --json` — frontmatter of agents, skills, commands;
 *   2. `claude doctor` — settings and permission rules;
 *   3. `claude -p /context` — what actually loads: every agent and workflow, the CLAUDE.md import,
 *      and no loading complaint in the debug log.
 * Exits 1 on any finding. Too heavy for every CI run; run it before changing templates or formats.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AGENTS, WORKFLOWS } from "../src/templates/roster.ts";

const CLAUDE_VERSION = "2.1.332";
const ROOT = resolve(import.meta.dir, "..");
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "trinity", `claude-code-${CLAUDE_VERSION}`);
const DEBUG_COMPLAINTS = /Agent file|Failed to parse agent|not loaded:|frontmatter|Frontmatter|\[skills\]|Invalid hooks|Invalid setting|Duplicate agent name/;

function installClaude(): string {
  const binary = join(CACHE, "node_modules", ".bin", "claude");
  if (existsSync(binary)) return binary;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, "package.json"), '{ "private": true }\n');
  console.log(`installing @anthropic-ai/claude-code@${CLAUDE_VERSION} into ${CACHE}`);
  const npm = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", `@anthropic-ai/claude-code@${CLAUDE_VERSION}`], {
    cwd: CACHE,
    stdio: "inherit",
  });
  if (npm.status !== 0 || !existsSync(binary)) throw new Error("could not install the Claude Code CLI from the npm registry");
  return binary;
}

interface Case {
  fixture: string;
  format: "skills" | "commands";
}

/** Deploys a fixture copy and runs the three checks; returns the findings. */
function check(claude: string, { fixture, format }: Case): string[] {
  const work = mkdtempSync(join(tmpdir(), "trinity-claude-"));
  const findings: string[] = [];
  try {
    const repo = join(work, fixture);
    cpSync(join(ROOT, "tests", "fixtures", fixture), repo, { recursive: true });
    const deploy = spawnSync(process.execPath, [join(ROOT, "src", "main.ts"), "deploy", repo, "--yes", "--command-format", format], { encoding: "utf8" });
    if (deploy.status !== 0) return [`deploy failed: ${deploy.stderr}`];
    const real = realpathSync(repo);
    const home = join(work, "home");
    const config = join(home, ".claude");
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, ".claude.json"), JSON.stringify({ projects: { [real]: { hasTrustDialogAccepted: true } } }));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      CLAUDE_CONFIG_DIR: config,
      XDG_CONFIG_HOME: join(home, ".config"),
      DISABLE_TELEMETRY: "1",
      DISABLE_ERROR_REPORTING: "1",
      DISABLE_AUTOUPDATER: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      NO_COLOR: "1",
    };
    const run = (args: string[]) => spawnSync(claude, args, { cwd: real, env, encoding: "utf8", timeout: 120_000 });

    const validate = run(["plugin", "validate", ".claude", "--strict", "--json"]);
    if (validate.status !== 0) findings.push(`plugin validate exited ${validate.status}: ${validate.stdout}${validate.stderr}`);

    const doctor = run(["doctor"]);
    if (/^(Invalid settings|Permission rules that may not work as written)$/m.test(doctor.stdout)) {
      findings.push(`claude doctor reported settings problems:\n${doctor.stdout}`);
    }

    const debugLog = join(work, "debug.log");
    const context = run([
      "-p",
      "/context",
      "--settings",
      '{"disableAllHooks":true}',
      "--output-format",
      "stream-json",
      "--verbose",
      "--no-session-persistence",
      "--debug-file",
      debugLog,
    ]);
    if (context.status !== 0) findings.push(`claude -p /context exited ${context.status}: ${context.stderr}`);
    const messages = context.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const init = messages.find((m) => m.type === "system" && m.subtype === "init") as
      | { agents?: string[]; slash_commands?: string[]; skills?: string[] }
      | undefined;
    if (!init) {
      findings.push("no init message from claude -p");
    } else {
      for (const agent of AGENTS) if (!init.agents?.includes(agent.stem)) findings.push(`agent ${agent.stem} did not load`);
      for (const workflow of WORKFLOWS) {
        if (!init.slash_commands?.includes(`trinity-${workflow.name}`)) findings.push(`/trinity-${workflow.name} is not among the slash commands`);
      }
    }
    // The Memory Files table is the CLI's only signal that an @import was dropped.
    const report = String(messages.find((m) => m.type === "result")?.result ?? "");
    const memoryFiles = /### Memory Files\n([\s\S]*?)(?:\n###|$)/.exec(report)?.[1] ?? "";
    for (const expected of [join(real, "CLAUDE.md"), join(real, ".claude", "trinity", "CLAUDE.md")]) {
      if (!memoryFiles.includes(`| ${expected} |`)) findings.push(`the /context Memory Files table does not list ${expected}`);
    }
    const complaints = existsSync(debugLog) ? readFileSync(debugLog, "utf8").split("\n").filter((line) => DEBUG_COMPLAINTS.test(line)) : [];
    for (const line of complaints) findings.push(`debug log: ${line}`);
    if (init) console.log(`  loaded: ${init.agents?.filter((a) => AGENTS.some((x) => x.stem === a)).length ?? 0} agents, ${init.slash_commands?.filter((c) => c.startsWith("trinity-")).length ?? 0} workflows`);
    return findings;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const claude = installClaude();
const version = spawnSync(claude, ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`Claude Code ${version}`);
let total = 0;
for (const testCase of [
  { fixture: "node-next", format: "skills" },
  { fixture: "python-poetry", format: "commands" },
] as Case[]) {
  console.log(`${testCase.fixture} (${testCase.format}):`);
  const findings = check(claude, testCase);
  for (const finding of findings) console.log(`  finding: ${finding}`);
  console.log(`  ${findings.length} finding(s)`);
  total += findings.length;
}
console.log(total === 0 ? "test:claude: zero findings" : `test:claude: ${total} finding(s)`);
process.exitCode = total === 0 ? 0 : 1;
