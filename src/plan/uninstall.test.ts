import { describe, expect, test } from "bun:test";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { encodeText, readText } from "../fs/port.ts";
import type { FileRecord, Manifest } from "../manifest/schema.ts";
import { MANIFEST_PATH, readManifest, sha256 } from "../manifest/store.ts";
import { deployWith } from "../../tests/support/deploy.ts";
import { insertBlock } from "./blocks.ts";
import type { FileOp } from "./ops.ts";
import { mergeSettings, SETTINGS_SCHEMA, TRINITY_ALLOW_RULES } from "./settings.ts";
import { planUninstall } from "./uninstall.ts";

/** A deployed project in memory, with a user's CLAUDE.md, .gitignore and settings trinity merged into. */
async function deployed(files: Record<string, string> = {}): Promise<{ fs: MemoryFileSystem; manifest: Manifest }> {
  const fs = new MemoryFileSystem({ "package.json": '{ "name": "shop" }\n', "src/index.ts": "export {};\n", ...files });
  await deployWith(fs);
  return { fs, manifest: readManifest(fs)! };
}

function plan(fs: MemoryFileSystem, manifest: Manifest | null, options: { force?: boolean; purge?: boolean } = {}) {
  return planUninstall({ fs, manifest, force: options.force ?? false, purge: options.purge ?? false });
}

function opFor(ops: readonly FileOp[], path: string): FileOp {
  const found = ops.find((op) => op.path === path);
  if (!found) throw new Error(`no operation for ${path}`);
  return found;
}

function edit(fs: MemoryFileSystem, path: string, change: (text: string) => string): void {
  fs.write(projectPath(path), encodeText(change(readText(fs, projectPath(path))!)));
}

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

/** A one-record manifest for hand-made cases. */
function manifestWith(record: FileRecord): Manifest {
  return {
    schemaVersion: 1,
    trinityVersion: "9.9.9",
    deployDate: "2026-03-04",
    lastRun: "2026-03-04T05:06:07.000Z",
    lastCommand: "deploy",
    options: { projectName: "shop", commandFormat: "skills", gitignore: "shared", skipAudit: false, ciDeploy: false, templates: "embedded" },
    stack: { ecosystems: [], ciPlatform: "unknown" },
    files: [record],
  };
}

describe("planUninstall() on whole files", () => {
  test("removes a file trinity wrote that nobody changed", async () => {
    const { fs, manifest } = await deployed();
    expect(opFor(plan(fs, manifest).ops, ".claude/trinity/CLAUDE.md")).toMatchObject({ action: "remove", after: null });
  });

  test("keeps a file the user changed and says how to remove it anyway", async () => {
    const { fs, manifest } = await deployed();
    edit(fs, ".claude/trinity/CLAUDE.md", (t) => `${t}my note\n`);
    const result = plan(fs, manifest);
    expect(opFor(result.ops, ".claude/trinity/CLAUDE.md")).toMatchObject({ action: "keep", reason: "you changed it; kept — `--force` removes it, a backup is kept" });
    expect(result.warnings).toContain(".claude/trinity/CLAUDE.md: you changed it; kept — `--force` removes it, a backup is kept");
  });

  test("removes a changed file with --force", async () => {
    const { fs, manifest } = await deployed();
    edit(fs, ".claude/trinity/CLAUDE.md", (t) => `${t}my note\n`);
    expect(opFor(plan(fs, manifest, { force: true }).ops, ".claude/trinity/CLAUDE.md")).toMatchObject({ action: "remove", reason: "you changed it; removed with --force (a backup is kept)" });
  });

  test("leaves alone a file the user already deleted", async () => {
    const { fs, manifest } = await deployed();
    fs.remove(projectPath(".claude/trinity/README.md"));
    expect(opFor(plan(fs, manifest).ops, ".claude/trinity/README.md")).toMatchObject({ action: "skip", reason: "already gone" });
  });
});

