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
  /** Literal text every debug statement contains; only lines holding one are tested against `debug`. */
  debugTokens: readonly string[];
}

export const LANGUAGE_RULES: readonly LanguageRule[] = [
  {
    id: "typescript",
    extensions: [".ts", ".tsx", ".mts", ".cts"],
    lineComments: ["//"],
    debug: /\bconsole\.(?:log|debug|trace|dir)\s*\(|^\s*debugger\s*;?\s*$/,
    debugTokens: ["console.", "debugger"],
  },
  {
    id: "javascript",
    extensions: [".js", ".jsx", ".mjs", ".cjs"],
    lineComments: ["//"],
    debug: /\bconsole\.(?:log|debug|trace|dir)\s*\(|^\s*debugger\s*;?\s*$/,
    debugTokens: ["console.", "debugger"],
  },
  { id: "python", extensions: [".py", ".pyi"], lineComments: ["#"], debug: /^\s*(?:print|breakpoint)\s*\(|\bpdb\.set_trace\s*\(/, debugTokens: ["print", "breakpoint", "set_trace"] },
  { id: "rust", extensions: [".rs"], lineComments: ["//"], debug: /\b(?:println|eprintln|dbg)!\s*\(/, debugTokens: ["println!", "dbg!"] },
  { id: "go", extensions: [".go"], lineComments: ["//"], debug: /\bfmt\.Print(?:ln|f)?\s*\(|^\s*println\s*\(/, debugTokens: ["fmt.Print", "println"] },
  { id: "dart", extensions: [".dart"], lineComments: ["//"], debug: /(?:^|[^.\w])(?:print|debugPrint)\s*\(/, debugTokens: ["print"] },
  { id: "java", extensions: [".java"], lineComments: ["//"], debug: /\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(|\.printStackTrace\s*\(\s*\)/, debugTokens: ["System.", "printStackTrace"] },
  { id: "kotlin", extensions: [".kt", ".kts"], lineComments: ["//"], debug: /(?:^|[^.\w])println\s*\(/, debugTokens: ["println"] },
  { id: "ruby", extensions: [".rb"], lineComments: ["#"], debug: /^\s*(?:puts|p|pp)\s|\bbinding\.pry\b|\bbyebug\b/, debugTokens: ["puts", "p ", "pp ", "binding.pry", "byebug"] },
  { id: "php", extensions: [".php"], lineComments: ["//", "#"], debug: /\b(?:var_dump|print_r|dd|dump)\s*\(/, debugTokens: ["var_dump", "print_r", "dd(", "dump("] },
  { id: "csharp", extensions: [".cs"], lineComments: ["//"], debug: /\bConsole\.Write(?:Line)?\s*\(|\bDebug\.Write(?:Line)?\s*\(/, debugTokens: ["Console.Write", "Debug.Write"] },
  { id: "swift", extensions: [".swift"], lineComments: ["//"], debug: /(?:^|[^.\w])(?:print|debugPrint|dump)\s*\(/, debugTokens: ["print", "dump("] },
  { id: "c", extensions: [".c", ".h"], lineComments: ["//"], debug: /\bprintf\s*\(/, debugTokens: ["printf"] },
  { id: "cpp", extensions: [".cc", ".cpp", ".cxx", ".hpp", ".hh"], lineComments: ["//"], debug: /\bstd::cout\b/, debugTokens: ["std::cout"] },
  { id: "shell", extensions: [".sh", ".bash"], lineComments: ["#"], debug: null, debugTokens: [] },
  { id: "vue", extensions: [".vue"], lineComments: ["//"], debug: /\bconsole\.(?:log|debug|trace)\s*\(/, debugTokens: ["console."] },
  { id: "svelte", extensions: [".svelte"], lineComments: ["//"], debug: /\bconsole\.(?:log|debug|trace)\s*\(/, debugTokens: ["console."] },
];

const BY_EXTENSION = new Map<string, LanguageRule>();
for (const rule of LANGUAGE_RULES) for (const extension of rule.extensions) BY_EXTENSION.set(extension, rule);

/**
 * The language of a file (a name or a path), or null when it is not a source file the scan counts.
 * A name that starts with its only dot (".ts") has no extension. Runs for every listed file, so the
 * common lower-case extension is looked up before a lower-cased copy is made.
 */
export function languageOf(path: string): LanguageRule | null {
  const dot = path.lastIndexOf(".");
  if (dot <= path.lastIndexOf("/") + 1) return null;
  const extension = path.slice(dot);
  return BY_EXTENSION.get(extension) ?? BY_EXTENSION.get(extension.toLowerCase()) ?? null;
}
