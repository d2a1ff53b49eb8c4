/**
 * Golden trees: what deploy writes for a few fixtures, committed under tests/golden/, so that a
 * template change shows up in review as an ordinary file diff. After an intended change, run
 * `npm run golden:update` and commit the result.
 */
import { expect, test } from "bun:test";
import { GOLDEN_CASES, readGolden, renderGolden } from "./support/golden.ts";

test.each(GOLDEN_CASES.map((c) => [c.name, c] as const))("deploy output for %s matches its golden tree", async (name, testCase) => {
  const rendered = await renderGolden(testCase);
  const golden = readGolden(name);
  expect([...rendered.keys()].sort()).toEqual([...golden.keys()].sort());
  for (const [path, text] of rendered) expect({ path, text }).toEqual({ path, text: golden.get(path)! });
});
