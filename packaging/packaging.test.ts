import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import packageJson from "../package.json" with { type: "json" };
import { tempDir, writeFiles } from "../tests/support/tree.ts";
import { tarGz, zip } from "./archive.ts";
import { formatSums, parseSums, sha256 } from "./checksums.ts";
import { homebrewFormula } from "./homebrew.ts";
import { packageRelease, writePackageManagerFiles } from "./release.ts";
import { scoopManifest } from "./scoop.ts";
import { archiveName, releaseUrl, TARGETS } from "./targets.ts";

const MTIME = new Date("2026-01-02T03:04:05Z");
const DESCRIPTION = "Installs the Trinity Method into a project and keeps it up to date";

/** SHA256SUMS for all five archives of `version`, with made-up but well-formed hashes. */
function fakeSums(version: string): Map<string, string> {
  return new Map(TARGETS.map((target, index) => [archiveName(version, target), sha256(new TextEncoder().encode(`archive ${index}`))]));
}

/** Every (archive URL, hash) pair a formula or manifest names, in order. */
function formulaPairs(formula: string): [string, string][] {
  const urls = [...formula.matchAll(/^\s*url "([^"]+)"$/gm)].map((m) => m[1]!);
  const hashes = [...formula.matchAll(/^\s*sha256 "([0-9a-f]{64})"$/gm)].map((m) => m[1]!);
  expect(hashes.length).toBe(urls.length);
  return urls.map((url, i) => [url, hashes[i]!]);
}

function manifestPairs(manifest: string): [string, string][] {
  const parsed = JSON.parse(manifest) as { architecture: Record<string, { url: string; hash: string }> };
  return Object.values(parsed.architecture).map((entry) => [entry.url, entry.hash]);
}

describe("release archives", () => {
  test("a .tar.gz holds the executable with mode 0755 and owner 0, and system tar unpacks the same bytes", () => {
    const content = new Uint8Array(70_000).map((_, i) => (i * 31) % 251);
    const dir = tempDir();
    writeFileSync(join(dir, "t.tar.gz"), tarGz("trinity", content, MTIME));
    const listing = spawnSync("tar", ["-tvzf", "t.tar.gz"], { cwd: dir, encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    expect(listing.stderr).toBe("");
    expect(listing.stdout).toMatch(/^-rwxr-xr-x 0\/0 +70000 2026-01-02 03:04 trinity\n$/);
    mkdirSync(join(dir, "out"));
    expect(spawnSync("tar", ["-xzf", "t.tar.gz", "-C", "out"], { cwd: dir }).status).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, "out", "trinity")))).toEqual(content);
    expect(statSync(join(dir, "out", "trinity")).mode & 0o777).toBe(0o755);
  });

  test("the same input gives byte-identical archives", () => {
    const content = new TextEncoder().encode("the executable");
    expect(tarGz("trinity", content, MTIME)).toEqual(tarGz("trinity", content, MTIME));
    expect(zip("trinity.exe", content, MTIME)).toEqual(zip("trinity.exe", content, MTIME));
  });

  test("a .zip holds the executable under its name", () => {
    const content = new TextEncoder().encode("MZ pretend this is a Windows executable");
    const entries = unzipSync(zip("trinity.exe", content, MTIME));
    expect(Object.keys(entries)).toEqual(["trinity.exe"]);
    expect(entries["trinity.exe"]).toEqual(content);
  });

  test("packageRelease() writes one archive per target and a SHA256SUMS listing exactly those, which sha256sum accepts", () => {
    const bin = tempDir();
    for (const target of TARGETS) writeFiles(bin, { [`${target.id}/${target.executable}`]: `executable for ${target.id}` });
    const out = join(tempDir(), "release");
    const archives = packageRelease({ version: "1.2.3", targets: TARGETS, binDir: bin, outDir: out, mtime: MTIME });
    const names = TARGETS.map((target) => archiveName("1.2.3", target));
    expect(archives.map((a) => a.name)).toEqual(names);
    expect(readdirSync(out).sort()).toEqual([...names, "SHA256SUMS"].sort());
    const sums = parseSums(readFileSync(join(out, "SHA256SUMS"), "utf8"));
    expect([...sums.keys()].sort()).toEqual([...names].sort());
    for (const archive of archives) expect(sums.get(archive.name)).toBe(sha256(readFileSync(join(out, archive.name))));
    const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" });
    expect(check.status).toBe(0);
  });

  test("packageRelease() names the missing executable and how to build it, and leaves the last release alone", () => {
    const out = tempDir();
    writeFiles(out, { SHA256SUMS: "the last release\n" });
    expect(() => packageRelease({ version: "1.2.3", targets: TARGETS, binDir: tempDir(), outDir: out, mtime: MTIME })).toThrow(
      /linux-x64\/trinity: no executable for linux-x64; build it first with `bun build.ts --all`/,
    );
    expect(readFileSync(join(out, "SHA256SUMS"), "utf8")).toBe("the last release\n");
  });
});

