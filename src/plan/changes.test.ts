import { describe, expect, test } from "bun:test";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import type { FileRecord, Manifest } from "../manifest/schema.ts";
import { basePath, sha256 } from "../manifest/store.ts";
import { planChanges, recordedMarkers } from "./changes.ts";
import type { Desired } from "./desired.ts";
import type { FileOp } from "./ops.ts";

const file = (path: string, content: string): Desired => ({ kind: "file", path: projectPath(path), entry: `t/${path}`, ownership: "methodology", content });
const sharedBlock = (path: string, body: string): Desired => ({
  kind: "block",
  path: projectPath(path),
  entry: `t/${path}`,
  ownership: "methodology",
  markers: "html",
  shared: true,
  body,
  initial: "",
});
const factsDoc = (path: string, body: string): Desired => ({
  kind: "block",
  path: projectPath(path),
  entry: `t/${path}`,
  ownership: "user",
  markers: "html",
  shared: false,
  body,
  initial: `# Doc\n\n<!-- trinity:begin -->\n${body}<!-- trinity:end -->\n\nYour notes.\n`,
});
const text = (op: FileOp) => (op.after === null ? null : new TextDecoder().decode(op.after));
const plan = (files: Record<string, string>, desired: Desired[], previous: Manifest | null = null, force = false) =>
  planChanges({ desired, fs: new MemoryFileSystem(files), previous, force, conflictStyle: "inline", versions: { base: "1.0.0", next: "2.0.0" } });
const manifestWith = (...files: FileRecord[]): Manifest => ({
  schemaVersion: 1,
  trinityVersion: "0.0.1",
  deployDate: "2026-01-01",
  lastRun: "2026-01-01T00:00:00.000Z",
  lastCommand: "deploy",
  options: { projectName: "p", commandFormat: "skills", gitignore: "shared", skipAudit: false, ciDeploy: false, templates: "embedded" },
  stack: { ecosystems: [], ciPlatform: "unknown" },
  files,
});
const record = (path: string, content: string, kind: FileRecord["kind"] = "file"): FileRecord => ({
  path,
  entry: `t/${path}`,
  kind,
  ownership: "methodology",
  sha256: sha256(content),
  created: true,
});

describe("planChanges() on a fresh project", () => {
  test("creates absent files and records them with their base", () => {
    const [op] = plan({}, [file("a.md", "A\n")]).ops;
    expect(op).toMatchObject({ action: "create", path: "a.md", base: "A\n" });
    expect(op!.record).toMatchObject({ kind: "file", sha256: sha256("A\n"), created: true });
  });

  test("adopts a file that already has exactly the content trinity would write", () => {
    expect(plan({ "a.md": "A\n" }, [file("a.md", "A\n")]).ops[0]).toMatchObject({ action: "adopt", record: { created: false } });
  });

  test("skips a different file trinity did not write, and records nothing", () => {
    const [op] = plan({ "a.md": "mine\n" }, [file("a.md", "A\n")]).ops;
    expect(op).toMatchObject({ action: "skip", record: null });
    expect(op!.reason).toContain("--force replaces it");
    expect(text(op!)).toBe("mine\n");
  });

  test("with --force, replaces that file (the applier backs it up)", () => {
    const [op] = plan({ "a.md": "mine\n" }, [file("a.md", "A\n")], null, true).ops;
    expect(op).toMatchObject({ action: "update" });
    expect(text(op!)).toBe("A\n");
  });

  test("adds the managed block to an existing CLAUDE.md and keeps the user's text as a prefix", () => {
    const [op] = plan({ "CLAUDE.md": "# Mine\n\nNotes.\n" }, [sharedBlock("CLAUDE.md", "body\n")]).ops;
    expect(op!.action).toBe("update");
    expect(text(op!)).toBe("# Mine\n\nNotes.\n\n<!-- trinity:begin -->\nbody\n<!-- trinity:end -->\n");
    expect(op!.record).toMatchObject({ kind: "block", sha256: sha256("body\n"), created: false });
  });

  test("creates a CLAUDE.md holding only the block when there is none", () => {
    const [op] = plan({}, [sharedBlock("src/CLAUDE.md", "body\n")]).ops;
    expect(text(op!)).toBe("<!-- trinity:begin -->\nbody\n<!-- trinity:end -->\n");
  });

  test("refreshes only the block body of a CRLF file, with CRLF", () => {
    const existing = "Top\r\n\r\n<!-- trinity:begin -->\r\nold\r\n<!-- trinity:end -->\r\nBottom\r\n";
    const [op] = plan({ "CLAUDE.md": existing }, [sharedBlock("CLAUDE.md", "new\n")]).ops;
    expect(text(op!)).toBe("Top\r\n\r\n<!-- trinity:begin -->\r\nnew\r\n<!-- trinity:end -->\r\nBottom\r\n");
    expect(op!.base).toBe("new\r\n");
  });

  test("creates a user-owned document whole", () => {
    const [op] = plan({}, [factsDoc("kb/ARCH.md", "facts\n")]).ops;
    expect(text(op!)).toContain("Your notes.");
    expect(op!.record).toMatchObject({ kind: "block", ownership: "user", sha256: sha256("facts\n") });
  });

  test("skips a pre-existing document without a facts block unless --force, which keeps its text", () => {
    expect(plan({ "kb/ARCH.md": "# Arch\nMine.\n" }, [factsDoc("kb/ARCH.md", "facts\n")]).ops[0]!.action).toBe("skip");
    const [forced] = plan({ "kb/ARCH.md": "# Arch\nMine.\n" }, [factsDoc("kb/ARCH.md", "facts\n")], null, true).ops;
    expect(text(forced!)).toBe("# Arch\n\n<!-- trinity:begin -->\nfacts\n<!-- trinity:end -->\n\nMine.\n");
  });

  test("stops with the file and line when markers are broken", () => {
    expect(() => plan({ "CLAUDE.md": "x\n<!-- trinity:begin -->\n" }, [sharedBlock("CLAUDE.md", "b\n")])).toThrow("CLAUDE.md: line 2:");
  });

  test("merges settings and refuses invalid settings JSON", () => {
    const settings: Desired = { kind: "settings", path: projectPath(".claude/settings.json"), entry: "s", ownership: "methodology" };
    const [op] = plan({ ".claude/settings.json": '{"model":"opus"}' }, [settings]).ops;
    expect(op!.action).toBe("update");
    expect(JSON.parse(text(op!)!).model).toBe("opus");
    expect(() => plan({ ".claude/settings.json": "{" }, [settings])).toThrow(".claude/settings.json: cannot merge settings");
  });
});

