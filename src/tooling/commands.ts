import { nodeScriptCommand } from "../detect/node.ts";
import { pythonRunPrefix } from "../detect/python.ts";
import type { Commands, Ecosystem, Stack } from "../detect/types.ts";
import type { ToolingLayout } from "./layout.ts";
import type { LintToolId } from "./tools.ts";

/**
 * The stack as detection will see it once the chosen tools are set up: the scripts trinity adds to
 * package.json become the lint and format commands (scripts win over tools, as in detection), the
 * dev dependencies it adds are counted, Ruff and golangci-lint provide their commands. Rendering
 * with this stack keeps deploy and the next update in agreement.
 */
export function withTooling(stack: Stack, lint: readonly LintToolId[], layout: ToolingLayout): Stack {
  return { ...stack, ecosystems: stack.ecosystems.map((ecosystem) => withToolingOne(ecosystem, lint, layout)) };
}

function withToolingOne(ecosystem: Ecosystem, lint: readonly LintToolId[], layout: ToolingLayout): Ecosystem {
  const commands: Commands = { ...ecosystem.commands };
  const fill = (kind: keyof Commands, command: string) => {
    commands[kind] ??= command;
  };
  let devDependencies = ecosystem.devDependencies;
  if (ecosystem.id === "node") {
    const pkg = layout.packageJson.find((target) => target.dir === ecosystem.path);
    if (pkg !== undefined) {
      const run = (script: string) => nodeScriptCommand(ecosystem.packageManager, script);
      if (pkg.scripts.includes("lint")) commands.lint = run("lint");
      if (pkg.scripts.includes("lint:fix")) commands.lintFix = run("lint:fix");
      if (pkg.scripts.includes("format:check")) commands.format = run("format:check");
      devDependencies += pkg.newDevDependencies;
    }
  }
  if (ecosystem.id === "python" && lint.includes("ruff")) {
    const run = pythonRunPrefix(ecosystem.packageManager);
    fill("lint", `${run}ruff check .`);
    fill("lintFix", `${run}ruff check --fix .`);
    fill("format", `${run}ruff format --check .`);
  }
  if (ecosystem.id === "go" && lint.includes("golangci-lint")) {
    fill("lint", "golangci-lint run");
    fill("lintFix", "golangci-lint run --fix");
  }
  return { ...ecosystem, commands, devDependencies };
}
