import { describe, expect, test } from "bun:test";
import { projectPath } from "../fs/path.ts";
import { readManifest } from "../manifest/store.ts";
import { deployedInMemory, edit, put, text } from "../../tests/support/doctor.ts";
import { checkImports, resolveImport } from "./imports.ts";

const ROOT = "/memory/project";

describe("resolveImport()", () => {
  test("resolves relative to the importing file's folder, not the project root", () => {
    expect(resolveImport(ROOT, "docs/extra.md", "docs/deeper.md")).toEqual({ inside: true, path: "docs/docs/deeper.md" });
    expect(resolveImport(ROOT, "CLAUDE.md", "./a/../b.md")).toEqual({ inside: true, path: "b.md" });
  });

  test("counts ~/, ../ out of the root and foreign absolute paths as outside the project", () => {
    expect(resolveImport(ROOT, "CLAUDE.md", "~/notes.md")).toEqual({ inside: false });
    expect(resolveImport(ROOT, "CLAUDE.md", "../x.md")).toEqual({ inside: false });
    expect(resolveImport(ROOT, "CLAUDE.md", "/etc/motd.md")).toEqual({ inside: false });
    expect(resolveImport(ROOT, "CLAUDE.md", `${ROOT}/docs/a.md`)).toEqual({ inside: true, path: "docs/a.md" });
  });
});

describe("checkImports()", () => {
  /** Adds lines to the root CLAUDE.md; `line` is the number of the first one added. */
  const appendToRoot = async (lines: string) => {
    const fs = await deployedInMemory();
    edit(fs, "CLAUDE.md", (t) => `${t}${lines}\n`);
    line = text(fs, "CLAUDE.md").split("\n").length - lines.split("\n").length;
    return fs;
  };
  let line = 0;

  test("finds nothing wrong with a fresh deployment: the root imports the protocols", async () => {
    const fs = await deployedInMemory();
    expect(checkImports(fs, readManifest(fs))).toEqual([]);
  });

  test("reports a missing target with its line", async () => {
    const fs = await appendToRoot("@docs/missing.md");
    expect(checkImports(fs, readManifest(fs))).toEqual([
      {
        path: "CLAUDE.md",
        problem: `@docs/missing.md (line ${line}): no such file, so Claude Code skips the import without a word`,
        fix: "create docs/missing.md, or correct or remove the import",
        severity: "error",
      },
    ]);
  });

  test("only warns about a bare word after @, which is rarely meant as an import", async () => {
    const fs = await appendToRoot("Ask @octocat for a review.");
    expect(checkImports(fs, readManifest(fs)).map((f) => [f.severity, f.problem])).toEqual([["warning", `@octocat (line ${line}) reads as an import, but there is no file octocat`]]);
  });

  test("ignores imports in code spans, fences and comments", async () => {
    const fs = await appendToRoot("`@missing.md`\n<!-- @missing.md -->\n```\n@missing.md\n```");
    expect(checkImports(fs, readManifest(fs))).toEqual([]);
  });

  test("follows imports relative to each importing file, down to depth 4, and warns beyond", async () => {
    const fs = await appendToRoot("@docs/a.md");
    put(fs, "docs/a.md", "@b.md\n");
    put(fs, "docs/b.md", "@c.md\n");
    put(fs, "docs/c.md", "@d.md\n");
    put(fs, "docs/d.md", "@e.md\n");
    put(fs, "docs/e.md", "too deep\n");
    expect(checkImports(fs, readManifest(fs))).toEqual([
      { path: "docs/d.md", problem: "@e.md (line 1) is 5 imports deep from CLAUDE.md; Claude Code stops at 4 and drops it", fix: "import it from a file nearer to CLAUDE.md", severity: "warning" },
    ]);
  });

  test("reads each file once, so import cycles end", async () => {
    const fs = await appendToRoot("@a.md");
    put(fs, "a.md", "@CLAUDE.md\n@a.md\n");
    expect(checkImports(fs, readManifest(fs))).toEqual([]);
  });

  test("warns about imports leaving the project and extensions Claude Code does not load", async () => {
    const fs = await appendToRoot("@~/personal.md @../sibling.md @assets/logo.png @LICENSE");
    put(fs, "assets/logo.png", "png");
    put(fs, "LICENSE", "MIT");
    expect(checkImports(fs, readManifest(fs)).map((f) => `${f.severity}: ${f.problem}`)).toEqual([
      `warning: @~/personal.md (line ${line}) is outside the project: Claude Code loads it only after you approve external imports, and never in -p or CI runs`,
      `warning: @../sibling.md (line ${line}) is outside the project: Claude Code loads it only after you approve external imports, and never in -p or CI runs`,
      `warning: @assets/logo.png (line ${line}) has the extension .png, and Claude Code loads only files with a known text extension`,
      `warning: @LICENSE (line ${line}) has no file extension, and Claude Code loads only files with a known text extension`,
    ]);
  });

  test("requires the root CLAUDE.md to import the protocols outside code", async () => {
    const fs = await deployedInMemory();
    edit(fs, "CLAUDE.md", (t) => t.replace("@.claude/trinity/CLAUDE.md", "`@.claude/trinity/CLAUDE.md`"));
    expect(checkImports(fs, readManifest(fs))).toEqual([
      {
        path: "CLAUDE.md",
        problem: "does not import @.claude/trinity/CLAUDE.md outside code and comments, so Claude Code never loads trinity's protocols",
        fix: "add the line @.claude/trinity/CLAUDE.md to trinity's block, or run `trinity update --force` to restore the block",
        severity: "error",
      },
    ]);
  });

  test("reports a missing root CLAUDE.md, and a deleted protocols file as a missing import", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/trinity/CLAUDE.md"));
    const importLine = text(fs, "CLAUDE.md").split("\n").indexOf("@.claude/trinity/CLAUDE.md") + 1;
    expect(checkImports(fs, readManifest(fs)).map((f) => f.problem)).toEqual([`@.claude/trinity/CLAUDE.md (line ${importLine}): no such file, so Claude Code skips the import without a word`]);
    fs.remove(projectPath("CLAUDE.md"));
    expect(checkImports(fs, readManifest(fs)).map((f) => f.problem)).toEqual(["missing, so Claude Code loads none of trinity's protocols"]);
  });

  test("checks the CLAUDE.md files of source folders too", async () => {
    const fs = await deployedInMemory();
    edit(fs, "src/CLAUDE.md", (t) => `@./nowhere.md\n${t}`);
    expect(checkImports(fs, readManifest(fs)).map((f) => `${f.path}: ${f.problem}`)).toEqual(["src/CLAUDE.md: @./nowhere.md (line 1): no such file, so Claude Code skips the import without a word"]);
  });
});
