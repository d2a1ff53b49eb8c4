import type { FileOp } from "../plan/ops.ts";

/** The `--json` document (PRODUCT.md §4.2, schemaVersion 1): a common envelope plus what the command reports. */
export interface JsonDocument {
  schemaVersion: 1;
  command: string;
  version: string;
  exitCode: number;
  [field: string]: unknown;
}

export function jsonDocument(command: string, version: string, exitCode: number, fields: Record<string, unknown>): JsonDocument {
  return { schemaVersion: 1, command, version, ...fields, exitCode };
}

/** Operations as `{op, path, reason}`. */
export function operationsJson(ops: readonly FileOp[]): { op: string; path: string; reason: string }[] {
  return ops.map((op) => ({ op: op.action, path: op.path, reason: op.reason }));
}

/** The document as printed: pretty JSON and a final newline. */
export function toJson(document: JsonDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
