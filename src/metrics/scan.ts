import { availableParallelism } from "node:os";
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
/** Each thread is a JavaScript engine of its own (tens of MiB), so a scan on a large server starts at most this many. */
export const MAX_THREADS = 8;

export interface ScanOptions {
  /** Paths trinity manages (from the manifest), never counted so a deploy does not change the next scan. */
  managed?: ReadonlySet<string>;
  /** The scan date, injected so tests are deterministic. */
  today: string;
  /** Use the git executable: for the file list and for history facts (off in in-memory tests). */
  git: boolean;
  /** Threads that read large trees, this one included; 1 reads everything here. Default: the cores, at most MAX_THREADS. */
  threads?: number;
  /** Trees with fewer files are read in this thread alone (default 2000: below that, starting threads costs more than it saves). */
  workerThreshold?: number;
  /** Called now and then with the files taken for reading so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A scan whose file list is being made; `finish` reads the files once the stack is known. */
export interface StartedScan {
  finish(stack: Stack): Promise<Metrics>;
}

/**
 * Scans the project's source files (src/metrics/files.ts says which) and counts lines, debt
 * markers, debug statements, commented-out code and large files, with the sizes of the stack's
 * source and test directories. For large trees, worker threads (one per extra core) share the
 * reading with this thread; the result does not depend on how many.
 */
export function scanMetrics(fs: ReadableFileSystem, stack: Stack, options: ScanOptions): Promise<Metrics> {
  return startScan(fs, options).finish(stack);
}

/**
 * Starts a scan: git lists the files in background processes while the caller detects the stack,
 * and the worker threads start as soon as the lists turn out to be large.
 */
export function startScan(fs: ReadableFileSystem, options: ScanOptions): StartedScan {
  const threads = options.threads ?? Math.min(MAX_THREADS, availableParallelism());
  const threshold = options.workerThreshold ?? WORKER_THRESHOLD;
  const canThread = fs instanceof RealFileSystem && threads > 1;
  let helpers: Worker[] = [];
  let failed = false;
  const startHelpers = (files: number) => {
    if (helpers.length === 0 && !failed && canThread && files >= threshold) helpers = startWorkers(threads - 1);
  };
  let listed = 0;
  const listing = listSourceFiles(fs, {
    managed: options.managed,
    useGit: options.git && fs instanceof RealFileSystem,
    // Threads take a while to start: they start while a list is filtered and sorted.
    onListed: (entries) => startHelpers((listed += entries)),
  });
  // Until finish() awaits them, failed listings must not count as unhandled rejections.
  listing.tracked.catch(() => {});
  listing.untracked.catch(() => {});
  const history = gitFacts(options.git ? fs.root : null);
  return {
    async finish(stack) {
      const directories = [...new Set(stack.ecosystems.flatMap((e) => [...e.sourceDirs, ...e.testDirs]))];
      const reader = new SourceReader();
      // The root is absolute and git's paths are clean and relative: joining needs no normalising.
      const read = fs instanceof RealFileSystem ? (path: string) => reader.read(`${fs.root}/${path}`) : (path: string) => fs.read(projectPath(path));
      let total = 0;
      let before = 0; // files of the parts already read, for progress
      /** Reads one part of the list on all threads; a thread that fails took chunks nobody read, so this thread reads the part alone. */
      const readPart = async (paths: string[]): Promise<Tally[]> => {
        total += paths.length;
        startHelpers(total);
        const next = new Int32Array(new SharedArrayBuffer(4));
        const theirs = helpers.length === 0 || paths.length === 0 ? Promise.resolve([]) : tallyInWorkers(helpers, { root: fs.root, paths: paths.join("\0"), directories, next });
        let reported = before;
        const own = tallyFiles(paths, directories, read, next, (claimed) => {
          if (before + claimed - reported < PROGRESS_EVERY && claimed < paths.length) return;
          reported = before + claimed;
          options.onProgress?.(reported, total);
        });
        const helped = await theirs;
        before += paths.length;
        if (helped !== null) return [own, ...helped];
        failed = true;
        for (const helper of helpers) helper.terminate();
        helpers = [];
        return [tallyFiles(paths, directories, read)];
      };
      try {
        const { paths: tracked, source } = await listing.tracked;
        const tallies = await readPart(tracked);
        // git walked the tree for untracked files while the tracked ones were read.
        tallies.push(...(await readPart(await listing.untracked)));
        options.onProgress?.(total, total);
        return { ...finish(tallies, stack, source, options, await history), threads: 1 + helpers.length };
      } finally {
        for (const helper of helpers) helper.terminate();
      }
    },
  };
}

/** How often the scan reports progress, in files. */
const PROGRESS_EVERY = 1000;

// The worker script, bundled by build.ts into the binary; absent when running from source.
declare const TRINITY_SCAN_WORKER_SOURCE: string | undefined;

function workerUrl(): string {
  if (typeof TRINITY_SCAN_WORKER_SOURCE === "string") {
    return URL.createObjectURL(new Blob([TRINITY_SCAN_WORKER_SOURCE], { type: "application/javascript" }));
  }
  return new URL("./worker.ts", import.meta.url).href;
}

function startWorkers(count: number): Worker[] {
  try {
    const url = workerUrl();
    return Array.from({ length: count }, () => new Worker(url));
  } catch {
    return []; // a platform without threads: this thread reads everything
  }
}

/** Sends every worker the shared request; resolves to their tallies, or null when any of them failed. */
function tallyInWorkers(workers: readonly Worker[], request: WorkerRequest): Promise<Tally[] | null> {
  const tallies = workers.map(
    (worker) =>
      new Promise<Tally>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data.tally);
        worker.onerror = (event) => {
          reject(new Error(`the scan's worker failed: ${event.message}`));
        };
        worker.postMessage(request);
      }),
  );
  return Promise.all(tallies).catch(() => null);
}

function finish(tallies: Tally[], stack: Stack, source: ListSource, options: ScanOptions, git: GitFacts): Omit<Metrics, "threads"> {
  const merged = mergeTallies(tallies);
  return {
    ...merged,
    dependencies: stack.ecosystems.reduce((sum, e) => sum + e.dependencies, 0),
    devDependencies: stack.ecosystems.reduce((sum, e) => sum + e.devDependencies, 0),
    git,
    averageFileLines: merged.files === 0 ? 0 : Math.round(merged.lines / merged.files),
    fileList: source,
    scanDate: options.today,
  };
}
