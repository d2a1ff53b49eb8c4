import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { FIXTURES } from "./fixtures.ts";
import { afterAll } from "bun:test";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file finishes. */
export function tempDir(prefix = "trinity-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A temporary copy of a fixture from tests/fixtures/ (or an empty directory for "empty"). */
export function fixtureCopy(name: string): string {
  const dir = join(tempDir(), name);
  if (name === "empty") mkdirSync(dir);
  else cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Writes files (path → content) under a directory, creating parents. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Every file and directory under `root` with its bytes (base64) and mode: a byte-exact picture. */
export function snapshot(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path).split("\\").join("/");
      const stats = statSync(path);
      if (stats.isDirectory()) {
        result[`${rel}/`] = "";
        visit(path);
      } else {
        result[rel] = `${(stats.mode & 0o777).toString(8)}:${readFileSync(path).toString("base64")}`;
      }
    }
  };
  visit(root);
  return result;
}

/** The text of a file under `root`. */
export function read(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}

/** Every file path under `root`, relative, sorted. */
export function listFiles(root: string): string[] {
  return Object.keys(snapshot(root)).filter((path) => !path.endsWith("/"));
}


/**
 * The snapshot of a project without trinity's run records and backups (and without `.trinity/`
 * itself when only those are in it): what a rollback or uninstall must restore byte for byte.
 */
export function snapshotWithoutBackups(dir: string): Record<string, string> {
  const rest = Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => !path.startsWith(".trinity/backups/")));
  if (Object.keys(rest).every((path) => path === ".trinity/" || !path.startsWith(".trinity/"))) delete rest[".trinity/"];
  return rest;
}
