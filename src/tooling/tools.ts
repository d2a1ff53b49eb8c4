import type { Ecosystem, EcosystemId } from "../detect/types.ts";

/**
 * The linting tools trinity can set up (PRODUCT.md §6), as data: which ecosystems each serves,
 * whether it is recommended (preselected), and what it adds to a package manifest. Config files
 * come from `templates/tooling/`; which file goes where is decided in `./outputs.ts`.
 */
export const LINT_TOOL_IDS = ["eslint", "prettier", "husky", "ruff", "pre-commit", "rustfmt", "clippy", "golangci-lint", "dart-analysis", "editorconfig"] as const;
export type LintToolId = (typeof LINT_TOOL_IDS)[number];

export const CI_CHOICES = ["github", "gitlab", "generic"] as const;
export type CiChoice = (typeof CI_CHOICES)[number];

export interface LintTool {
  id: LintToolId;
  label: string;
  /** One line for the interactive list and `trinity list`. */
  description: string;
  /** The ecosystems it serves; null: any project. */
  ecosystems: readonly EcosystemId[] | null;
  /** Preselected in the interactive list and chosen by `--lint`. */
  recommended: (ecosystems: readonly Ecosystem[]) => boolean;
}

const has = (ecosystems: readonly Ecosystem[], ...ids: EcosystemId[]) => ecosystems.some((e) => ids.includes(e.id));
/** Ecosystems with a dedicated linter in this table; the others get the basics. */
const COVERED: readonly EcosystemId[] = ["node", "python", "rust", "go", "dart"];

export const LINT_TOOLS: readonly LintTool[] = [
  { id: "eslint", label: "ESLint", description: "ESLint 9 flat config (typescript-eslint when TypeScript is present)", ecosystems: ["node"], recommended: () => true },
  { id: "prettier", label: "Prettier", description: "Prettier formatting with its own config file", ecosystems: ["node"], recommended: () => true },
  { id: "husky", label: "Husky + lint-staged", description: "a pre-commit hook that lints and formats staged files", ecosystems: ["node"], recommended: () => true },
  { id: "ruff", label: "Ruff", description: "Ruff lint and format settings in pyproject.toml (or ruff.toml)", ecosystems: ["python"], recommended: () => true },
  { id: "pre-commit", label: "pre-commit", description: "a .pre-commit-config.yaml with basic hygiene hooks (and Ruff's)", ecosystems: null, recommended: (e) => has(e, "python") || !e.some((x) => COVERED.includes(x.id)) },
  { id: "rustfmt", label: "rustfmt", description: "rustfmt.toml", ecosystems: ["rust"], recommended: () => true },
  { id: "clippy", label: "Clippy", description: "clippy.toml", ecosystems: ["rust"], recommended: () => true },
  { id: "golangci-lint", label: "golangci-lint", description: ".golangci.yml (configuration version 2)", ecosystems: ["go"], recommended: () => true },
  { id: "dart-analysis", label: "Dart analyzer", description: "analysis_options.yaml with flutter_lints or lints", ecosystems: ["dart"], recommended: () => true },
  { id: "editorconfig", label: "EditorConfig", description: ".editorconfig: indentation, line endings, final newline", ecosystems: null, recommended: (e) => !e.some((x) => COVERED.includes(x.id)) },
];

/** The tools that apply to a project's ecosystems, in table order. */
export function availableTools(ecosystems: readonly Ecosystem[]): LintTool[] {
  return LINT_TOOLS.filter((tool) => tool.ecosystems === null || tool.ecosystems.some((id) => ecosystems.some((e) => e.id === id)));
}

/** What `--lint` chooses: the recommended tools among the available ones. */
export function recommendedTools(ecosystems: readonly Ecosystem[]): LintToolId[] {
  return availableTools(ecosystems).filter((tool) => tool.recommended(ecosystems)).map((tool) => tool.id);
}

/**
 * What the tools add to a package.json when absent (never changing a version that is there).
 * Ranges are the current major versions the generated configs are written for.
 */
export const NODE_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  eslint: "^9.39.5",
  "@eslint/js": "^9.39.5",
  globals: "^17.14.0",
  "typescript-eslint": "^8.74.0",
  prettier: "^3.10.1",
  husky: "^9.1.7",
  "lint-staged": "^16.3.4",
};

/** The package.json scripts each Node tool adds when absent (the commands CI and the docs then use). */
export const NODE_SCRIPTS: Readonly<Partial<Record<LintToolId, Readonly<Record<string, string>>>>> = {
  eslint: { lint: "eslint .", "lint:fix": "eslint . --fix" },
  prettier: { format: "prettier --write .", "format:check": "prettier --check ." },
  husky: { prepare: "husky" },
};

/** The devDependencies each Node tool needs (keys of NODE_DEV_DEPENDENCIES). */
export function nodeDevDependencies(tool: LintToolId, typescript: boolean): string[] {
  if (tool === "eslint") return ["eslint", "@eslint/js", "globals", ...(typescript ? ["typescript-eslint"] : [])];
  if (tool === "prettier") return ["prettier"];
  if (tool === "husky") return ["husky", "lint-staged"];
  return [];
}

/** Python packages the tools need in the development dependencies, as PEP 508 requirements. */
export const PYTHON_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  ruff: ">=0.17",
  "pre-commit": ">=4.0",
};

/** The choices a deployment was made with (recorded in the manifest; update re-renders the same). */
export interface Tooling {
  /** Chosen lint tools, in table order; empty when linting was not chosen. */
  lint: LintToolId[];
  /** The CI platform to write workflows for; null when CI was not chosen. */
  ci: CiChoice | null;
}

export const NO_TOOLING: Tooling = { lint: [], ci: null };