describe("SHA256SUMS", () => {
  test("formats `<hash>  <name>` lines sorted by name, and parses them back (binary-mode lines too)", () => {
    const sums = fakeSums("1.2.3");
    const text = formatSums(sums);
    expect(text.split("\n")[0]).toMatch(/^[0-9a-f]{64} {2}trinity-1\.2\.3-darwin-arm64\.tar\.gz$/);
    expect(parseSums(text)).toEqual(sums);
    expect(parseSums(text.replace(/ {2}/g, " *"))).toEqual(sums);
  });

  test("a malformed line is an error naming the line", () => {
    expect(() => parseSums(`${"a".repeat(64)}  ok.tar.gz\nnot a checksum line\n`)).toThrow('SHA256SUMS line 2: expected "<sha256>  <file>"');
  });
});

describe("the Homebrew formula and the scoop manifest", () => {
  test("name every archive of the release exactly once, each with its hash from SHA256SUMS", () => {
    const sums = fakeSums("1.2.3");
    const pairs = [...formulaPairs(homebrewFormula("1.2.3", DESCRIPTION, sums)), ...manifestPairs(scoopManifest("1.2.3", DESCRIPTION, sums))];
    const named = pairs.map(([url]) => url.slice(releaseUrl("1.2.3").length));
    for (const [url] of pairs) expect(url.startsWith(releaseUrl("1.2.3"))).toBe(true);
    expect(named.sort()).toEqual([...sums.keys()].sort());
    for (const [url, hash] of pairs) expect(hash).toBe(sums.get(url.slice(releaseUrl("1.2.3").length))!);
  });

  test("the formula installs the binary with its completions; the manifest says where the next release is", () => {
    const sums = fakeSums("1.2.3");
    const formula = homebrewFormula("1.2.3", DESCRIPTION, sums);
    expect(formula).toContain('bin.install "trinity"');
    expect(formula).toContain('generate_completions_from_executable(bin/"trinity", "completions")');
    expect(formula).toContain('version "1.2.3"');
    const manifest = JSON.parse(scoopManifest("1.2.3", DESCRIPTION, sums));
    expect(manifest).toMatchObject({ version: "1.2.3", bin: "trinity.exe", autoupdate: { hash: { url: "$baseurl/SHA256SUMS" } } });
    expect(manifest.autoupdate.architecture["64bit"].url).toBe(`${releaseUrl("$version")}trinity-$version-windows-x64.zip`);
  });

  test("an archive missing from SHA256SUMS is an error naming it", () => {
    const sums = fakeSums("1.2.3");
    sums.delete("trinity-1.2.3-windows-x64.zip");
    expect(() => scoopManifest("1.2.3", DESCRIPTION, sums)).toThrow("SHA256SUMS has no line for trinity-1.2.3-windows-x64.zip");
  });

  test("writePackageManagerFiles() writes the pair from a release directory, and refuses one whose SHA256SUMS does not match its files", () => {
    const release = tempDir();
    const sums = fakeSums("1.2.3");
    writeFiles(release, Object.fromEntries([...sums.keys()].map((name) => [name, "x"])));
    writeFileSync(join(release, "SHA256SUMS"), formatSums(sums));
    const packaging = tempDir();
    mkdirSync(join(packaging, "homebrew"));
    mkdirSync(join(packaging, "scoop"));
    writePackageManagerFiles("1.2.3", DESCRIPTION, release, packaging);
    expect(readFileSync(join(packaging, "homebrew", "trinity.rb"), "utf8")).toBe(homebrewFormula("1.2.3", DESCRIPTION, sums));
    expect(readFileSync(join(packaging, "scoop", "trinity.json"), "utf8")).toBe(scoopManifest("1.2.3", DESCRIPTION, sums));
    writeFileSync(join(release, "stray.tar.gz"), "x");
    expect(() => writePackageManagerFiles("1.2.3", DESCRIPTION, release, packaging)).toThrow(/but the directory holds/);
  });

  test("the committed pair is exactly what the generator writes from the checksums they carry", () => {
    const formula = readFileSync(join(import.meta.dir, "homebrew", "trinity.rb"), "utf8");
    const manifest = readFileSync(join(import.meta.dir, "scoop", "trinity.json"), "utf8");
    const version = JSON.parse(manifest).version as string;
    const sums = new Map([...formulaPairs(formula), ...manifestPairs(manifest)].map(([url, hash]) => [url.slice(releaseUrl(version).length), hash]));
    expect(homebrewFormula(version, packageJson.description, sums)).toBe(formula);
    expect(scoopManifest(version, packageJson.description, sums)).toBe(manifest);
  });
});
