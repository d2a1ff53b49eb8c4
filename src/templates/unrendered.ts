/** One trace of template syntax or an unfilled value in rendered output. */
export interface Unrendered {
  line: number;
  what: string;
}

const SHELL_FENCES = new Set(["sh", "bash", "shell", "zsh", "console", "powershell", "ps1"]);
const JSON_FENCES = new Set(["json", "jsonc"]);

/**
 * A GitHub Actions expression in a generated workflow (`${{ github.ref }}`, `${{ hashFiles('go.sum') }}`):
 * output, not a leftover placeholder. Only expressions that start with a context or function of the
 * expression language count, so `{{ name }}`, `${{ name }}` and `${name}` are still reported, and
 * so is an expression with an unfilled value inside (`${{ steps.undefined.outputs.dir }}`).
 */
const GITHUB_EXPRESSION =
  /\$\{\{\s*!?\s*(?:(?:github|env|vars|secrets|inputs|matrix|strategy|runner|job|jobs|steps|needs)\b|(?:hashFiles|format|contains|startsWith|endsWith|join|toJSON|fromJSON|success|always|cancelled|failure)\()[^}]*\}\}/g;
const UNFILLED = /\bundefined\b|\bNaN\b|\[object Object\]/;

/**
 * Finds what METHODOLOGY.md §5 rule 6 forbids in a rendered file: eta tags, `{{…}}` pairs,
 * `${…}` outside fenced shell code, `undefined`, `NaN`, `[object Object]`, and a bare `null`
 * outside JSON examples and code spans. GitHub Actions expressions (`${{ github.ref }}`) are
 * not placeholders and are skipped.
 */
export function findUnrendered(text: string): Unrendered[] {
  const found: Unrendered[] = [];
  let fence: string | null = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(GITHUB_EXPRESSION, (expression) => (UNFILLED.test(expression) ? expression : ""));
    const report = (what: string) => found.push({ line: i + 1, what });
    const fenceMatch = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (fenceMatch) {
      fence = fence === null ? (fenceMatch[2] ?? "").toLowerCase() : null;
    }
    if (line.includes("<%") || line.includes("%>")) report("an eta tag (`<%` or `%>`)");
    if (/\{\{.*\}\}/.test(line)) report("a `{{…}}` placeholder");
    if (/\$\{[^}]*\}/.test(line) && !(fence !== null && SHELL_FENCES.has(fence))) report("a `${…}` placeholder outside shell code");
    if (/\bundefined\b/.test(line)) report("`undefined`");
    if (/\bNaN\b/.test(line)) report("`NaN`");
    if (line.includes("[object Object]")) report("`[object Object]`");
    const inJson = fence !== null && JSON_FENCES.has(fence);
    if (!inJson && /\bnull\b/.test(withoutCodeSpans(line))) report("a bare `null`");
  }
  return found;
}

/** The line with inline code spans removed. */
function withoutCodeSpans(line: string): string {
  return line.replace(/`[^`]*`/g, "");
}
