import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath } from "jsonc-parser";
import { detectEol } from "./eol.ts";

/**
 * Format-preserving JSON edits: only the touched region of the text changes, and new text follows
 * the file's own indentation and line endings, so a user's settings or package.json keeps its look.
 */
export class JsonEditor {
  private readonly formatting: FormattingOptions;

  constructor(private text: string) {
    this.formatting = detectFormatting(text);
  }

  /** Sets a value at a path; with `first`, a new property goes before the existing ones. */
  set(path: JSONPath, value: unknown, options: { first?: boolean } = {}): this {
    const edits = modify(this.text, path, value, {
      formattingOptions: this.formatting,
      ...(options.first ? { getInsertionIndex: () => 0 } : {}),
    });
    this.text = applyEdits(this.text, edits);
    return this;
  }

  /** Appends an item to the array at `path`. */
  append(path: JSONPath, item: unknown): this {
    const edits = modify(this.text, [...path, -1], item, { formattingOptions: this.formatting, isArrayInsertion: true });
    this.text = applyEdits(this.text, edits);
    return this;
  }

  /** Removes the first item equal to `value` from the array at `path` (no-op when absent). */
  removeFromArray(path: JSONPath, value: unknown): this {
    const array = getNodeValue(findNodeAtLocation(parseTree(this.text)!, path)!) as unknown[] | undefined;
    const index = Array.isArray(array) ? array.findIndex((item) => JSON.stringify(item) === JSON.stringify(value)) : -1;
    if (index !== -1) this.text = applyEdits(this.text, modify(this.text, [...path, index], undefined, { formattingOptions: this.formatting }));
    return this;
  }

  /** Removes the property or array item at `path`, with its separating comma (no-op when absent). */
  remove(path: JSONPath): this {
    this.text = applyEdits(this.text, modify(this.text, path, undefined, { formattingOptions: this.formatting }));
    return this;
  }

  toString(): string {
    return this.text;
  }
}

/** Indentation (tabs or N spaces) and line ending of an existing JSON text; 2 spaces and LF by default. */
function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: detectEol(text),
  };
}
