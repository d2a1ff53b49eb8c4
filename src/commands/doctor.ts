import { runChecks, type Finding } from "../doctor/index.ts";
import { exitCodeFor, TrinityError } from "../errors.ts";
import { projectPath } from "../fs/path.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import { MANIFEST_PATH } from "../manifest/store.ts";

export interface DoctorDeps {
  /** The project, read-only: doctor writes nothing. */
  fs: ReadableFileSystem;
}

export interface DoctorResult {
  root: string;
  findings: Finding[];
}

/**
 * Validates a deployment against Claude Code's formats and its own consistency (`trinity doctor`).
 * Throws `not-deployed` (exit 3) when the project has no deployment record.
 */
export function doctor(deps: DoctorDeps): DoctorResult {
  if (deps.fs.stat(MANIFEST_PATH) === null) {
    // The original npm SDK left a VERSION file and no manifest; update adopts such a deployment.
    const legacy = ["trinity/VERSION", ".claude/trinity/VERSION"].some((path) => deps.fs.stat(projectPath(path))?.kind === "file");
    throw new TrinityError("not-deployed", `${deps.fs.root}: not deployed; run \`trinity deploy\``, {
      hint: legacy
        ? "This looks like a deployment of the original Trinity Method SDK: run `trinity update` to adopt it, then run doctor again."
        : `There is no ${MANIFEST_PATH} here, so there is no deployment to check.`,
    });
  }
  return { root: deps.fs.root, findings: runChecks(deps.fs) };
}

/** Exit 5 when there are errors, or (with --strict) any findings at all; 0 otherwise. */
export function doctorExitCode(findings: readonly Finding[], strict: boolean): number {
  const failing = strict ? findings : findings.filter((finding) => finding.severity === "error");
  return failing.length > 0 ? exitCodeFor("drift") : 0;
}
