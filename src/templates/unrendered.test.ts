import { describe, expect, test } from "bun:test";
import { findUnrendered } from "./unrendered.ts";

describe("findUnrendered() and GitHub Actions expressions", () => {
  test("accepts the expressions a generated workflow uses", () => {
    const workflow = [
      "concurrency:",
      "  group: ${{ github.workflow }}-${{ github.ref }}",
      "  cancel-in-progress: true",
      "      cache: ${{ hashFiles('pnpm-lock.yaml') != '' && 'pnpm' || '' }}",
      "      key: pub-${{ runner.os }}-${{ hashFiles('pubspec.lock') }}",
      "      path: ${{ steps.composer-cache.outputs.dir }}",
      "      if: ${{ !cancelled() }}",
      "",
    ].join("\n");
    expect(findUnrendered(workflow)).toEqual([]);
  });

  test.each([
    ["{{ name }}", "{{…}}"],
    ["${{ name }}", "{{…}}"],
    ["key: ${{ runner.os }}-${dir}", "${…}"],
    ["path: ${{ steps.undefined.outputs.dir }}", "undefined"],
    ["value: ${{ github.ref }} null", "bare `null`"],
  ])("still flags %j", (line, what) => {
    expect(findUnrendered(line).map((problem) => problem.what).join(" / ")).toContain(what);
  });
});
