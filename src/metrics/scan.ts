import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Stack } from "../detect/types.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import { RealFileSystem } from "../fs/real.ts";
import { analyseFile, skippedFile, type FileFacts, type Marker } from "./analyse.ts";
import { listSourceFiles, type ListSource } from "./files.ts";
import { gitFacts, type GitFacts } from "./git.ts";
import { readSourceFile } from "./read.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";

export type { Marker, MarkerKind } from "./analyse.ts";

/** The metrics document of PRODUCT.md §4.2, plus the detail the knowledge base shows. */
export interface Metrics {
  files: number;
  lines: number;
  todo: number;
  fixme: number;
  hack: number;
  xxx: number;
  debugStatements: number;
  commentedBlocks: number;
  filesOver500: number;
  filesOver1000: number;
  filesOver3000: number;
  largest: { path: string; lines: number }[];
  dependencies: number;
  devDependencies: number;
  git: GitFacts;
  averageFileLines: number;
  languages: Record<string, { files: number; lines: number }>;
  /** Per detected source and test directory: files, lines and debt markers. */
  directories: Record<string, { files: number; lines: number; markers: number }>;
  /** The first markers in path order (at most MAX_MARKERS); the counts above are complete. */
  markers: Marker[];
  /** Files left out, by reason. */
  skipped: { binary: number; huge: number; generated: number; minified: number };
  /** How the file list was made: git's own listing, or trinity's gitignore-aware walk. */
  fileList: ListSource;
  /** The date of the scan, YYYY-MM-DD. */
  scanDate: string;
}

const MAX_MARKERS = 50;
const LARGEST = 10;
const WORKER_THRESHOLD = 2000;

export interface ScanOptions {
  /** Paths trinity manages (from the manifest), never counted so a deploy does not change the next scan. */
  managed?: ReadonlySet<string>;
  /** The scan date, injected so tests are deterministic. */
  today: string;
  /** Use the git executable: for the file list and for history facts (off in in-memory tests). */
  git: boolean;
  /** Directories to report sizes for (the detected source and test directories). */
  directories?: readonly string[];
  /** Worker threads to use for large trees; 0 analyses in this thread. Default: the cores, at most 4. */
  workers?: number;
  /** Trees with fewer files are analysed in this thread (default 2000: below that, threads cost more than they save). */
  workerThreshold?: number;
  /** Called now and then with the files analysed so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Scans the project's source files (src/metrics/files.ts says which) and counts lines, debt
 * markers, debug statements, commented-out code and large files. Large trees are read by worker
 * threads, one per core; the result does not depend on how many.
 */
export async function scanMetrics(fs: ReadableFileSystem, stack: Stack, options: ScanOptions): Promise<Metrics> {
  const { paths, source } = listSourceFiles(fs, { managed: options.managed, useGit: options.git && fs instanceof RealFileSystem });
  const workers = options.workers ?? Math.min(4, availableParallelism());
  const facts =
    fs instanceof RealFileSystem && workers > 1 && paths.length >= (options.workerThreshold ?? WORKER_THRESHOLD)
      ? await analyseInWorkers(fs.root, paths, workers, options.onProgress)
      : analyseHere(fs, paths, options.onProgress);
  facts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return aggregate(facts, stack, source, options, options.git ? fs.root : null);
}

function analyseHere(fs: ReadableFileSystem, paths: readonly string[], onProgress?: ScanOptions["onProgress"]): FileFacts[] {
  const real = fs instanceof RealFileSystem ? fs.root : null;
  const facts: FileFacts[] = [];
  for (const [index, path] of paths.entries()) {
    const data = real !== null ? readSourceFile(join(real, path)) : fs.read(projectPath(path));
    if (data !== null) facts.push(data === "huge" ? skippedFile(path, "huge") : analyseFile(path, data));
    if (index % 1000 === 999) onProgress?.(index + 1, paths.length);
  }
  return facts;
}

/** Splits the files over worker threads in interleaved slices, so each gets a similar mix. */
async function analyseInWorkers(root: string, paths: readonly string[], count: number, onProgress?: ScanOptions["onProgress"]): Promise<FileFacts[]> {
  const slices = Array.from({ length: count }, (_, k) => paths.filter((_, i) => i % count === k));
  let done = 0; // files analysed, as the workers report them
  const results = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<FileFacts[]>((resolve, reject) => {
          const worker = new Worker(new URL("./worker.ts", import.meta.url).href);
          worker.onmessage = (event: MessageEvent<WorkerReply>) => {
            if ("progress" in event.data) {
              done += event.data.progress;
              onProgress?.(done, paths.length);
              return;
            }
            worker.terminate();
            resolve(event.data.facts);
          };
          worker.onerror = (event) => {
            worker.terminate();
            reject(new Error(`the scan's worker failed: ${event.message}`));
          };
          worker.postMessage({ root, paths: slice } satisfies WorkerRequest);
        }),
    ),
  );
  return results.flat();
}

function aggregate(facts: readonly FileFacts[], stack: Stack, source: ListSource, options: ScanOptions, gitRoot: string | null): Metrics {
  const metrics: Metrics = {
    files: 0,
    lines: 0,
    todo: 0,
    fixme: 0,
    hack: 0,
    xxx: 0,
    debugStatements: 0,
    commentedBlocks: 0,
    filesOver500: 0,
    filesOver1000: 0,
    filesOver3000: 0,
    largest: [],
    dependencies: stack.ecosystems.reduce((sum, e) => sum + e.dependencies, 0),
    devDependencies: stack.ecosystems.reduce((sum, e) => sum + e.devDependencies, 0),
    git: gitFacts(gitRoot),
    averageFileLines: 0,
    languages: {},
    directories: {},
    markers: [],
    skipped: { binary: 0, huge: 0, generated: 0, minified: 0 },
    fileList: source,
    scanDate: options.today,
  };
  const directories = [...(options.directories ?? [])].sort((a, b) => b.length - a.length);
  for (const file of facts) {
    if (file.skipped !== null) {
      metrics.skipped[file.skipped]++;
      continue;
    }
    metrics.files++;
    metrics.lines += file.lines;
    const language = (metrics.languages[file.language] ??= { files: 0, lines: 0 });
    language.files++;
    language.lines += file.lines;
    for (const marker of file.markers) {
      metrics[marker.kind.toLowerCase() as "todo" | "fixme" | "hack" | "xxx"]++;
      if (metrics.markers.length < MAX_MARKERS) metrics.markers.push(marker);
    }
    metrics.debugStatements += file.debugStatements;
    metrics.commentedBlocks += file.commentedBlocks;
    if (file.lines > 500) metrics.filesOver500++;
    if (file.lines > 1000) metrics.filesOver1000++;
    if (file.lines > 3000) metrics.filesOver3000++;
    const directory = directories.find((dir) => file.path.startsWith(`${dir}/`));
    if (directory !== undefined) {
      const entry = (metrics.directories[directory] ??= { files: 0, lines: 0, markers: 0 });
      entry.files++;
      entry.lines += file.lines;
      entry.markers += file.markers.length;
    }
  }
  metrics.largest = facts
    .filter((file) => file.skipped === null)
    .map((file) => ({ path: file.path, lines: file.lines }))
    .sort((a, b) => b.lines - a.lines || (a.path < b.path ? -1 : 1))
    .slice(0, LARGEST);
  metrics.averageFileLines = metrics.files === 0 ? 0 : Math.round(metrics.lines / metrics.files);
  return metrics;
}
