import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Stack } from "../detect/types.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import { RealFileSystem } from "../fs/real.ts";
import { listSourceFiles, type ListSource } from "./files.ts";
import { gitFacts, type GitFacts } from "./git.ts";
import { SourceReader } from "./read.ts";
import { mergeTallies, tallyFiles, type Tally } from "./tally.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";

export type { Marker, MarkerKind } from "./analyse.ts";

/** The metrics document of PRODUCT.md §4.2, plus the detail the knowledge base shows: the tally of the files, and facts about the project. */
export interface Metrics extends Tally {
  dependencies: number;
  devDependencies: number;
  git: GitFacts;
  averageFileLines: number;
  /** How the file list was made: git's own listing, or trinity's gitignore-aware walk. */
  fileList: ListSource;
  /** Threads that read the files (1: this one; more for large trees). */
  threads: number;
  /** The date of the scan, YYYY-MM-DD. */
  scanDate: string;
}

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
  const workers = options.workers ?? Math.min(4, availableParallelism());
  const threshold = options.workerThreshold ?? WORKER_THRESHOLD;
  const canThread = fs instanceof RealFileSystem && workers > 1;
  // Threads take a while to start: for a large git listing they start while the list is filtered and sorted.
  let pool: Worker[] | null = null;
  const { paths, source } = listSourceFiles(fs, {
    managed: options.managed,
    useGit: options.git && fs instanceof RealFileSystem,
    onListed: (entries) => {
      if (canThread && entries >= threshold) pool = startWorkers(workers);
    },
  });
  const directories = [...(options.directories ?? [])];
  let done = 0;
  const progress = (files: number) => {
    done += files;
    options.onProgress?.(done, paths.length);
  };
  let tally: Tally;
  let threads = 1;
  if (pool === null && canThread && paths.length >= threshold) pool = startWorkers(workers);
  const started: Worker[] | null = pool;
  const inWorkers = started !== null ? await tallyInWorkers(started, fs.root, paths, directories, progress).catch(() => null) : null;
  if (inWorkers !== null) {
    tally = inWorkers;
    threads = started!.length;
  } else {
    // Small trees, and the rare platform where threads cannot start, are scanned in this thread.
    done = 0;
    const reader = new SourceReader();
    const read = fs instanceof RealFileSystem ? (path: string) => reader.read(join(fs.root, path)) : (path: string) => fs.read(projectPath(path));
    tally = tallyFiles(paths, directories, read, progress);
  }
  return { ...finish(tally, stack, source, options, options.git ? fs.root : null), threads };
}

// The worker script, bundled by build.ts into the binary; absent when running from source.
declare const TRINITY_SCAN_WORKER_SOURCE: string | undefined;

function workerUrl(): string {
  if (typeof TRINITY_SCAN_WORKER_SOURCE === "string") {
    return URL.createObjectURL(new Blob([TRINITY_SCAN_WORKER_SOURCE], { type: "application/javascript" }));
  }
  return new URL("./worker.ts", import.meta.url).href;
}

function startWorkers(count: number): Worker[] {
  const url = workerUrl();
  return Array.from({ length: count }, () => new Worker(url));
}

/** Splits the files over the worker threads in contiguous, path-ordered slices and merges their tallies. */
async function tallyInWorkers(workers: readonly Worker[], root: string, paths: readonly string[], directories: string[], progress: (files: number) => void): Promise<Tally> {
  const size = Math.ceil(paths.length / workers.length);
  const slices = workers.map((worker, k) => ({ worker, slice: paths.slice(k * size, (k + 1) * size) }));
  const tallies = await Promise.all(
    slices.map(
      ({ worker, slice }) =>
        new Promise<Tally>((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<WorkerReply>) => {
            if ("progress" in event.data) {
              progress(event.data.progress);
              return;
            }
            worker.terminate();
            resolve(event.data.tally);
          };
          worker.onerror = (event) => {
            worker.terminate();
            reject(new Error(`the scan's worker failed: ${event.message}`));
          };
          worker.postMessage({ root, paths: slice, directories } satisfies WorkerRequest);
        }),
    ),
  );
  return mergeTallies(tallies);
}

function finish(tally: Tally, stack: Stack, source: ListSource, options: ScanOptions, gitRoot: string | null): Omit<Metrics, "threads"> {
  const merged = mergeTallies([tally]);
  return {
    ...merged,
    dependencies: stack.ecosystems.reduce((sum, e) => sum + e.dependencies, 0),
    devDependencies: stack.ecosystems.reduce((sum, e) => sum + e.devDependencies, 0),
    git: gitFacts(gitRoot),
    averageFileLines: merged.files === 0 ? 0 : Math.round(merged.lines / merged.files),
    fileList: source,
    scanDate: options.today,
  };
}