describe("planUninstall() on managed blocks", () => {
  test("gives a user's CLAUDE.md and .gitignore back byte for byte, CRLF included", async () => {
    const claude = "# Shop\r\n\r\nOur own notes.\r\n";
    const gitignore = "node_modules/\n";
    const { fs, manifest } = await deployed({ "CLAUDE.md": claude, ".gitignore": gitignore });
    const ops = plan(fs, manifest).ops;
    expect(opFor(ops, "CLAUDE.md")).toMatchObject({ action: "update", reason: "trinity's block removed; your text is kept" });
    expect(text(opFor(ops, "CLAUDE.md").after)).toBe(claude);
    expect(text(opFor(ops, ".gitignore").after)).toBe(gitignore);
  });

  test("removes a CLAUDE.md trinity created when nothing else was written into it", async () => {
    const { fs, manifest } = await deployed();
    expect(opFor(plan(fs, manifest).ops, "CLAUDE.md")).toMatchObject({ action: "remove", reason: "trinity created it; nothing of yours is in it" });
  });

  test("keeps the user's text in a file trinity created and takes only the block out", async () => {
    const { fs, manifest } = await deployed();
    edit(fs, "CLAUDE.md", (t) => `# House rules\n\nBe kind.\n\n${t}`);
    const op = opFor(plan(fs, manifest).ops, "CLAUDE.md");
    expect(op.action).toBe("update");
    expect(text(op.after)).toBe("# House rules\n\nBe kind.\n");
  });

  test("keeps a file whose block the user edited, and removes that block with --force", async () => {
    const { fs, manifest } = await deployed({ "CLAUDE.md": "# Shop\n" });
    edit(fs, "CLAUDE.md", (t) => t.replace("<!-- trinity:end -->", "my line inside\n<!-- trinity:end -->"));
    expect(opFor(plan(fs, manifest).ops, "CLAUDE.md")).toMatchObject({ action: "keep", reason: "you changed trinity's block; kept — `--force` removes it, a backup is kept" });
    const forced = opFor(plan(fs, manifest, { force: true }).ops, "CLAUDE.md");
    expect(forced.action).toBe("update");
    expect(text(forced.after)).toBe("# Shop\n");
  });

  test("does not count converted line endings as an edit of the block", async () => {
    const { fs, manifest } = await deployed({ "CLAUDE.md": "# Shop\n" });
    edit(fs, "CLAUDE.md", (t) => t.replace(/\n/g, "\r\n"));
    const op = opFor(plan(fs, manifest).ops, "CLAUDE.md");
    expect(op.action).toBe("update");
    expect(text(op.after)).toBe("# Shop\r\n");
  });

  test("removes a knowledge-base document trinity created and the user left alone, and keeps one the user wrote in", async () => {
    const { fs, manifest } = await deployed();
    const architecture = ".claude/trinity/knowledge-base/ARCHITECTURE.md";
    const todo = ".claude/trinity/knowledge-base/To-do.md";
    edit(fs, architecture, (t) => `${t}\n## Our decisions\n\nWe use queues.\n`);
    const ops = plan(fs, manifest).ops;
    expect(opFor(ops, todo).action).toBe("remove");
    const kept = opFor(ops, architecture);
    expect(kept.action).toBe("update");
    expect(text(kept.after)).toContain("We use queues.");
    expect(text(kept.after)).not.toContain("trinity:begin");
  });

  test("takes a facts block out of a document trinity did not create exactly as it was put in", async () => {
    const doc = "# Architecture\nOur own design notes.\n";
    const path = ".claude/trinity/knowledge-base/ARCHITECTURE.md";
    const fs = new MemoryFileSystem({ [path]: insertBlock(doc, "facts\n", "html", "after-title") });
    const body = "facts\n";
    const record: FileRecord = { path, entry: "trinity/knowledge-base/ARCHITECTURE.md.eta", kind: "block", ownership: "user", sha256: sha256(body), created: false };
    expect(text(opFor(plan(fs, manifestWith(record)).ops, path).after)).toBe(doc);
  });

  test("removes a file trinity created whose block the user deleted when only trinity's text is left", async () => {
    const { fs, manifest } = await deployed();
    fs.write(projectPath("src/CLAUDE.md"), encodeText("\n"));
    expect(opFor(plan(fs, manifest).ops, "src/CLAUDE.md")).toMatchObject({ action: "remove" });
    fs.write(projectPath("src/CLAUDE.md"), encodeText("mine\n"));
    expect(opFor(plan(fs, manifest).ops, "src/CLAUDE.md")).toMatchObject({ action: "keep", reason: "trinity's block is already gone; your text is kept" });
  });

  test("refuses broken markers with the file and line, before anything is written", async () => {
    const { fs, manifest } = await deployed();
    edit(fs, "CLAUDE.md", (t) => t.replace("<!-- trinity:end -->", ""));
    expect(() => plan(fs, manifest)).toThrow(/^CLAUDE\.md: line 1: "<!-- trinity:begin -->" without a "<!-- trinity:end -->" after it$/);
  });
});

