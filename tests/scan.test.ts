import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { RealFileSystem } from "../src/fs/real.ts";
import { listSourceFiles, type SourceListing } from "../src/metrics/files.ts";
import { scanMetrics } from "../src/metrics/scan.ts";
import { CHUNK, MAX_MARKERS, mergeTallies, tallyFiles, type Tally } from "../src/metrics/tally.ts";
import type { WorkerReply, WorkerRequest } from "../src/metrics/worker.ts";
import { runCli } from "./support/cli.ts";
import { fixtureCopy, tempDir, writeFiles } from "./support/tree.ts";

const EMPTY_STACK = { ecosystems: [], ciPlatform: "unknown" as const };

/** A small project with nested ignore files, a symlink and a mix of languages. */
function sampleProject(): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    ".gitignore": "dist/\n*.gen.ts\n",
    "pkg/.gitignore": "!keep.gen.ts\nlocal/\n",
    "pkg/keep.gen.ts": "export const kept = 1;\n",
    "pkg/local/x.ts": "export {};\n",
    "dist/out.js": "console.log(1);\n",
    "src/drop.gen.ts": "export {};\n",
  };
  for (let i = 0; i < 40; i++) {
    files[`src/m${i}/a.ts`] = `// TODO: item ${i}\nexport const a${i} = ${i};\nconsole.log(a${i});\n`;
    files[`lib/b${i}.py`] = `# old = 1;\n# if x {\n# }\ndef f():\n    print("x")\n`;
  }
  writeFiles(dir, files);
  spawnSync("ln", ["-s", "/etc/hostname", `${dir}/src/link.ts`]);
  return dir;
}

describe("the metrics scan on disk", () => {
  test("gives the same metrics with worker threads as in one thread", async () => {
    const dir = sampleProject();
    const fs = new RealFileSystem(dir);
    const single = await scanMetrics(fs, EMPTY_STACK, { today: "2026-01-01", git: false, threads: 1 });
    const threaded = await scanMetrics(fs, EMPTY_STACK, { today: "2026-01-01", git: false, threads: 2, workerThreshold: 1 });
    expect({ ...threaded, threads: 1 }).toEqual(single);
    expect(threaded.threads).toBe(2);
    expect(single).toMatchObject({ files: 81, todo: 40, debugStatements: 80, commentedBlocks: 40 });
  });

  /** Every file of a listing, tracked and untracked, in path order. */
  const everyFile = async (listing: SourceListing) => [...(await listing.tracked).paths, ...(await listing.untracked)].sort();

  test("lists the same files through git as through its own gitignore walk, tracked or not", async () => {
    const dir = sampleProject();
    const walk = listSourceFiles(new RealFileSystem(dir), { useGit: false });
    expect((await walk.tracked).source).toBe("walk");
    const walked = await everyFile(walk);
    expect(spawnSync("git", ["init", "-q"], { cwd: dir }).status).toBe(0);
    const untracked = listSourceFiles(new RealFileSystem(dir), { useGit: true });
    expect((await untracked.tracked).source).toBe("git");
    expect(await everyFile(untracked)).toEqual(walked);
    // Half the files tracked: git lists them from the index, the rest from its walk.
    expect(spawnSync("git", ["add", "src", "pkg"], { cwd: dir }).status).toBe(0);
    const mixed = listSourceFiles(new RealFileSystem(dir), { useGit: true });
    expect((await mixed.tracked).paths.length).toBeGreaterThan(0);
    expect((await mixed.untracked).length).toBeGreaterThan(0);
    expect(await everyFile(mixed)).toEqual(walked);
    expect(walked).toContain("pkg/keep.gen.ts");
    expect(walked).not.toContain("src/drop.gen.ts");
    expect(walked).not.toContain("pkg/local/x.ts");
    expect(walked).not.toContain("dist/out.js");
  });

  test("gives the same metrics whether the files are tracked by git or not", async () => {
    const dir = sampleProject();
    const fs = new RealFileSystem(dir);
    const walked = await scanMetrics(fs, EMPTY_STACK, { today: "x", git: false, threads: 2, workerThreshold: 1 });
    spawnSync("git", ["init", "-q"], { cwd: dir });
    spawnSync("git", ["add", "lib"], { cwd: dir });
    const mixed = await scanMetrics(fs, EMPTY_STACK, { today: "x", git: true, threads: 2, workerThreshold: 1 });
    expect(mixed.fileList).toBe("git");
    const { fileList: _a, git: _b, ...walkedCounts } = walked;
    const { fileList: _c, git: _d, ...mixedCounts } = mixed;
    expect(mixedCounts).toEqual(walkedCounts);
  });

  test("never reads through a symbolic link, which may point outside the project", async () => {
    const dir = sampleProject();
    const metrics = await scanMetrics(new RealFileSystem(dir), EMPTY_STACK, { today: "x", git: false, threads: 1 });
    expect(metrics.largest.map((file) => file.path)).not.toContain("src/link.ts");
    expect(metrics.files).toBe(81);
  });

  test("reports progress while it reads a large tree", async () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`src/f${i}.ts`, "export {};\n"])));
    const seen: number[] = [];
    await scanMetrics(new RealFileSystem(dir), EMPTY_STACK, { today: "x", git: false, threads: 1, onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toBe(2500);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe("the scan's threads", () => {
  /** Files in path order; every file from index 128 on has a debt marker, so the kept markers depend on the split. */
  const paths = Array.from({ length: 700 }, (_, i) => `src/f${String(i).padStart(4, "0")}.ts`);
  const content = (path: string) => Buffer.from(Number(path.slice(5, 9)) >= 128 ? `// TODO: ${path}\nexport {};\n` : "export {};\n");

  test("two threads taking chunks from one counter tally the same as one thread alone", () => {
    const alone = tallyFiles(paths, ["src"], content);
    const next = new Int32Array(new SharedArrayBuffer(4));
    let second: Tally | null = null;
    // The first thread reads one chunk; while it reads the next, a second thread takes all the rest.
    const first = tallyFiles(paths, ["src"], (path) => {
      if (path === paths[CHUNK] && second === null) second = tallyFiles(paths, ["src"], content, next);
      return content(path);
    }, next);
    expect(first.files).toBe(2 * CHUNK);
    expect(second!.files).toBe(paths.length - 2 * CHUNK);
    expect(mergeTallies([second!, first])).toEqual(mergeTallies([alone]));
    expect(mergeTallies([second!, first]).markers[0]!.path).toBe(paths[128]!);
  });

  test("the order the files come in changes nothing: the kept markers are the first in path order", () => {
    const inOrder = mergeTallies([tallyFiles(paths, ["src"], content)]);
    const reversed = mergeTallies([tallyFiles([...paths].reverse(), ["src"], content)]);
    expect(reversed).toEqual(inOrder);
    expect(inOrder.markers.map((marker) => marker.path)).toEqual(paths.slice(128, 128 + MAX_MARKERS));
    expect(inOrder.markers.every((marker) => marker.line === 1 && marker.text.startsWith("// TODO"))).toBe(true);
  });

  test("the worker script takes every chunk left on the shared counter and posts their tally", async () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(paths.map((path) => [path, content(path).toString()])));
    const next = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(next, 0, CHUNK); // this thread took the first chunk
    const worker = new Worker(new URL("../src/metrics/worker.ts", import.meta.url).href);
    const reply = await new Promise<WorkerReply>((resolve) => {
      worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data);
      worker.postMessage({ root: dir, paths: paths.join("\0"), directories: ["src"], next } satisfies WorkerRequest);
    });
    worker.terminate();
    expect(reply.tally).toEqual(tallyFiles(paths.slice(CHUNK), ["src"], content));
    expect(Atomics.load(next, 0)).toBeGreaterThanOrEqual(paths.length);
  });
});

