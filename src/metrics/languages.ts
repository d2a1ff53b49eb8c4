/**
 * What the scan knows about each source language: file extensions, line-comment prefixes and the
 * debug statements to count. Data only; the counting lives in scan.ts.
 */
export interface LanguageRule {
  id: string;
  extensions: readonly string[];
  lineComments: readonly string[];
  /** Matches a line that contains a leftover debug statement. */
  debug: RegExp | null;
}

export const LANGUAGE_RULES: readonly LanguageRule[] = [
  {
    id: "typescript",
    extensions: [".ts", ".tsx", ".mts", ".cts"],
    lineComments: ["//"],
    debug: /\bconsole\.(?:log|debug|trace|dir)\s*\(|^\s*debugger\s*;?\s*$/,
  },
  {
    id: "javascript",
    extensions: [".js", ".jsx", ".mjs", ".cjs"],
    lineComments: ["//"],
    debug: /\bconsole\.(?:log|debug|trace|dir)\s*\(|^\s*debugger\s*;?\s*$/,
  },
  { id: "python", extensions: [".py", ".pyi"], lineComments: ["#"], debug: /^\s*(?:print|breakpoint)\s*\(|\bpdb\.set_trace\s*\(/ },
  { id: "rust", extensions: [".rs"], lineComments: ["//"], debug: /\b(?:println|eprintln|dbg)!\s*\(/ },
  { id: "go", extensions: [".go"], lineComments: ["//"], debug: /\bfmt\.Print(?:ln|f)?\s*\(|^\s*println\s*\(/ },
  { id: "dart", extensions: [".dart"], lineComments: ["//"], debug: /(?:^|[^.\w])(?:print|debugPrint)\s*\(/ },
  { id: "java", extensions: [".java"], lineComments: ["//"], debug: /\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(|\.printStackTrace\s*\(\s*\)/ },
  { id: "kotlin", extensions: [".kt", ".kts"], lineComments: ["//"], debug: /(?:^|[^.\w])println\s*\(/ },
  { id: "ruby", extensions: [".rb"], lineComments: ["#"], debug: /^\s*(?:puts|p|pp)\s|\bbinding\.pry\b|\bbyebug\b/ },
  { id: "php", extensions: [".php"], lineComments: ["//", "#"], debug: /\b(?:var_dump|print_r|dd|dump)\s*\(/ },
  { id: "csharp", extensions: [".cs"], lineComments: ["//"], debug: /\bConsole\.Write(?:Line)?\s*\(|\bDebug\.Write(?:Line)?\s*\(/ },
  { id: "swift", extensions: [".swift"], lineComments: ["//"], debug: /(?:^|[^.\w])(?:print|debugPrint|dump)\s*\(/ },
  { id: "c", extensions: [".c", ".h"], lineComments: ["//"], debug: /\bprintf\s*\(/ },
  { id: "cpp", extensions: [".cc", ".cpp", ".cxx", ".hpp", ".hh"], lineComments: ["//"], debug: /\bstd::cout\b/ },
  { id: "shell", extensions: [".sh", ".bash"], lineComments: ["#"], debug: null },
  { id: "vue", extensions: [".vue"], lineComments: ["//"], debug: /\bconsole\.(?:log|debug|trace)\s*\(/ },
  { id: "svelte", extensions: [".svelte"], lineComments: ["//"], debug: /\bconsole\.(?:log|debug|trace)\s*\(/ },
];

const BY_EXTENSION = new Map<string, LanguageRule>();
for (const rule of LANGUAGE_RULES) for (const extension of rule.extensions) BY_EXTENSION.set(extension, rule);

/** The language of a file name, or null when it is not a source file the scan counts. */
export function languageOf(fileName: string): LanguageRule | null {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0) return null;
  return BY_EXTENSION.get(fileName.slice(dot).toLowerCase()) ?? null;
}
