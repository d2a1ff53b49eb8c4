import { describe, expect, test } from "bun:test";
import { readManifest } from "../manifest/store.ts";
import { deployedInMemory, edit, text } from "../../tests/support/doctor.ts";
import { checkBlocks } from "./blocks.ts";

describe("checkBlocks()", () => {
  test("finds nothing wrong with the blocks of a fresh deployment", async () => {
    const fs = await deployedInMemory();
    expect(checkBlocks(fs, readManifest(fs))).toEqual([]);
  });

  test("turns malformed markers into an error with the line and the fix", async () => {
    const fs = await deployedInMemory();
    edit(fs, "src/CLAUDE.md", (t) => t.replace("<!-- trinity:end -->", ""));
    expect(checkBlocks(fs, readManifest(fs))).toEqual([
      {
        path: "src/CLAUDE.md",
        problem: 'line 1: "<!-- trinity:begin -->" without a "<!-- trinity:end -->" after it',
        fix: 'add the missing "<!-- trinity:end -->" line (or remove the begin marker) and run trinity again',
        severity: "error",
      },
    ]);
  });

  test("reports a repeated begin marker in .gitignore", async () => {
    const fs = await deployedInMemory();
    edit(fs, ".gitignore", (t) => `${t}# trinity:begin\n`);
    const line = text(fs, ".gitignore").split("\n").length - 1;
    expect(checkBlocks(fs, readManifest(fs)).map((f) => [f.path, f.severity, f.problem])).toEqual([[".gitignore", "error", `line ${line}: a second "# trinity:begin" marker`]]);
  });

  test("warns about a block the user removed", async () => {
    const fs = await deployedInMemory();
    edit(fs, "tests/CLAUDE.md", () => "# Our testing notes\n");
    expect(checkBlocks(fs, readManifest(fs))).toEqual([
      { path: "tests/CLAUDE.md", problem: "trinity's block is gone (no trinity:begin/trinity:end markers)", fix: "leave it out, or run `trinity update --force` to put it back", severity: "warning" },
    ]);
  });
});
