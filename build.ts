/**
 * Builds the trinity executable: `bun build.ts` compiles dist/trinity for this machine;
 * `bun build.ts --all` (`npm run release`) compiles all five release targets into dist/bin/ and packs
 * them into dist/release/ (archives and SHA256SUMS), then writes the Homebrew formula and the scoop
 * manifest in packaging/ from those checksums; `bun build.ts --package` only re-packs dist/bin/
 * (the release workflow runs it after re-signing the macOS executables).
 *
 * The templates are embedded as a compile-time constant, so the binary needs no files beside it.
 * The runtime's automatic loading of .env, bunfig.toml, tsconfig.json and package.json from the
 * working directory is switched off: trinity runs inside other people's repositories, and their
 * bunfig.toml must never be able to preload code into it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import packageJson from "./package.json" with { type: "json" };
import { packageRelease, writePackageManagerFiles, type ReleaseArchive } from "./packaging/release.ts";
import { TARGETS } from "./packaging/targets.ts";
import { readTree } from "./src/templates/source.ts";

const ROOT = import.meta.dir;

export interface BuildOptions {
  /** Where the executable goes. */
  outfile: string;
  /** A Bun compile target such as "bun-linux-arm64"; the host when absent. */
  target?: string;
  /** The templates directory to embed (default: this repository's templates/). */
  templatesDir?: string;
  /** Precompile to JavaScriptCore bytecode for a faster start (default: true). */
  bytecode?: boolean;
}

/** The commit the build is made from: TRINITY_COMMIT, else `git rev-parse --short HEAD`, else "unknown". */
export function buildCommit(): string {
  if (process.env.TRINITY_COMMIT) return process.env.TRINITY_COMMIT;
  const git = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const commit = git.status === 0 ? git.stdout.trim() : "";
  if (commit === "") return "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" });
  return dirty.status === 0 && dirty.stdout.trim() !== "" ? `${commit}-dirty` : commit;
}

/** The date recorded in release archives: SOURCE_DATE_EPOCH, else the commit's date, else now. */
export function buildDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH ?? spawnSync("git", ["log", "-1", "--format=%ct"], { cwd: ROOT, encoding: "utf8" }).stdout?.trim();
  const seconds = Number(epoch);
  return epoch && Number.isInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/**
 * The scan's worker thread as one self-contained script. The binary starts it from this text (a
 * Blob URL), so it never depends on how Bun names embedded files, and can never load a worker
 * script from the project it scans.
 */
async function bundleScanWorker(): Promise<string> {
  const result = await Bun.build({ entrypoints: [join(ROOT, "src", "metrics", "worker.ts")], target: "bun", minify: true });
  if (!result.success || result.outputs.length !== 1) {
    throw new Error(`cannot bundle the scan worker:\n${result.logs.map((log) => String(log)).join("\n")}`);
  }
  return result.outputs[0]!.text();
}

/** Compiles one executable. Throws with Bun's messages when the build fails. */
export async function buildBinary(options: BuildOptions): Promise<string> {
  const templates = Object.fromEntries(readTree(options.templatesDir ?? join(ROOT, "templates")));
  const outfile = resolve(options.outfile);
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src", "main.ts")],
    minify: true,
    bytecode: options.bytecode ?? true,
    define: {
      TRINITY_EMBEDDED_TEMPLATES: JSON.stringify(templates),
      TRINITY_VERSION: JSON.stringify(packageJson.version),
      TRINITY_COMMIT: JSON.stringify(buildCommit()),
      TRINITY_SCAN_WORKER_SOURCE: JSON.stringify(await bundleScanWorker()),
    },
    compile: {
      outfile,
      ...(options.target ? { target: options.target as Bun.Build.CompileTarget } : {}),
      autoloadDotenv: false,
      autoloadBunfig: false,
      autoloadTsconfig: false,
      autoloadPackageJson: false,
    },
  });
  if (!result.success) {
    throw new Error(`build failed:\n${result.logs.map((log) => String(log)).join("\n")}`);
  }
  return outfile;
}

const BIN_DIR = join(ROOT, "dist", "bin");
const RELEASE_DIR = join(ROOT, "dist", "release");

/**
 * Compiles every release target into dist/bin/<target>/. Bun fetches each target's runtime
 * through the npm registry on first use (then caches it).
 *
 * Bytecode is kept for every target: Bun compiles it with this machine's JavaScriptCore for the
 * same Bun version as the target's runtime, and every target's build is run on its own platform
 * before a release: linux-x64 natively and linux-arm64 under qemu in .ci/run, windows-x64 and both
 * macOS builds in the release workflow's Windows and macOS jobs, which stop the release if one does
 * not start. (Wine 8, Debian 12's, cannot load Bun's Windows runtime: it lacks bcryptprimitives.dll.)
 * A target that fails there gets `bytecode: false` in the call below, with the reason.
 */
async function buildAll(): Promise<void> {
  rmSync(BIN_DIR, { recursive: true, force: true });
  for (const target of TARGETS) {
    const started = performance.now();
    try {
      await buildBinary({ outfile: join(BIN_DIR, target.id, target.executable), target: target.bun });
    } catch (error) {
      // The usual cause is the runtime download: Bun fetches it through the npm registry.
      throw new Error(`compiling ${target.id} failed (Bun downloads each target's runtime through the npm registry on first use): ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(`compiled ${target.id} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

function packageAll(): void {
  const archives = packageRelease({ version: packageJson.version, targets: TARGETS, binDir: BIN_DIR, outDir: RELEASE_DIR, mtime: buildDate() });
  const written = writePackageManagerFiles(packageJson.version, packageJson.description, RELEASE_DIR, join(ROOT, "packaging"));
  console.log(sizeTable(archives));
  console.log(`wrote ${relative(ROOT, RELEASE_DIR)}/SHA256SUMS, ${written.map((path) => relative(ROOT, path)).join(", ")}`);
}

function sizeTable(archives: readonly ReleaseArchive[]): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`.padStart(10);
  const width = Math.max(...archives.map((a) => a.name.length)) + 2;
  return [`${"archive".padEnd(width)}   archive  executable`, ...archives.map((a) => `${a.name.padEnd(width)}${mb(a.bytes)}  ${mb(a.executableBytes)}`)].join("\n");
}

if (import.meta.main) {
  const mode = process.argv[2];
  try {
    if (mode === undefined) {
      const outfile = join(ROOT, "dist", process.platform === "win32" ? "trinity.exe" : "trinity");
      const built = await buildBinary({ outfile });
      console.log(`built ${built} (trinity ${packageJson.version}, commit ${buildCommit()})`);
    } else if (mode === "--all") {
      await buildAll();
      packageAll();
    } else if (mode === "--package") {
      packageAll();
    } else {
      console.error(`build.ts: unknown option ${mode}; use no option (this machine), --all (every release target) or --package (re-pack dist/bin/)`);
      process.exit(2);
    }
  } catch (error) {
    console.error(`build.ts: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
