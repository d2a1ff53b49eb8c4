import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import { parse as parseTomlText, TomlError } from "smol-toml";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseDocument } from "yaml";

/** The outcome of parsing a structured file: the value, or where and why it is invalid. */
export type ParseResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number | null; column: number | null; reason: string };

/** Formats a failed parse as "line 3, column 7: comma expected". */
export function describeParseFailure(result: Extract<ParseResult, { ok: false }>): string {
  const where = result.line === null ? "" : `line ${result.line}${result.column === null ? "" : `, column ${result.column}`}: `;
  return `${where}${result.reason}`;
}

/**
 * Strict JSON (no comments, no trailing commas), as Claude Code and npm read it. JSON.parse is the
 * authority on validity; jsonc-parser only locates the problem, since JSON.parse's messages carry
 * no reliable position.
 */
export function parseJson(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) {
      return { ok: false, line: null, column: null, reason: (error as Error).message };
    }
    const { line, column } = lineAndColumn(body, first.offset);
    return { ok: false, line, column, reason: humanise(printParseErrorCode(first.error)) };
  }
}

/** TOML 1.0. */
export function parseToml(text: string): ParseResult {
  try {
    return { ok: true, value: parseTomlText(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "invalid TOML";
      return { ok: false, line: error.line, column: error.column, reason };
    }
    return { ok: false, line: null, column: null, reason: String(error) };
  }
}

/** YAML 1.2 (a single document). */
export function parseYaml(text: string): ParseResult {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = document.errors[0];
  if (first === undefined) return { ok: true, value: document.toJS() };
  const position = first.linePos?.[0];
  return {
    ok: false,
    line: position?.line ?? null,
    column: position?.col ?? null,
    reason: first.message.split("\n")[0] ?? "invalid YAML",
  };
}

/**
 * XML (pom.xml, *.csproj). Elements become objects; repeated elements become arrays; attributes
 * are kept under `@_name`. The validator reports the line of the first error.
 */
export function parseXml(text: string): ParseResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, line: valid.err.line, column: valid.err.col, reason: valid.err.msg };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, trimValues: true });
  return { ok: true, value: parser.parse(text) };
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "CommaExpected" → "comma expected". */
function humanise(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
