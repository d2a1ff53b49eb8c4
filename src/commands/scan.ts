import { basename } from "node:path";
import { detectStack } from "../detect/index.ts";
import type { Stack } from "../detect/types.ts";
import { TrinityError } from "../errors.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import { readManifest } from "../manifest/store.ts";
import { startScan, type Metrics } from "../metrics/scan.ts";
import { isoDate } from "./deploy.ts";

export interface ScanDeps {
  fs: ReadableFileSystem;
  now: () => Date;
  git: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  root: string;
  projectName: string;
  stack: Stack;
  metrics: Metrics;
  warnings: string[];
}

/** Detects the stack and collects the metrics without writing anything (`trinity scan`). */
export async function scan(deps: ScanDeps): Promise<ScanResult> {
  const warnings: string[] = [];
  let managed = new Set<string>();
  try {
    managed = new Set((readManifest(deps.fs)?.files ?? []).map((record) => record.path));
  } catch (error) {
    if (!(error instanceof TrinityError)) throw error;
    warnings.push(`${error.message}; files trinity manages may be counted`);
  }
  // git lists the files while the stack is detected.
  const started = startScan(deps.fs, { managed, today: isoDate(deps.now()), git: deps.git, onProgress: deps.onProgress });
  const detection = detectStack(deps.fs);
  warnings.unshift(...detection.warnings);
  const metrics = await started.finish(detection.stack);
  return { root: deps.fs.root, projectName: detection.projectName ?? basename(deps.fs.root), stack: detection.stack, metrics, warnings };
}
