/**
 * The platforms trinity is released for, and where the releases live. Everything that names a
 * release archive or its address (build.ts, the Homebrew formula, the scoop manifest, the tests)
 * reads it from here; install.sh repeats the address and a test keeps the two equal.
 */

/** Where GitHub serves release assets; a release's files are under `v<version>/`. */
export const RELEASES_URL = "https://github.com/trinity-method/trinity/releases/download";

/** The project's home page. */
export const HOMEPAGE = "https://github.com/trinity-method/trinity";

/** One release platform. */
export interface Target {
  /** `<os>-<arch>`, as in the archive names. */
  id: string;
  os: "linux" | "darwin" | "windows";
  arch: "x64" | "arm64";
  /** Bun's compile target. */
  bun: Bun.Build.CompileTarget;
  /** The executable's name inside the archive. */
  executable: "trinity" | "trinity.exe";
  archive: "tar.gz" | "zip";
}

/** The five release platforms, in release order. */
export const TARGETS: readonly Target[] = [
  { id: "linux-x64", os: "linux", arch: "x64", bun: "bun-linux-x64", executable: "trinity", archive: "tar.gz" },
  { id: "linux-arm64", os: "linux", arch: "arm64", bun: "bun-linux-arm64", executable: "trinity", archive: "tar.gz" },
  { id: "darwin-x64", os: "darwin", arch: "x64", bun: "bun-darwin-x64", executable: "trinity", archive: "tar.gz" },
  { id: "darwin-arm64", os: "darwin", arch: "arm64", bun: "bun-darwin-arm64", executable: "trinity", archive: "tar.gz" },
  { id: "windows-x64", os: "windows", arch: "x64", bun: "bun-windows-x64", executable: "trinity.exe", archive: "zip" },
];

/** The directory URL of one release, ending in a slash. */
export function releaseUrl(version: string): string {
  return `${RELEASES_URL}/v${version}/`;
}

/** `trinity-<version>-<target>.tar.gz` (`.zip` for Windows). */
export function archiveName(version: string, target: Target): string {
  return `trinity-${version}-${target.id}.${target.archive}`;
}

/** The target by id; throws naming the known ones. */
export function targetById(id: string): Target {
  const target = TARGETS.find((t) => t.id === id);
  if (!target) throw new Error(`unknown target ${JSON.stringify(id)}; the targets are ${TARGETS.map((t) => t.id).join(", ")}`);
  return target;
}

/** The target of the machine running this, or null when trinity is not released for it. */
export function hostTarget(): Target | null {
  const os = process.platform === "win32" ? "windows" : process.platform;
  return TARGETS.find((t) => t.os === os && t.arch === process.arch) ?? null;
}