describe("planUninstall() on .claude/settings.json", () => {
  test("removes a settings file trinity created when nothing of the user's is in it", async () => {
    const { fs, manifest } = await deployed();
    expect(opFor(plan(fs, manifest).ops, ".claude/settings.json")).toMatchObject({ action: "remove", reason: "trinity created it; nothing of yours is in it" });
  });

  test("keeps the user's keys and rules in a file trinity created and removes only trinity's", async () => {
    const { fs, manifest } = await deployed();
    edit(fs, ".claude/settings.json", (t) => {
      const settings = JSON.parse(t);
      settings.model = "opus";
      settings.permissions.allow.push("Bash(make:*)");
      return `${JSON.stringify(settings, null, 2)}\n`;
    });
    const op = opFor(plan(fs, manifest).ops, ".claude/settings.json");
    expect(op.action).toBe("update");
    expect(JSON.parse(text(op.after)!)).toEqual({ model: "opus", permissions: { allow: ["Bash(make:*)"] } });
  });

  test.each([
    ["without permissions", '{\n  "model": "opus"\n}\n'],
    ["with other permissions", '{\n  "model": "opus",\n  "permissions": {\n    "deny": [\n      "Read(.env)"\n    ]\n  }\n}\n'],
    ["with allow rules of its own", '{\n  "permissions": {\n    "allow": [\n      "Bash(make:*)",\n      "Bash(git status:*)"\n    ]\n  }\n}\n'],
    ["with an empty allow list", '{\n  "permissions": {\n    "allow": []\n  }\n}\n'],
  ])("gives a user's settings file %s back byte for byte", async (_case, user) => {
    const { fs, manifest } = await deployed({ ".claude/settings.json": user });
    const op = opFor(plan(fs, manifest).ops, ".claude/settings.json");
    expect(op.action).toBe("update");
    expect(text(op.after)).toBe(user);
  });

  test("keeps a $schema the user changed and a rule trinity did not add", () => {
    const merged = mergeSettings(".claude/settings.json", '{\n  "permissions": {\n    "allow": ["Bash(git log:*)"]\n  }\n}\n', null, false);
    if (merged.outcome !== "write") throw new Error("expected a write");
    const edited = merged.content.replace(SETTINGS_SCHEMA, "https://example.com/mine.json");
    const fs = new MemoryFileSystem({ ".claude/settings.json": edited });
    const record: FileRecord = { path: ".claude/settings.json", entry: "generated:settings", kind: "settings", ownership: "methodology", sha256: "0".repeat(64), created: false, settings: merged.added };
    const after = JSON.parse(text(opFor(plan(fs, manifestWith(record)).ops, ".claude/settings.json").after)!);
    expect(after).toEqual({ $schema: "https://example.com/mine.json", permissions: { allow: ["Bash(git log:*)"] } });
    expect(TRINITY_ALLOW_RULES).toContain("Bash(git log:*)");
  });

  test("says when nothing of trinity's is left, and keeps the file", async () => {
    const { fs, manifest } = await deployed({ ".claude/settings.json": '{ "model": "opus" }\n' });
    fs.write(projectPath(".claude/settings.json"), encodeText('{ "model": "opus" }\n'));
    expect(opFor(plan(fs, manifest).ops, ".claude/settings.json")).toMatchObject({ action: "keep", reason: "nothing of trinity's is left in it; your settings are kept" });
  });

  test("refuses invalid JSON with the file and line, before anything is written", async () => {
    const { fs, manifest } = await deployed();
    fs.write(projectPath(".claude/settings.json"), encodeText('{\n  "model": "opus",\n}\n'));
    expect(() => plan(fs, manifest)).toThrow(".claude/settings.json: cannot remove trinity's settings: file is not valid JSON (line 3");
  });
});

describe("planUninstall() on trinity's state", () => {
  test("removes the base store and, last, the manifest, as internal operations", async () => {
    const { fs, manifest } = await deployed();
    const ops = plan(fs, manifest).ops;
    const internal = ops.filter((op) => op.internal);
    expect(internal.at(-1)).toMatchObject({ path: MANIFEST_PATH, action: "remove" });
    const base = internal.filter((op) => op.path.startsWith(".trinity/base/"));
    expect(base.length).toBeGreaterThan(10);
    expect(base.every((op) => op.action === "remove")).toBe(true);
    expect(ops.some((op) => op.path.startsWith(".trinity/backups/"))).toBe(false);
  });

  test("lets removals take away only the folders trinity's runs created, when the records go back to the first deploy", async () => {
    const { fs, manifest } = await deployed();
    const dirs = plan(fs, manifest).removableDirs;
    expect(dirs?.has(".claude/trinity/work-orders")).toBe(true);
    expect(dirs?.has("src")).toBe(false);
    // a fresh clone has no backups: nothing tells trinity's folders apart, so any folder left empty may go
    const files = Object.entries(fs.snapshot()).filter(([path]) => !path.endsWith("/") && !path.startsWith(".trinity/backups/"));
    const clone = new MemoryFileSystem(Object.fromEntries(files.map(([path, content]) => [path, Buffer.from(content, "base64")])));
    expect(plan(clone, manifest).removableDirs).toBeUndefined();
  });

  test("--purge lists the runs whose backups go with .trinity/", async () => {
    const { fs, manifest } = await deployed();
    expect(plan(fs, manifest).purge).toBeNull();
    expect(plan(fs, manifest, { purge: true }).purge?.runs).toHaveLength(1);
  });
});
