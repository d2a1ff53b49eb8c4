import { scan } from "../commands/scan.ts";
import { RealFileSystem } from "../fs/real.ts";
import { formatScan } from "../report/scan.ts";
import type { Command } from "./command.ts";
import { PROJECT_DIR, projectRoot } from "./project.ts";
import { scanProgress } from "./progress.ts";

/** `trinity scan [DIR]`. */
export const scanCommand: Command = {
  name: "scan",
  summary: "detect the stack and collect the metrics; write nothing",
  usage: "trinity scan [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [],
  details: "With --json, prints the stack and metrics document of `trinity deploy --json` without deploying.",
  async run({ io, args, global }) {
    const root = projectRoot(io, args);
    const progress = scanProgress(io, io.stderrIsTTY && !global.quiet);
    let result;
    try {
      result = await scan({ fs: new RealFileSystem(root), now: () => new Date(), git: true, onProgress: progress.update });
    } finally {
      progress.finish();
    }
    return {
      exitCode: 0,
      text: formatScan(result, global.style),
      warnings: result.warnings,
      json: { root: result.root, projectName: result.projectName, stack: result.stack, metrics: result.metrics, warnings: result.warnings },
    };
  },
};
