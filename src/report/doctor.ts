import type { DoctorResult } from "../commands/doctor.ts";
import type { Finding } from "../doctor/index.ts";
import type { Style } from "./style.ts";

/** One finding as doctor prints it: `path: problem (fix)`. */
export function formatFinding(finding: Finding): string {
  return `${finding.path}: ${finding.problem} (${finding.fix})`;
}

/** `trinity doctor` as text: one line per finding, marked error or warning, then a summary line. */
export function formatDoctor(result: DoctorResult, style: Style, options: { strict: boolean }): string {
  if (result.findings.length === 0) return `${style.green("No problems found")} in the deployment at ${result.root}.\n`;
  const lines = result.findings.map((finding) =>
    finding.severity === "error" ? `${style.red("error")}    ${formatFinding(finding)}` : `${style.yellow("warning")}  ${formatFinding(finding)}`,
  );
  const errors = result.findings.filter((finding) => finding.severity === "error").length;
  const warnings = result.findings.length - errors;
  const counts = [errors > 0 ? plural(errors, "error") : null, warnings > 0 ? plural(warnings, "warning") : null].filter(Boolean).join(" and ");
  const note = errors === 0 && !options.strict ? " (warnings alone do not fail; --strict makes them fail)" : "";
  lines.push("", `${style.bold(`Found ${counts}`)} in the deployment at ${result.root}${note}.`);
  return `${lines.join("\n")}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
