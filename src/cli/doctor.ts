import { doctor, doctorExitCode } from "../commands/doctor.ts";
import { readOnly } from "../fs/port.ts";
import { RealFileSystem } from "../fs/real.ts";
import { formatDoctor } from "../report/doctor.ts";
import type { Command } from "./command.ts";
import { PROJECT_DIR, projectRoot } from "./project.ts";

/** `trinity doctor [DIR]`. */
export const doctorCommand: Command = {
  name: "doctor",
  summary: "validate a deployment: frontmatter, names, tools, settings, imports, blocks, links, manifest",
  usage: "trinity doctor [DIR] [options]",
  positionals: [PROJECT_DIR],
  flags: [{ name: "strict", kind: "boolean", description: "fail on warnings too, not only on errors" }],
  details: [
    "Prints each problem as `path: problem (fix)` and writes nothing.",
    "Exit codes: 0 no errors (warnings allowed unless --strict), 5 problems found, 3 no deployment here.",
  ].join("\n"),
  async run({ io, args, global }) {
    const root = projectRoot(io, args);
    const strict = args.flags.strict === true;
    const result = doctor({ fs: readOnly(new RealFileSystem(root)) });
    return {
      exitCode: doctorExitCode(result.findings, strict),
      text: formatDoctor(result, global.style, { strict }),
      json: { root: result.root, findings: result.findings },
    };
  },
};
