import { beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildBinary } from "../build.ts";
import packageJson from "../package.json" with { type: "json" };
import { formatSums, parseSums } from "../packaging/checksums.ts";
import { packageRelease } from "../packaging/release.ts";
import { archiveName, hostTarget, RELEASES_URL, type Target } from "../packaging/targets.ts";
import { tempDir, writeFiles } from "./support/tree.ts";

const INSTALL_SH = join(import.meta.dir, "..", "install.sh");
const host = hostTarget();
// install.sh installs Linux and macOS builds; elsewhere there is nothing to install.
const unsupportedHost = host === null || host.os === "windows";

/** A release directory holding one archive (of `executable`, for `target`) and its SHA256SUMS, made by the release code. */
function release(version: string, target: Target, executable: string | Uint8Array): string {
  const bin = tempDir();
  writeFiles(bin, { [`${target.id}/${target.executable}`]: executable });
  chmodSync(join(bin, target.id, target.executable), 0o755);
  const out = join(tempDir(), "release");
  packageRelease({ version, targets: [target], binDir: bin, outDir: out, mtime: new Date("2026-01-01T00:00:00Z") });
  return out;
}

/** A stand-in executable: install.sh runs `trinity --version` before it puts it in place. */
const FAKE_TRINITY = "#!/bin/sh\necho 'trinity 9.9.9 (commit fake)'\n";

function install(args: string[], env: Record<string, string>) {
  const home = tempDir();
  const result = spawnSync("sh", [INSTALL_SH, ...args], {
    cwd: tempDir(),
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, home };
}

/** A directory holding a fake `uname` that reports this OS and machine. */
function fakeUname(os: string, machine: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, "uname"), `#!/bin/sh\ncase "$1" in -s) echo ${os} ;; -m) echo ${machine} ;; *) echo ${os} ;; esac\n`);
  chmodSync(join(dir, "uname"), 0o755);
  return `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`;
}

describe.skipIf(unsupportedHost)("install.sh", () => {
  let realRelease = "";

  beforeAll(async () => {
    const binary = await buildBinary({ outfile: join(tempDir("trinity-build-"), host!.executable) });
    realRelease = release(packageJson.version, host!, readFileSync(binary));
  }, 120_000);

  test("installs this machine's binary from a local release directory as PREFIX/bin/trinity, which runs", () => {
    const prefix = join(tempDir(), "opt");
    const result = install(["--prefix", prefix], { TRINITY_INSTALL_FROM: realRelease });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const installed = join(prefix, "bin", "trinity");
    expect(result.stdout).toContain(`Fetching ${archiveName(packageJson.version, host!)} from ${realRelease}`);
    expect(result.stdout).toContain(`Installed trinity ${packageJson.version}`);
    expect(statSync(installed).mode & 0o777).toBe(0o755);
    const version = spawnSync(installed, ["--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toStartWith(`trinity ${packageJson.version} (commit `);
  });

  test("installs into ~/.local by default, replaces an earlier install, and says when the directory is not on PATH", () => {
    const fake = release("9.9.9", host!, FAKE_TRINITY);
    const first = install([], { TRINITY_INSTALL_FROM: fake });
    expect(first.code).toBe(0);
    const installed = join(first.home, ".local", "bin", "trinity");
    expect(readFileSync(installed, "utf8")).toBe(FAKE_TRINITY);
    expect(first.stdout).toContain(`${join(first.home, ".local", "bin")} is not on your PATH`);
    const prefix = tempDir();
    writeFiles(prefix, { "bin/trinity": "old\n" });
    const again = install([`--prefix=${prefix}`, "--version", "9.9.9"], { TRINITY_INSTALL_FROM: fake });
    expect(again.code).toBe(0);
    expect(readFileSync(join(prefix, "bin", "trinity"), "utf8")).toBe(FAKE_TRINITY);
  });

  test("refuses an archive whose checksum does not match SHA256SUMS, and installs nothing", () => {
    const tampered = join(tempDir(), "release");
    cpSync(release("9.9.9", host!, FAKE_TRINITY), tampered, { recursive: true });
    const name = archiveName("9.9.9", host!);
    const sums = parseSums(readFileSync(join(tampered, "SHA256SUMS"), "utf8"));
    sums.set(name, "0".repeat(64));
    writeFileSync(join(tampered, "SHA256SUMS"), formatSums(sums));
    const prefix = tempDir();
    const result = install(["--prefix", prefix], { TRINITY_INSTALL_FROM: tampered });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`install.sh: error: checksum mismatch for ${name}: SHA256SUMS says ${"0".repeat(64)}`);
    expect(result.stderr).toContain("nothing was installed");
    expect(existsSync(join(prefix, "bin"))).toBe(false);
  });

  test("names a missing archive, a missing SHA256SUMS, a version the release lacks, and a source that is not a directory", () => {
    const onlySums = tempDir();
    cpSync(join(release("9.9.9", host!, FAKE_TRINITY), "SHA256SUMS"), join(onlySums, "SHA256SUMS"));
    const noArchive = install([], { TRINITY_INSTALL_FROM: onlySums });
    expect(noArchive.code).toBe(1);
    expect(noArchive.stderr).toContain(`${onlySums}/${archiveName("9.9.9", host!)}: no such file`);

    const empty = tempDir();
    const noSums = install([], { TRINITY_INSTALL_FROM: empty });
    expect(noSums.code).toBe(1);
    expect(noSums.stderr).toContain(`${empty}/SHA256SUMS: no such file`);

    const otherVersion = install(["--version", "v1.0.0"], { TRINITY_INSTALL_FROM: release("9.9.9", host!, FAKE_TRINITY) });
    expect(otherVersion.code).toBe(1);
    expect(otherVersion.stderr).toContain(`lists no trinity 1.0.0 archive for ${host!.id}`);

    const notDirectory = install([], { TRINITY_INSTALL_FROM: join(empty, "nope") });
    expect(notDirectory.code).toBe(1);
    expect(notDirectory.stderr).toContain("is not a directory");
  });

  test("refuses an unsupported operating system or architecture with what to do instead", () => {
    const bsd = install([], { PATH: fakeUname("FreeBSD", "x86_64"), TRINITY_INSTALL_FROM: tempDir() });
    expect(bsd.code).toBe(1);
    expect(bsd.stderr).toContain("install.sh: error: unsupported operating system: FreeBSD");
    const windows = install([], { PATH: fakeUname("MINGW64_NT-10.0", "x86_64"), TRINITY_INSTALL_FROM: tempDir() });
    expect(windows.stderr).toContain("does not install on Windows");
    expect(windows.stderr).toContain("scoop");
    const mips = install([], { PATH: fakeUname("Linux", "mips64"), TRINITY_INSTALL_FROM: tempDir() });
    expect(mips.code).toBe(1);
    expect(mips.stderr).toContain("unsupported architecture: mips64");
  });

  test("an unknown option is a usage error (exit 2); --help prints the usage", () => {
    const bad = install(["--prefx", "/tmp"], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option --prefx");
    const help = install(["--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: install.sh [--prefix DIR] [--version VERSION]");
  });
});

describe("install.sh's source", () => {
  test("downloads from the same release address as the formula and the manifest", () => {
    expect(readFileSync(INSTALL_SH, "utf8")).toContain(`RELEASES_URL="${RELEASES_URL}"`);
  });

  const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
  test.skipIf(!shellcheck)("passes shellcheck", () => {
    const result = spawnSync("shellcheck", [INSTALL_SH], { encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});
