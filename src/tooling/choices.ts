import type { CiPlatform, Ecosystem } from "../detect/types.ts";
import { TrinityError } from "../errors.ts";
import { availableTools, LINT_TOOLS, recommendedTools, type CiChoice, type LintToolId } from "./tools.ts";

/** What the command line asked for: `--lint`, `--no-lint`, `--lint-tools a,b`, or nothing. */
export type LintRequest = "recommended" | "none" | LintToolId[] | undefined;

/**
 * The lint tools for this run. Not asked: the previous deployment's choice (none on a first
 * deploy). A tool named with --lint-tools that does not fit the project is a usage error.
 */
export function resolveLint(request: LintRequest, ecosystems: readonly Ecosystem[], previous: readonly LintToolId[] | undefined): LintToolId[] {
  if (request === undefined) return [...(previous ?? [])];
  if (request === "none") return [];
  if (request === "recommended") return recommendedTools(ecosystems);
  const available = availableTools(ecosystems).map((tool) => tool.id);
  const unfit = request.filter((tool) => !available.includes(tool));
  if (unfit.length > 0) {
    throw new TrinityError("usage", `--lint-tools: ${unfit.join(", ")} ${unfit.length === 1 ? "does" : "do"} not apply to this project`, {
      hint: `Tools for this project: ${available.join(", ")}.`,
    });
  }
  // In the table's order, so the same choice always renders the same files.
  return LINT_TOOLS.map((tool) => tool.id).filter((id) => request.includes(id));
}

/** Parses `--lint-tools eslint,prettier` (usage error on an unknown name). */
export function parseLintTools(value: string): LintToolId[] {
  const names = value.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const known = LINT_TOOLS.map((tool) => tool.id as string);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new TrinityError("usage", `--lint-tools ${JSON.stringify(value)}: ${names.length === 0 ? "no tools named" : `unknown tool ${unknown.join(", ")}`}`, {
      hint: `Known tools: ${known.join(", ")}.`,
    });
  }
  return names as LintToolId[];
}

/**
 * The CI platform for this run: `--ci` wins; `--ci-deploy` takes the platform of the git remote
 * (the generic reference when the remote is neither GitHub nor GitLab); otherwise the previous
 * deployment's choice.
 */
export function resolveCi(explicit: CiChoice | undefined, ciDeploy: boolean, remote: CiPlatform, previous: CiChoice | null | undefined): CiChoice | null {
  if (explicit !== undefined) return explicit;
  if (ciDeploy) return remote === "github" || remote === "gitlab" ? remote : "generic";
  return previous ?? null;
}
