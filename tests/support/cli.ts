import { run } from "../../src/cli/run.ts";
import type { Io } from "../../src/cli/io.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a non-interactive process in `cwd` (unless `terminal`). */
export async function runCli(argv: string[], options: { cwd?: string; env?: Record<string, string>; terminal?: boolean } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    // `terminal`: stdin and stderr are terminals, so commands ask their questions (tests stub the prompts)
    stdinIsTTY: options.terminal === true,
    stdoutIsTTY: false,
    stderrIsTTY: options.terminal === true,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    onInterrupt: () => () => {},
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
