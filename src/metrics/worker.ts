/**
 * The scan's worker thread: takes chunks of files from the list it shares with the other threads,
 * reads and analyses them, and posts back their tally. It is a separate entry point of the binary
 * (see build.ts), loaded by scan.ts.
 */
import { SourceReader } from "./read.ts";
import { tallyFiles, type Tally } from "./tally.ts";

/**
 * The message the scan sends: the project root, every path to analyse (in order, joined by NUL:
 * one string crosses threads much faster than 50,000), the reported folders, and the counter of
 * files taken so far, shared with the other threads.
 */
export interface WorkerRequest {
  root: string;
  paths: string;
  directories: string[];
  next: Int32Array;
}

/** What the worker posts back: the tally of the files it took. */
export interface WorkerReply {
  tally: Tally;
}

declare const self: Worker;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { root, paths, directories, next } = event.data;
  const reader = new SourceReader();
  const tally = tallyFiles(paths === "" ? [] : paths.split("\0"), directories, (path) => reader.read(`${root}/${path}`), next);
  self.postMessage({ tally } satisfies WorkerReply);
};
