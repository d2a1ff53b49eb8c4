import { resolve } from "node:path";
import { scan } from "../commands/scan.ts";
import { RealFileSystem } from "../fs/real.ts";
import { formatScan } from "../report/scan.ts";
import type { Command } from "./command.ts";
import { requireDirectory } from "./deploy.ts";
import { scanProgress } from "./progress.ts";

/** `trinity scan [DIR]`. */
export const scanCommand: Command = {
  name: "scan",
  summary: "detect the stack and collect the metrics; write nothing",
  usage: "trinity scan [DIR] [options]",
  positionals: [{ name: "DIR", description: "the project directory (default: the current directory)", directory: true }],
  flags: [],
  details: "With --json, prints the stack and metrics document of `trinity deploy --json` without deploying.",
  async run({ io, args, global }) {
    const given = args.positionals[0] ?? ".";
    const root = resolve(io.cwd, given);
    requireDirectory(root, given);
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
