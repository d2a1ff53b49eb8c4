import { describe, expect, test } from "bun:test";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { basePath, MANIFEST_PATH, sha256 } from "../manifest/store.ts";
import { deployedInMemory, put } from "../../tests/support/doctor.ts";
import { checkManifest } from "./manifest.ts";

const EMPTY = sha256("");

describe("checkManifest()", () => {
  test("finds nothing wrong with a fresh deployment and hands back its manifest", async () => {
    const fs = await deployedInMemory();
    const { manifest, findings } = checkManifest(fs);
    expect(findings).toEqual([]);
    expect(manifest?.options.commandFormat).toBe("skills");
  });

  test("turns an unreadable manifest into one finding instead of failing", async () => {
    const fs = await deployedInMemory();
    put(fs, MANIFEST_PATH, "{ not json");
    const { manifest, findings } = checkManifest(fs);
    expect(manifest).toBeNull();
    expect(findings).toEqual([
      {
        path: ".trinity/manifest.json",
        problem: "cannot read the deployment record: not valid JSON (line 1, column 3: invalid symbol)",
        fix: "restore the file from version control, or run `trinity deploy --force` to re-deploy (changed files are backed up)",
        severity: "error",
      },
    ]);
  });

  test("reports a missing base once per blob, naming the files it is the base of", async () => {
    const fs = await deployedInMemory();
    fs.remove(basePath(EMPTY));
    const { findings } = checkManifest(fs);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: basePath(EMPTY), severity: "error" });
    expect(findings[0]!.problem).toMatch(/^missing: the merge base of \.claude\/trinity\/archive\/investigations\/\.gitkeep and \d+ more files$/);
  });

  test("reports a base whose content no longer matches its hash", async () => {
    const fs = await deployedInMemory();
    const record = checkManifest(fs).manifest!.files.find((r) => r.path === ".claude/trinity/VERSION")!;
    put(fs, basePath(record.sha256), "tampered\n");
    expect(checkManifest(fs).findings).toEqual([
      {
        path: basePath(record.sha256),
        problem: "corrupted: its content no longer matches its name (the merge base of .claude/trinity/VERSION)",
        fix: "restore .trinity/base/ from version control, or run `trinity deploy --force` to record it again; files you changed are backed up first",
        severity: "error",
      },
    ]);
  });

  test("warns about a recorded file that was deleted: allowed, but update would bring it back", async () => {
    const fs = await deployedInMemory();
    fs.remove(projectPath(".claude/trinity/README.md"));
    expect(checkManifest(fs).findings).toEqual([
      { path: ".claude/trinity/README.md", problem: "deleted", fix: `leave it deleted, or run \`trinity update --force\` to restore it; --force also takes trinity's version of files you changed, after a backup`, severity: "warning" },
    ]);
  });

  test("reports an interrupted run that was not rolled back", async () => {
    const fs = await deployedInMemory();
    put(fs, ".trinity/journal.json", "{}");
    expect(checkManifest(fs).findings.map((f) => [f.path, f.severity])).toEqual([[".trinity/journal.json", "error"]]);
  });

  test("returns no manifest and no findings when there is no deployment", () => {
    expect(checkManifest(new MemoryFileSystem())).toEqual({ manifest: null, findings: [] });
  });
});
