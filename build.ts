/**
 * Builds the trinity executable: `bun build.ts` compiles dist/trinity for this machine.
 *
 * The templates are embedded as a compile-time constant, so the binary needs no files beside it.
 * The runtime's automatic loading of .env, bunfig.toml, tsconfig.json and package.json from the
 * working directory is switched off: trinity runs inside other people's repositories, and their
 * bunfig.toml must never be able to preload code into it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import packageJson from "./package.json" with { type: "json" };
import { readTree } from "./src/templates/source.ts";

const ROOT = import.meta.dir;

export interface BuildOptions {
  /** Where the executable goes. */
  outfile: string;
  /** A Bun compile target such as "bun-linux-arm64"; the host when absent. */
  target?: string;
  /** The templates directory to embed (default: this repository's templates/). */
  templatesDir?: string;
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

/** Compiles one executable. Throws with Bun's messages when the build fails. */
export async function buildBinary(options: BuildOptions): Promise<string> {
  const templates = Object.fromEntries(readTree(options.templatesDir ?? join(ROOT, "templates")));
  const outfile = resolve(options.outfile);
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src", "main.ts")],
    minify: true,
    bytecode: true,
    define: {
      TRINITY_EMBEDDED_TEMPLATES: JSON.stringify(templates),
      TRINITY_VERSION: JSON.stringify(packageJson.version),
      TRINITY_COMMIT: JSON.stringify(buildCommit()),
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

if (import.meta.main) {
  const outfile = join(ROOT, "dist", process.platform === "win32" ? "trinity.exe" : "trinity");
  const built = await buildBinary({ outfile });
  console.log(`built ${built} (trinity ${packageJson.version}, commit ${buildCommit()})`);
}