describe("trinity scan", () => {
  test("prints the stack and metrics and writes nothing", async () => {
    const dir = fixtureCopy("node-next");
    const result = await runCli(["scan", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Node.js — TypeScript · Next.js, React · pnpm");
    expect(result.stdout).toContain("3 source files, 15 lines");
    expect(result.stdout).toContain("markers: 1 TODO, 1 FIXME, 0 HACK, 0 XXX");
  });

  test("--json gives the stack and metrics document", async () => {
    const dir = fixtureCopy("python-poetry");
    const document = JSON.parse((await runCli(["scan", dir, "--json"])).stdout);
    expect(document).toMatchObject({ schemaVersion: 1, command: "scan", exitCode: 0, projectName: "shop-api" });
    expect(document.stack.ecosystems[0]).toMatchObject({ id: "python", frameworks: ["django"], packageManager: "poetry" });
    expect(document.metrics).toMatchObject({ files: 3, hack: 1, debugStatements: 1, fileList: "walk" });
    expect(document.metrics.directories).toEqual({ shop: { files: 2, lines: 4, markers: 1 }, tests: { files: 1, lines: 1, markers: 0 } });
  });

  test("leaves trinity's own files out, so a deploy does not change the next scan", async () => {
    const dir = fixtureCopy("node-next");
    const before = JSON.parse((await runCli(["scan", dir, "--json"])).stdout).metrics;
    await runCli(["deploy", dir]);
    const after = JSON.parse((await runCli(["scan", dir, "--json"])).stdout).metrics;
    expect(after).toEqual(before);
  });

  test("a missing directory exits 3", async () => {
    expect((await runCli(["scan", "/no/such/dir"])).code).toBe(3);
  });
});
