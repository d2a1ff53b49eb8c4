/**
 * The scan's worker thread: reads and analyses its share of the files and posts the facts back.
 * It is a separate entry point of the binary (see build.ts), loaded by scan.ts.
 */
import { join } from "node:path";
import { analyseFile, skippedFile, type FileFacts } from "./analyse.ts";
import { readSourceFile } from "./read.ts";

/** The message the scan sends: the project root and the relative paths to analyse. */
export interface WorkerRequest {
  root: string;
  paths: string[];
}

/** What the worker posts back: progress now and then, and finally the facts. */
export type WorkerReply = { progress: number } | { facts: FileFacts[] };

const PROGRESS_EVERY = 2000;

declare const self: Worker;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { root, paths } = event.data;
  const facts: FileFacts[] = [];
  for (const [index, path] of paths.entries()) {
    const data = readSourceFile(join(root, path));
    if (data !== null) facts.push(data === "huge" ? skippedFile(path, "huge") : analyseFile(path, data));
    if (index % PROGRESS_EVERY === PROGRESS_EVERY - 1) self.postMessage({ progress: PROGRESS_EVERY } satisfies WorkerReply);
  }
  self.postMessage({ facts } satisfies WorkerReply);
};
