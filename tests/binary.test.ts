import { beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../build.ts";
import packageJson from "../package.json" with { type: "json" };
import { fixtureCopy, read, snapshot, tempDir, writeFiles } from "./support/tree.ts";

/** The compiled executable, built into a temporary folder and then copied alone to another one. */
let binary = "";

beforeAll(async () => {
  const built = await buildBinary({ outfile: join(tempDir("trinity-build-"), "trinity") });
  const lonely = join(tempDir("trinity-bin-"), "bin");
  mkdirSync(lonely);
  binary = join(lonely, "trinity");
  copyFileSync(built, binary);
  spawnSync("chmod", ["+x", binary]);
}, 120_000);

function trinity(args: string[], cwd: string, env: Record<string, string> = {}) {
  // A home of its own, so the project registry deploy writes lands in a temporary folder.
  const result = spawnSync(binary, args, { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: tempDir("trinity-home-"), ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the compiled binary", () => {
  test("prints its version and build commit", () => {
    const result = trinity(["--version"], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^trinity ${packageJson.version.replace(/\./g, "\\.")} \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)\\n$`));
  });

  test("copied alone to another folder, deploys into a fixture from an unrelated working directory", () => {
    const project = fixtureCopy("node-next");
    const elsewhere = tempDir();
    const result = trinity(["deploy", project, "--yes"], elsewhere);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(read(project, "CLAUDE.md")).toContain("@.claude/trinity/CLAUDE.md");
    expect(existsSync(join(project, ".claude/trinity/knowledge-base/ARCHITECTURE.md"))).toBe(true);
    expect(snapshot(elsewhere)).toEqual({});
    const again = trinity(["deploy", project, "--yes"], elsewhere);
    expect(again.code).toBe(3);
  });

  test("never runs a preload script from the project's bunfig.toml", () => {
    const project = fixtureCopy("empty");
    writeFiles(project, {
      "bunfig.toml": 'preload = ["./evil.ts"]\n',
      "evil.ts": 'require("node:fs").writeFileSync("PWNED", "preload ran");\n',
    });
    const result = trinity(["deploy", "--yes"], project);
    expect(result.code).toBe(0);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
    expect(trinity(["--version"], project).code).toBe(0);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
  });

  test("does not load the project's .env", () => {
    const project = fixtureCopy("empty");
    writeFiles(project, { ".env": "FORCE_COLOR=1\n" });
    const result = trinity(["deploy", "--yes"], project);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("\u001b[");
    // the same variable from the real environment does colour the output, so the check can fail
    const forced = trinity(["deploy", "--dry-run", "--force"], project, { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[");
  });

  test("reports a usage error with exit code 2 and no stack trace", () => {
    const result = trinity(["deploy", "--bogus"], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option --bogus");
    expect(result.stderr).not.toContain("    at ");
  });
});

describe("the compiled binary's scan", () => {
  test("reads a large tree with worker threads it carries inside, never a worker script from the project", () => {
    const project = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) files[`src/m${i % 30}/f${i}.ts`] = `// TODO: ${i}\nexport const x${i} = ${i};\n`;
    // a worker script where a careless loader would look for one, relative to the working directory
    const evil = 'require("node:fs").writeFileSync("PWNED", "worker from the project ran");\n';
    Object.assign(files, { "worker.ts": evil, "metrics/worker.ts": evil, "src/metrics/worker.ts": evil });
    writeFiles(project, files);
    const result = trinity(["scan", "--json"], project);
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout).metrics;
    expect(metrics).toMatchObject({ files: 2100 + 3, todo: 2100 });
    expect(metrics.threads).toBe(Math.min(4, availableParallelism()) > 1 ? Math.min(4, availableParallelism()) : 1);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
  });
});
