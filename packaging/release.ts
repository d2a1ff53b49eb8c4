/** Turns built executables into a release directory: archives, SHA256SUMS, and the package-manager files. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tarGz, zip } from "./archive.ts";
import { formatSums, parseSums, sha256 } from "./checksums.ts";
import { homebrewFormula } from "./homebrew.ts";
import { scoopManifest } from "./scoop.ts";
import { archiveName, type Target } from "./targets.ts";

/** One archive of a release. */
export interface ReleaseArchive {
  name: string;
  target: Target;
  bytes: number;
  /** Size of the executable inside. */
  executableBytes: number;
  sha256: string;
}

/** What packageRelease() packs, from where, to where. */
export interface PackageOptions {
  version: string;
  targets: readonly Target[];
  /** Holds `<target id>/<executable>` for each target. */
  binDir: string;
  /** Emptied, then given the archives and SHA256SUMS and nothing else. */
  outDir: string;
  /** The date recorded in the archives. */
  mtime: Date;
}

/** Packs each target's executable into its archive and writes SHA256SUMS listing exactly those archives. */
export function packageRelease(options: PackageOptions): ReleaseArchive[] {
  // Read every executable before touching outDir, so a missing one leaves the last release in place.
  const executables = options.targets.map((target) => {
    const path = join(options.binDir, target.id, target.executable);
    try {
      return { target, bytes: new Uint8Array(readFileSync(path)) };
    } catch {
      throw new Error(`${path}: no executable for ${target.id}; build it first with \`bun build.ts --all\``);
    }
  });
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const archives = executables.map(({ target, bytes: executable }): ReleaseArchive => {
    const pack = target.archive === "zip" ? zip : tarGz;
    const bytes = pack(target.executable, executable, options.mtime);
    const name = archiveName(options.version, target);
    writeFileSync(join(options.outDir, name), bytes);
    return { name, target, bytes: bytes.length, executableBytes: executable.length, sha256: sha256(bytes) };
  });
  writeFileSync(join(options.outDir, "SHA256SUMS"), formatSums(new Map(archives.map((a) => [a.name, a.sha256]))));
  return archives;
}

/** Writes packaging/homebrew/trinity.rb and packaging/scoop/trinity.json from a release directory's SHA256SUMS. */
export function writePackageManagerFiles(version: string, description: string, releaseDir: string, packagingDir: string): string[] {
  const sums = parseSums(readFileSync(join(releaseDir, "SHA256SUMS"), "utf8"));
  const listed = [...sums.keys()].sort();
  const present = readdirSync(releaseDir).filter((name) => name !== "SHA256SUMS").sort();
  if (listed.join("\n") !== present.join("\n")) {
    throw new Error(`${releaseDir}: SHA256SUMS lists ${listed.join(", ")} but the directory holds ${present.join(", ")}; run \`npm run release\` again`);
  }
  const formula = join(packagingDir, "homebrew", "trinity.rb");
  const manifest = join(packagingDir, "scoop", "trinity.json");
  const files: [string, string][] = [
    [formula, homebrewFormula(version, description, sums)],
    [manifest, scoopManifest(version, description, sums)],
  ];
  for (const [path, text] of files) writeFileSync(path, text);
  return files.map(([path]) => path);
}
