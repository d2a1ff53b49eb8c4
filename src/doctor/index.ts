import type { ReadableFileSystem } from "../fs/port.ts";
import { checkAgents } from "./agents.ts";
import { checkBlocks } from "./blocks.ts";
import { checkConsistency } from "./consistency.ts";
import type { Finding } from "./finding.ts";
import { checkImports } from "./imports.ts";
import { checkManifest, DELETED } from "./manifest.ts";
import { checkSettings } from "./settings.ts";
import { checkWorkflows } from "./workflows.ts";

export type { Finding, Severity } from "./finding.ts";

/**
 * Runs every check of `trinity doctor` on a deployed project and returns the findings, errors
 * first, then by path. Reads only; a manifest that cannot be read is one finding, and the checks
 * that need it are skipped while the others still run.
 */
export function runChecks(fs: ReadableFileSystem): Finding[] {
  const { manifest, findings: state } = checkManifest(fs);
  const agents = checkAgents(fs, manifest);
  const consistency = checkConsistency(fs, manifest, agents.names);
  // A deleted file that trinity's other files still need is reported once: as the error naming who needs it.
  const needed = new Set(consistency.map((finding) => finding.path));
  return sortFindings([
    ...state.filter((finding) => !(finding.problem === DELETED && needed.has(finding.path))),
    ...agents.findings,
    ...checkWorkflows(fs, manifest),
    ...checkSettings(fs),
    ...checkImports(fs, manifest),
    ...checkBlocks(fs, manifest),
    ...consistency,
  ]);
}

/** Errors before warnings; then by path; the order of the checks within one path is kept. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (finding: Finding) => (finding.severity === "error" ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
