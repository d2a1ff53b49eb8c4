import { analyseFile, skippedFile, type FileFacts, type Marker } from "./analyse.ts";
import { withoutTopTier } from "./tier.ts";

/** The 10 largest files are kept; markers only up to MAX_MARKERS (their counts stay complete). */
const LARGEST = 10;
export const MAX_MARKERS = 50;

/**
 * The counts of a set of files. Each scan thread fills one; merging them gives the same result
 * whatever the split, and only this small object crosses threads.
 */
export interface Tally {
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
  languages: Record<string, { files: number; lines: number }>;
  /** Per detected source and test directory: files, lines and debt markers. */
  directories: Record<string, { files: number; lines: number; markers: number }>;
  /** The first markers in (path, line) order, at most MAX_MARKERS; the counts above are complete. */
  markers: Marker[];
  /** Files left out, by reason. */
  skipped: { binary: number; huge: number; generated: number; minified: number };
}

export function emptyTally(): Tally {
  return {
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
    languages: {},
    directories: {},
    markers: [],
    skipped: { binary: 0, huge: 0, generated: 0, minified: 0 },
  };
}

/**
 * Adds one file. `directories` (longest first) are the folders whose sizes are reported. Files
 * may come in any order: the kept markers are the first ones in path order all the same.
 */
export function addFile(tally: Tally, file: FileFacts, directories: readonly string[]): void {
  if (file.skipped !== null) {
    tally.skipped[file.skipped]++;
    return;
  }
  tally.files++;
  tally.lines += file.lines;
  const language = (tally.languages[file.language] ??= { files: 0, lines: 0 });
  language.files++;
  language.lines += file.lines;
  for (const marker of file.markers) {
    tally[COUNTER[marker.kind]]++;
    keepMarker(tally.markers, marker);
  }
  tally.debugStatements += file.debugStatements;
  tally.commentedBlocks += file.commentedBlocks;
  if (file.lines > 500) tally.filesOver500++;
  if (file.lines > 1000) tally.filesOver1000++;
  if (file.lines > 3000) tally.filesOver3000++;
  const directory = directories.find((dir) => isInside(file.path, dir));
  if (directory !== undefined) {
    const entry = (tally.directories[directory] ??= { files: 0, lines: 0, markers: 0 });
    entry.files++;
    entry.lines += file.lines;
    entry.markers += file.markers.length;
  }
  const smallest = tally.largest.at(-1);
  if (tally.largest.length < LARGEST || (smallest !== undefined && isLarger(file, smallest))) {
    tally.largest.push({ path: file.path, lines: file.lines });
    tally.largest.sort((a, b) => (isLarger(a, b) ? -1 : 1));
    tally.largest.length = Math.min(tally.largest.length, LARGEST);
  }
}

/** Keeps `marker` if it is among the first MAX_MARKERS in (path, line) order; `kept` stays in that order. */
function keepMarker(kept: Marker[], marker: Marker): void {
  if (kept.length === MAX_MARKERS && !isBefore(marker, kept[MAX_MARKERS - 1]!)) return;
  let at = kept.length;
  while (at > 0 && isBefore(marker, kept[at - 1]!)) at--;
  kept.splice(at, 0, marker);
  if (kept.length > MAX_MARKERS) kept.pop();
}

function isBefore(a: Marker, b: Marker): boolean {
  return a.path < b.path || (a.path === b.path && a.line < b.line);
}

/** Whether a file's markers need their line and text: only when they could be among the kept ones. */
function needsMarkerDetail(tally: Tally, path: string): boolean {
  return tally.markers.length < MAX_MARKERS || path < tally.markers[MAX_MARKERS - 1]!.path;
}

const COUNTER = { TODO: "todo", FIXME: "fixme", HACK: "hack", XXX: "xxx" } as const;

/** Whether `path` is inside the folder `dir`; compared in place, as this runs for every file. */
function isInside(path: string, dir: string): boolean {
  return path.length > dir.length && path.charCodeAt(dir.length) === 47 && path.startsWith(dir);
}

/** How many files a thread takes from the shared list at a time: small enough to balance the threads, large enough that taking is rare. */
export const CHUNK = 128;

/**
 * Reads, analyses and tallies files. The threads of a scan share one `next` counter (an index into
 * `paths`) and take CHUNK files at a time from it, so a thread that starts late or reads slow files
 * simply takes fewer chunks; the tallies merge to the same result however the chunks were shared.
 * Alone, a thread takes every chunk. `read` gives a file's bytes (null: skip it);
 * `afterChunk` is told how far the shared counter has got.
 */
export function tallyFiles(
  paths: readonly string[],
  directories: readonly string[],
  read: (path: string) => Uint8Array | "huge" | null,
  next: Int32Array = new Int32Array(1),
  afterChunk?: (claimed: number) => void,
): Tally {
  const tally = emptyTally();
  const longestFirst = [...directories].sort((a, b) => b.length - a.length);
  for (let start = Atomics.add(next, 0, CHUNK); start < paths.length; start = Atomics.add(next, 0, CHUNK)) {
    const end = Math.min(start + CHUNK, paths.length);
    for (let index = start; index < end; index++) {
      const path = paths[index]!;
      const data = read(path);
      if (data !== null) addFile(tally, data === "huge" ? skippedFile(path, "huge") : analyseFile(path, data, needsMarkerDetail(tally, path)), longestFirst);
    }
    afterChunk?.(Math.min(Atomics.load(next, 0), paths.length));
  }
  return tally;
}

/** Combines tallies of disjoint sets of files. */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  const total = emptyTally();
  for (const tally of tallies) {
    for (const key of ["files", "lines", "todo", "fixme", "hack", "xxx", "debugStatements", "commentedBlocks", "filesOver500", "filesOver1000", "filesOver3000"] as const) {
      total[key] += tally[key];
    }
    for (const [id, { files, lines }] of Object.entries(tally.languages)) {
      const entry = (total.languages[id] ??= { files: 0, lines: 0 });
      entry.files += files;
      entry.lines += lines;
    }
    for (const [dir, { files, lines, markers }] of Object.entries(tally.directories)) {
      const entry = (total.directories[dir] ??= { files: 0, lines: 0, markers: 0 });
      entry.files += files;
      entry.lines += lines;
      entry.markers += markers;
    }
    for (const reason of Object.keys(total.skipped) as (keyof Tally["skipped"])[]) total.skipped[reason] += tally.skipped[reason];
    total.largest.push(...tally.largest);
    total.markers.push(...tally.markers);
  }
  total.largest = total.largest.sort((a, b) => (isLarger(a, b) ? -1 : 1)).slice(0, LARGEST);
  total.markers = total.markers.sort((a, b) => (isBefore(a, b) ? -1 : isBefore(b, a) ? 1 : 0)).slice(0, MAX_MARKERS);
  total.languages = sortedKeys(total.languages);
  total.directories = sortedKeys(total.directories);
  return total;
}

/** Larger line count first; equal counts in path order. */
function isLarger(a: { path: string; lines: number }, b: { path: string; lines: number }): boolean {
  return a.lines > b.lines || (a.lines === b.lines && a.path < b.path);
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

withoutTopTier(tallyFiles, addFile, isInside, keepMarker, isBefore, needsMarkerDetail);
