/**
 * `npm run bench`: how fast trinity's metrics scan is, compared with ripgrep on the same tree in
 * the same run. Generates a synthetic project of 50,000 source files (scripts/bench-tree.ts) in a
 * git work tree, builds the trinity binary, then times, alternating, `trinity scan --json` against
 * ripgrep doing the nearest equivalent work: `rg --files` (the file list) plus
 * `rg --count-matches` of the debt markers (reading every file). Prints the medians and, as the
 * last line, `scan/ripgrep ratio: N.NN`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../build.ts";
import { generateTree } from "./bench-tree.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FILES = Number(process.env.BENCH_FILES ?? 50_000);

function ensureRipgrep(): string {
  const found = spawnSync("rg", ["--version"], { encoding: "utf8" });
  if (found.status === 0) return found.stdout.split("\n")[0]!;
  console.log("ripgrep is missing; installing it from Debian's packages");
  const install = spawnSync("sh", ["-c", "(apt-get update && apt-get install -y ripgrep) >/dev/null 2>&1 || (sudo apt-get update && sudo apt-get install -y ripgrep) >/dev/null 2>&1"]);
  const again = spawnSync("rg", ["--version"], { encoding: "utf8" });
  if (install.status !== 0 || again.status !== 0) throw new Error("ripgrep is not installed and could not be installed with apt-get; install it and run again");
  return again.stdout.split("\n")[0]!;
}

/** Wall time of one command in milliseconds; fails loudly when the command fails. */
function time(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 });
  const elapsed = performance.now() - started;
  // ripgrep exits 1 when nothing matched, which is not a failure here
  if (result.status !== 0 && !(command === "rg" && result.status === 1)) {
    throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr?.toString()}`);
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const work = mkdtempSync(join(tmpdir(), "trinity-bench-"));
try {
  const ripgrep = ensureRipgrep();
  const tree = join(work, "project");
  const summary = generateTree(tree, FILES);
  spawnSync("git", ["init", "-q"], { cwd: tree });
  const binary = await buildBinary({ outfile: join(work, "trinity") });
  console.log(`tree: ${summary.files} files (${summary.sourceFiles} source files), ${RUNS} runs each; ${ripgrep}`);

  const markers = "\\b(TODO|FIXME|HACK|XXX)\\b";
  const trinityRun = () => time(binary, ["scan", ".", "--json"], tree);
  const ripgrepRun = () => time("rg", ["--files"], tree) + time("rg", ["--count-matches", markers], tree);
  trinityRun(); // warm the page cache and both programs
  ripgrepRun();
  const scans: number[] = [];
  const greps: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    scans.push(trinityRun());
    greps.push(ripgrepRun());
  }
  const scan = median(scans);
  const grep = median(greps);
  console.log(`trinity scan: median ${scan.toFixed(0)} ms (runs: ${scans.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`ripgrep (--files + --count-matches): median ${grep.toFixed(0)} ms (runs: ${greps.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`scan/ripgrep ratio: ${(scan / grep).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
