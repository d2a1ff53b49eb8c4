import { nodeScriptCommand } from "../detect/node.ts";
import { pythonRunPrefix } from "../detect/python.ts";
import type { Commands, Ecosystem } from "../detect/types.ts";
import type { LintToolId } from "./tools.ts";

/**
 * The commands of each ecosystem once the chosen tools are set up: what detection found, with the
 * gaps the tools fill (the `lint` and `format` scripts trinity adds to package.json, Ruff through
 * the project's runner, …). A command the project already has is never replaced.
 */
export function toolingCommands(ecosystems: readonly Ecosystem[], lint: readonly LintToolId[]): Record<string, Commands> {
  const result: Record<string, Commands> = {};
  for (const ecosystem of ecosystems) {
    if (result[ecosystem.path] !== undefined) continue;
    const commands = { ...ecosystem.commands };
    const fill = (kind: keyof Commands, command: string) => {
      commands[kind] ??= command;
    };
    const chosen = (tool: LintToolId) => lint.includes(tool);
    if (ecosystem.id === "node") {
      if (chosen("eslint")) {
        fill("lint", nodeScriptCommand(ecosystem.packageManager, "lint"));
        fill("lintFix", nodeScriptCommand(ecosystem.packageManager, "lint:fix"));
      }
      if (chosen("prettier")) fill("format", nodeScriptCommand(ecosystem.packageManager, "format:check"));
    }
    if (ecosystem.id === "python" && chosen("ruff")) {
      const run = pythonRunPrefix(ecosystem.packageManager);
      fill("lint", `${run}ruff check .`);
      fill("lintFix", `${run}ruff check --fix .`);
      fill("format", `${run}ruff format --check .`);
    }
    if (ecosystem.id === "go" && chosen("golangci-lint")) {
      fill("lint", "golangci-lint run");
      fill("lintFix", "golangci-lint run --fix");
    }
    result[ecosystem.path] = commands;
  }
  return result;
}
