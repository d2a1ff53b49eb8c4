/**
 * How Claude Code 2.1.332 reads `@path` imports in CLAUDE.md files (CLAUDE-CODE-FORMATS.md §6):
 * which tokens count, and which targets it loads.
 */

/** CLAUDE.md is depth 0; imports are followed down to this depth, and a deeper hop is dropped silently. */
export const MAX_IMPORT_DEPTH = 4;

/** Imported files larger than this are skipped. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/**
 * Extensions of files an import may load. §6 lists `.md .txt .json .yaml .yml .toml .xml .csv
 * .html .js .ts .py .sh` and says the list goes on; the rest are common text and source formats.
 */
export const IMPORT_EXTENSIONS: ReadonlySet<string> = new Set([
  ".md", ".markdown", ".mdx", ".txt", ".rst", ".adoc", ".json", ".jsonc", ".yaml", ".yml", ".toml", ".xml", ".csv", ".tsv", ".html", ".htm",
  ".css", ".scss", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".py", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".rb",
  ".go", ".rs", ".java", ".kt", ".kts", ".swift", ".dart", ".c", ".h", ".cc", ".cpp", ".hpp", ".cs", ".php", ".sql", ".graphql", ".proto",
  ".ini", ".cfg", ".conf", ".env", ".properties", ".gradle", ".lua", ".vue", ".svelte", ".astro", ".tf", ".hcl",
]);

/** The token pattern of §6: `@` at the start of a line or after whitespace, then the path (`\ ` escapes a space). */
const TOKEN = /(?:^|\s)@((?:[^\s\\]|\\ )+)/g;

/** The characters a path may start with (§6); anything else after `@` is not an import. */
const PATH_START = /^(?:\.\/|~\/|\/|[A-Za-z0-9._-])/;

/** One `@import` of a memory file: the path as Claude Code reads it, and its line. */
export interface ImportToken {
  path: string;
  line: number;
}

/**
 * The imports of a memory file's text, in order. HTML comments are stripped first; fenced code
 * blocks and inline code spans are skipped; `\ ` becomes a space and a `#fragment` is cut off.
 */
export function importTokens(text: string): ImportToken[] {
  const tokens: ImportToken[] = [];
  const lines = markdownText(text).split("\n");
  lines.forEach((line, index) => {
    for (const match of line.matchAll(TOKEN)) {
      const path = match[1]!.replace(/\\ /g, " ").replace(/#.*$/, "");
      if (path !== "" && PATH_START.test(path)) tokens.push({ path, line: index + 1 });
    }
  });
  return tokens;
}

/**
 * The text Claude Code looks for imports in: comments removed, and code (fenced blocks and inline
 * spans) blanked out. Line breaks are kept so that line numbers still match the file.
 */
function markdownText(text: string): string {
  const blank = (code: string) => code.replace(/[^\n]/g, " ");
  const uncommented = text.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, blank);
  const kept: string[] = [];
  let fence: { char: string; length: number } | null = null;
  for (const line of uncommented.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence.char && marker.length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line)) fence = null;
      kept.push("");
    } else if (marker !== undefined) {
      fence = { char: marker[0]!, length: marker.length };
      kept.push("");
    } else {
      kept.push(line);
    }
  }
  // An inline code span is a run of backticks up to the next run of the same length (CommonMark).
  return kept.join("\n").replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank);
}

/** The extension of a path's last segment, lowercased, or "" when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot).toLowerCase();
}
