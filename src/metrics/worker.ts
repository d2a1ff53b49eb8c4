/**
 * The scan's worker thread: reads and analyses its share of the files and posts back their tally.
 * It is a separate entry point of the binary (see build.ts), loaded by scan.ts.
 */
import { join } from "node:path";
import { SourceReader } from "./read.ts";
import { tallyFiles, type Tally } from "./tally.ts";

/** The message the scan sends: the project root, the paths to analyse (in order) and the reported folders. */
export interface WorkerRequest {
  root: string;
  paths: string[];
  directories: string[];
}

/** What the worker posts back: progress now and then, and finally the tally. */
export type WorkerReply = { progress: number } | { tally: Tally };

declare const self: Worker;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { root, paths, directories } = event.data;
  const reader = new SourceReader();
  const tally = tallyFiles(paths, directories, (path) => reader.read(join(root, path)), (files) => {
    self.postMessage({ progress: files } satisfies WorkerReply);
  });
  self.postMessage({ tally } satisfies WorkerReply);
};
