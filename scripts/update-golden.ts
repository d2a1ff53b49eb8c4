/** `npm run golden:update`: rewrites tests/golden/ from the current templates (review the diff, then commit). */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { GOLDEN_CASES, GOLDEN_DIR, goldenName, renderGolden } from "../tests/support/golden.ts";

for (const testCase of GOLDEN_CASES) {
  const root = join(GOLDEN_DIR, testCase.name);
  rmSync(root, { recursive: true, force: true });
  const files = await renderGolden(testCase);
  for (const [path, text] of files) {
    const target = join(root, goldenName(path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  console.log(`${testCase.name}: ${files.size} files`);
}