describe("planChanges() over a previous deployment with --force", () => {
  test("leaves up-to-date files unchanged", () => {
    expect(plan({ "a.md": "A\n" }, [file("a.md", "A\n")], manifestWith(record("a.md", "A\n")), true).ops[0]!.action).toBe("unchanged");
  });

  test("re-renders a file the user changed, saying the changes are in the backup", () => {
    const [op] = plan({ "a.md": "edited\n" }, [file("a.md", "A2\n")], manifestWith(record("a.md", "A\n")), true).ops;
    expect(op).toMatchObject({ action: "update", reason: "replaced with the new version; your changes are kept in the backup" });
  });

  test("refreshes only the facts block of a user-owned document and keeps the user's prose", () => {
    const disk = "# Doc\n\n<!-- trinity:begin -->\nold facts\n<!-- trinity:end -->\n\nMy architecture notes.\n";
    const desired = factsDoc("kb/ARCH.md", "new facts\n");
    const previous = manifestWith({ ...record("kb/ARCH.md", "old facts\n", "block"), ownership: "user" });
    const [op] = plan({ "kb/ARCH.md": disk }, [desired], previous, true).ops;
    expect(text(op!)).toBe("# Doc\n\n<!-- trinity:begin -->\nnew facts\n<!-- trinity:end -->\n\nMy architecture notes.\n");
  });

  test("removes an unchanged file that is no longer produced, and keeps a changed one", () => {
    const previous = manifestWith(record("old.md", "O\n"), record("edited.md", "E\n"));
    const ops = plan({ "old.md": "O\n", "edited.md": "changed\n" }, [], previous, true);
    expect(ops.ops.map((op) => [String(op.path), op.action])).toEqual([
      ["old.md", "remove"],
      ["edited.md", "keep"],
    ]);
    expect(ops.warnings).toEqual(["edited.md: no longer part of trinity, but you changed it; kept"]);
  });

  test("removes only trinity's block from a shared file that is no longer produced", () => {
    const disk = "Mine\n\n<!-- trinity:begin -->\nbody\n<!-- trinity:end -->\n";
    const [op] = plan({ "lib/CLAUDE.md": disk }, [], manifestWith(record("lib/CLAUDE.md", "body\n", "block")), true).ops;
    expect(op!.action).toBe("update");
    expect(text(op!)).toBe("Mine\n");
  });
});

describe("planChanges() conflicts", () => {
  const base = "name: ci\non: push\njobs: {}\n";
  const conflicted = (path: string) => {
    const files = { [path]: base.replace("on: push", "on: pull_request"), [basePath(sha256(base))]: base };
    return plan(files, [file(path, base.replace("on: push", "on: [push, pull_request]"))], manifestWith(record(path, base))).ops;
  };

  test("a conflict in a Markdown file is marked inline when inline is asked for", () => {
    const [op] = conflicted("notes.md");
    expect(op).toMatchObject({ action: "conflict" });
    expect(text(op!)).toContain("<<<<<<< ");
  });

  test("a conflict in a YAML, JSON or TOML file is always written beside it: markers would break the parser", () => {
    for (const path of [".github/workflows/ci.yml", "config.yaml", "tool.json", "pyproject.toml"]) {
      const ops = conflicted(path);
      expect(ops[0]).toMatchObject({ action: "conflict" });
      expect(text(ops[0]!)).toBe(base.replace("on: push", "on: pull_request"));
      expect(ops.map((op) => String(op.path))).toEqual([path, `${path}.trinity-new`, `${path}.rej`]);
    }
  });
});

describe("recordedMarkers()", () => {
  test("Markdown blocks use HTML comments; .gitignore, TOML and requirements files use # comments", () => {
    expect(["CLAUDE.md", "src/CLAUDE.md", ".gitignore", "sub/.gitignore", "pyproject.toml", "requirements-dev.txt"].map(recordedMarkers)).toEqual(["html", "html", "hash", "hash", "hash", "hash"]);
  });
});
