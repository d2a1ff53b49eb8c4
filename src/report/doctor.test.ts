import { describe, expect, test } from "bun:test";
import { error, warning } from "../doctor/finding.ts";
import { formatDoctor, formatFinding } from "./doctor.ts";
import { createStyle } from "./style.ts";

const plain = createStyle(false);
const root = "/work/shop";

describe("formatFinding()", () => {
  test("is path: problem (fix)", () => {
    expect(formatFinding(error("CLAUDE.md", "@x.md (line 3): no such file", "create x.md"))).toBe("CLAUDE.md: @x.md (line 3): no such file (create x.md)");
  });
});

describe("formatDoctor()", () => {
  test("says so when there is nothing to report", () => {
    expect(formatDoctor({ root, findings: [] }, plain, { strict: false })).toBe("No problems found in the deployment at /work/shop.\n");
  });

  test("marks each finding and ends with the counts", () => {
    const findings = [error("a.md", "broken", "fix it"), warning("b.md", "odd", "look"), warning("c.md", "odd", "look")];
    expect(formatDoctor({ root, findings }, plain, { strict: false })).toBe(
      ["error    a.md: broken (fix it)", "warning  b.md: odd (look)", "warning  c.md: odd (look)", "", "Found 1 error and 2 warnings in the deployment at /work/shop.", ""].join("\n"),
    );
  });

  test("explains that warnings alone do not fail, unless --strict", () => {
    const findings = [warning("b.md", "odd", "look")];
    expect(formatDoctor({ root, findings }, plain, { strict: false })).toEndWith("Found 1 warning in the deployment at /work/shop (warnings alone do not fail; --strict makes them fail).\n");
    expect(formatDoctor({ root, findings }, plain, { strict: true })).toEndWith("Found 1 warning in the deployment at /work/shop.\n");
  });
});
