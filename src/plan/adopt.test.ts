import { describe, expect, test } from "bun:test";
import { applyOps } from "../apply/apply.ts";
import { backupPath } from "../apply/journal.ts";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { readOnly, sameBytes, type ReadableFileSystem } from "../fs/port.ts";
import { FILL_IN_TEMPLATES } from "../templates/catalogue.ts";
import { AGENTS } from "../templates/roster.ts";
import { deployWith } from "../../tests/support/deploy.ts";
import { fixtureFiles } from "../../tests/support/fixtures.ts";
import { detectLegacyDeployment, planAdoption, withoutSdkGitignoreSection, type Adoption, type LegacyVersion } from "./adopt.ts";
import type { FileOp } from "./ops.ts";
import { composeOps, overlay } from "./overlay.ts";

const text = (data: Uint8Array | null | undefined) => (data == null ? null : Buffer.from(data).toString("latin1"));
const bytes = (value: string) => new Uint8Array(Buffer.from(value, "latin1"));

/**
 * A legacy fixture as path → bytes. The fixtures keep their .gitignore as `gitignore`, because a
 * real one would make git ignore the fixture's own `.claude/` and `CLAUDE.md` files.
 */
function legacyFiles(version: LegacyVersion): Record<string, Uint8Array> {
  const { gitignore, ...files } = fixtureFiles(`legacy-${version}`);
  return gitignore === undefined ? files : { ...files, ".gitignore": gitignore };
}

function legacyProject(version: LegacyVersion, extra: Record<string, string | Uint8Array> = {}): MemoryFileSystem {
  return new MemoryFileSystem({ ...legacyFiles(version), ...extra });
}

/** Every file of a readable file system, as path → bytes. */
function filesOf(fs: ReadableFileSystem, dir?: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of fs.list(dir === undefined ? undefined : projectPath(dir))) {
    const path = dir === undefined ? entry.name : `${dir}/${entry.name}`;
    if (entry.kind === "dir") for (const [p, c] of filesOf(fs, path)) files.set(p, c);
    else files.set(path, fs.read(projectPath(path))!);
  }
  return files;
}

/** The project as it will be once the ops are applied, computed without writing. */
function treeAfter(fs: ReadableFileSystem, ops: readonly FileOp[]): Map<string, Uint8Array> {
  return filesOf(overlay(fs, composeOps(ops, [])));
}

/** Applies the ops with the real applier; returns the project files (without .trinity/) and the run id. */
async function applied(fs: MemoryFileSystem, ops: readonly FileOp[]): Promise<Map<string, Uint8Array>> {
  fs.mkdir(projectPath(".trinity"));
  await applyOps(fs, ops, { runId: "adopt-run", command: "update", now: new Date("2026-03-04T05:06:07Z") });
  return new Map([...filesOf(fs)].filter(([path]) => !path.startsWith(".trinity/")));
}

const removedPaths = (adoption: Adoption) => adoption.moves.filter((move) => move.to === null).map((move) => move.from).sort();
const opPaths = (adoption: Adoption, action: FileOp["action"]) => adoption.ops.filter((op) => op.action === action).map((op) => op.path as string).sort();

const LEGACY_TEAM: Record<string, string> = { leadership: "leadership", planning: "planning", deployment: "deployment", audit: "audit", execution: "aj-team", support: "aj-team" };
const OLD_AGENTS = AGENTS.map((agent) => `.claude/agents/${LEGACY_TEAM[agent.team]}/${agent.stem}.md`);
const OLD_TEMPLATES = Object.entries(FILL_IN_TEMPLATES).flatMap(([folder, names]) => names.map((name) => `templates/${folder}/${name}.md`));

/** The SDK's own files in a fixture, written out from the appendix of PRODUCT.md rather than from the planner. */
function sdkFilesOf(version: LegacyVersion, files: Iterable<string>): string[] {
  const root = version === "2.0" ? "trinity" : ".claude/trinity";
  const own = new Set([...OLD_AGENTS, ".claude/EMPLOYEE-DIRECTORY.md", "TRINITY.md", `${root}/VERSION`, `${root}/CLAUDE.md`, ...OLD_TEMPLATES.map((t) => `${root}/${t}`)]);
  const command = /^\.claude\/commands\/(session|planning|execution|investigation|infrastructure|maintenance|utility)\/trinity-[^/]+\.md$/;
  return [...files].filter((path) => own.has(path) || command.test(path)).sort();
}

describe("detectLegacyDeployment()", () => {
  test("recognises the 2.0 layout by trinity/VERSION", () => {
    expect(detectLegacyDeployment(legacyProject("2.0"))).toBe("2.0");
  });

  test("recognises the 2.2 layout by .claude/trinity/VERSION without a manifest", () => {
    expect(detectLegacyDeployment(legacyProject("2.2"))).toBe("2.2");
  });

  test("a current trinity deployment with a manifest is not legacy", async () => {
    const fs = new MemoryFileSystem(fixtureFiles("node-next"));
    await deployWith(fs, { skipAudit: true });
    expect(fs.read(projectPath(".claude/trinity/VERSION"))).not.toBeNull();
    expect(fs.read(projectPath(".trinity/manifest.json"))).not.toBeNull();
    expect(detectLegacyDeployment(fs)).toBeNull();
  });

  test("a project without any deployment is not legacy", () => {
    expect(detectLegacyDeployment(new MemoryFileSystem(fixtureFiles("python-poetry")))).toBeNull();
    expect(detectLegacyDeployment(new MemoryFileSystem({ VERSION: "1.0.0\n", "trinity/notes.md": "a folder of our own\n" }))).toBeNull();
  });

  test("a VERSION folder is not the SDK's VERSION file", () => {
    expect(detectLegacyDeployment(new MemoryFileSystem({ "trinity/VERSION/readme.md": "x\n" }))).toBeNull();
  });
});

describe("planAdoption() on the 2.0 layout", () => {
  const fs = legacyProject("2.0");
  const adoption = planAdoption(fs, "2.0");
  const after = treeAfter(fs, adoption.ops);
  const userWork = [...filesOf(fs, "trinity").keys()].filter((path) => !sdkFilesOf("2.0", [path]).length);

  test("plans without writing: it runs on a read-only file system and leaves the project as it was", () => {
    const project = legacyProject("2.0");
    const before = project.snapshot();
    expect(planAdoption(readOnly(project), "2.0")).toEqual(adoption);
    expect(project.snapshot()).toEqual(before);
  });

  test("every user file ends up under .claude/trinity/ with identical bytes, and the move is listed", () => {
    expect(userWork.length).toBeGreaterThan(15);
    for (const from of userWork) {
      const to = `.claude/trinity/${from.slice("trinity/".length)}`;
      expect({ to, same: sameBytes(after.get(to) ?? new Uint8Array([1, 2, 3]), fs.read(projectPath(from))!) }).toEqual({ to, same: true });
      expect(adoption.moves).toContainEqual({ from, to, reason: expect.any(String) });
      expect(after.has(from)).toBe(false);
    }
  });

  test("the filled knowledge base, work orders, investigations, plans, sessions, reports and archive all move", () => {
    const moved = new Set(adoption.moves.map((move) => move.to));
    for (const path of [
      "knowledge-base/ARCHITECTURE.md",
      "knowledge-base/Trinity.md",
      "work-orders/WO-003-rate-limit-orders.md",
      "investigations/INV-002-duplicate-orders.md",
      "investigations/plans/INV-002-plan.md",
      "sessions/SESSION-2025-10-14.md",
      "reports/WO-003-progress-report.md",
      "archive/reports/WO-001-implementation-report.md",
      "templates/work-orders/DATA-MIGRATION-TEMPLATE.md",
    ]) {
      expect(moved.has(`.claude/trinity/${path}`)).toBe(true);
    }
    expect(text(after.get(".claude/trinity/knowledge-base/ARCHITECTURE.md"))).toContain("ADR-002 | 2025-10-01 | Postgres for orders");
  });

  test("a work order written with CRLF line endings keeps them", () => {
    const moved = after.get(".claude/trinity/work-orders/WO-004-csv-export.md")!;
    expect(text(moved)).toContain("# WORK ORDER WO-004: CSV export for finance\r\n");
    expect(text(moved)).toBe(text(fs.read(projectPath("trinity/work-orders/WO-004-csv-export.md"))));
  });

  test("patterns are kept in .claude/trinity/patterns/ and the summary says why", () => {
    const move = adoption.moves.find((m) => m.from === "trinity/patterns/idempotent-post.md");
    expect(move).toMatchObject({ to: ".claude/trinity/patterns/idempotent-post.md" });
    expect(move!.reason).toContain("no patterns folder");
    expect(move!.reason).toContain("ISSUES.md");
  });

  test("every SDK methodology file is removed and listed: agents, commands, roster, overview, protocols, VERSION, templates", () => {
    const sdk = sdkFilesOf("2.0", filesOf(fs).keys());
    expect(sdk).toHaveLength(18 + 17 + 1 + 1 + 2 + 13);
    expect(removedPaths(adoption)).toEqual(sdk);
    expect(opPaths(adoption, "remove")).toEqual([...sdk, ...userWork].sort());
    for (const move of adoption.moves) expect(move.reason.length).toBeGreaterThan(10);
  });

  test("the team's own agent and command stay in the old folders and are reported", () => {
    for (const path of [".claude/agents/planning/schema-reviewer.md", ".claude/commands/utility/seed-demo-data.md"]) {
      expect(sameBytes(after.get(path)!, fs.read(projectPath(path))!)).toBe(true);
      expect(adoption.warnings.some((warning) => warning.startsWith(`${path}: not one of the SDK's`))).toBe(true);
    }
  });

  test("whole-file CLAUDE.mds, settings and the project's own files are left as they are", () => {
    const touched = new Set(adoption.ops.map((op) => op.path as string));
    for (const path of ["CLAUDE.md", "src/CLAUDE.md", "tests/CLAUDE.md", ".claude/settings.json", "pyproject.toml", "src/orders_api/app.py", "README.md"]) {
      expect({ path, touched: touched.has(path) }).toEqual({ path, touched: false });
      expect(sameBytes(after.get(path)!, fs.read(projectPath(path))!)).toBe(true);
    }
  });

  test("the ops are plain file ops: no record, no base, nothing internal; creates come before removes", () => {
    for (const op of adoption.ops) expect(op).toMatchObject({ record: null, base: null, internal: false });
    const actions = adoption.ops.map((op) => op.action);
    expect(actions.lastIndexOf("create")).toBeLessThan(actions.indexOf("remove"));
    for (const op of adoption.ops) {
      if (op.action === "create") expect({ before: op.before, reason: op.reason.startsWith("moved here from trinity/") }).toEqual({ before: null, reason: true });
      if (op.action === "remove") expect({ path: op.path, sameAsDisk: sameBytes(op.before!, fs.read(op.path)!), after: op.after }).toEqual({ path: op.path, sameAsDisk: true, after: null });
    }
  });

  test("nothing of the old layout is left except the user's own files", () => {
    const leftovers = [...after.keys()].filter(
      (path) => path.startsWith("trinity/") || path === "TRINITY.md" || path.startsWith(".claude/agents/") || path.startsWith(".claude/commands/") || path === ".claude/EMPLOYEE-DIRECTORY.md",
    );
    expect(leftovers.sort()).toEqual([".claude/agents/planning/schema-reviewer.md", ".claude/commands/utility/seed-demo-data.md"]);
  });
});

describe("planAdoption() on the 2.2 layout", () => {
  const fs = legacyProject("2.2");
  const adoption = planAdoption(fs, "2.2");
  const after = treeAfter(fs, adoption.ops);
  const userWork = [...filesOf(fs, ".claude/trinity").keys()].filter((path) => !sdkFilesOf("2.2", [path]).length);

  test("the user's work stays in .claude/trinity/ byte for byte and nothing writes to it", () => {
    expect(userWork).toContain(".claude/trinity/knowledge-base/ARCHITECTURE.md");
    expect(userWork).toContain(".claude/trinity/archive/sessions/SESSION-2025-11-06.md");
    const touched = new Set(adoption.ops.map((op) => op.path as string));
    for (const path of userWork) {
      expect({ path, touched: touched.has(path), same: sameBytes(after.get(path)!, fs.read(projectPath(path))!) }).toEqual({ path, touched: false, same: true });
    }
    expect(text(after.get(".claude/trinity/work-orders/WO-012-follow-mode.md"))).toContain("\r\n");
  });

  test("every SDK methodology file is removed and listed, the maintenance commands included", () => {
    const sdk = sdkFilesOf("2.2", filesOf(fs).keys());
    expect(sdk).toHaveLength(18 + 21 + 1 + 2 + 13);
    expect(sdk).toContain(".claude/commands/maintenance/trinity-docs-update.md");
    expect(removedPaths(adoption)).toEqual(sdk);
    expect(opPaths(adoption, "remove")).toEqual(sdk);
    expect(opPaths(adoption, "create")).toEqual([]);
  });

  test("the team's own template and command stay and are reported", () => {
    for (const path of [".claude/trinity/templates/investigations/regression.md", ".claude/commands/maintenance/bump-version.md"]) {
      expect(after.has(path)).toBe(true);
      expect(adoption.warnings.some((warning) => warning.startsWith(`${path}: not one of the SDK's`))).toBe(true);
    }
  });

  test("the root CLAUDE.md written on Windows is left exactly as it was", () => {
    expect(text(after.get("CLAUDE.md"))).toContain("## Team notes\r\n");
    expect(adoption.ops.some((op) => op.path === "CLAUDE.md")).toBe(false);
  });

  test("nothing of the old layout is left except the user's own files", () => {
    const leftovers = [...after.keys()].filter(
      (path) => /^\.claude\/trinity\/(VERSION|CLAUDE\.md|templates\/)/.test(path) || path.startsWith(".claude/agents/") || path.startsWith(".claude/commands/") || path === ".claude/EMPLOYEE-DIRECTORY.md",
    );
    expect(leftovers.sort()).toEqual([".claude/commands/maintenance/bump-version.md", ".claude/trinity/templates/investigations/regression.md"]);
  });
});

describe("conflicts at the target", () => {
  test("a different file already at the target: both are kept, the incoming one with -legacy, and a warning says so", () => {
    const fs = legacyProject("2.0", { ".claude/trinity/knowledge-base/ARCHITECTURE.md": "# Architecture (written by hand)\n" });
    const adoption = planAdoption(fs, "2.0");
    const after = treeAfter(fs, adoption.ops);
    expect(text(after.get(".claude/trinity/knowledge-base/ARCHITECTURE.md"))).toBe("# Architecture (written by hand)\n");
    expect(text(after.get(".claude/trinity/knowledge-base/ARCHITECTURE-legacy.md"))).toBe(text(fs.read(projectPath("trinity/knowledge-base/ARCHITECTURE.md"))));
    expect(adoption.moves).toContainEqual({ from: "trinity/knowledge-base/ARCHITECTURE.md", to: ".claude/trinity/knowledge-base/ARCHITECTURE-legacy.md", reason: expect.stringContaining("already exists") });
    expect(adoption.warnings.join("\n")).toContain("trinity/knowledge-base/ARCHITECTURE.md: .claude/trinity/knowledge-base/ARCHITECTURE.md already exists");
    expect(adoption.ops.some((op) => op.path === ".claude/trinity/knowledge-base/ARCHITECTURE.md")).toBe(false);
  });

  test("when the -legacy name is taken too, the next free name is used", () => {
    const fs = legacyProject("2.0", {
      ".claude/trinity/sessions/SESSION-2025-10-14.md": "one\n",
      ".claude/trinity/sessions/SESSION-2025-10-14-legacy.md": "two\n",
      "trinity/sessions/SESSION-2025-10-14-legacy-2.md": "three\n",
    });
    const adoption = planAdoption(fs, "2.0");
    const after = treeAfter(fs, adoption.ops);
    const names = [...after.keys()].filter((path) => path.startsWith(".claude/trinity/sessions/")).sort();
    expect(names).toEqual([
      ".claude/trinity/sessions/SESSION-2025-10-14-legacy-2.md",
      ".claude/trinity/sessions/SESSION-2025-10-14-legacy-3.md",
      ".claude/trinity/sessions/SESSION-2025-10-14-legacy.md",
      ".claude/trinity/sessions/SESSION-2025-10-14.md",
    ]);
    expect(text(after.get(".claude/trinity/sessions/SESSION-2025-10-14-legacy-2.md"))).toBe("three\n");
    expect(text(after.get(".claude/trinity/sessions/SESSION-2025-10-14-legacy-3.md"))).toContain("Opened INV-002");
  });

  test("an identical copy already at the target: the old one only goes to the backup", () => {
    const original = legacyFiles("2.0")["trinity/reports/WO-003-progress-report.md"]!;
    const fs = legacyProject("2.0", { ".claude/trinity/reports/WO-003-progress-report.md": original });
    const adoption = planAdoption(fs, "2.0");
    expect(adoption.ops.filter((op) => op.path.includes("WO-003-progress-report")).map((op) => [op.action, op.path as string, op.reason])).toEqual([
      ["remove", "trinity/reports/WO-003-progress-report.md", ".claude/trinity/reports/WO-003-progress-report.md already holds the same content; kept in the backup"],
    ]);
    expect(adoption.moves).toContainEqual({ from: "trinity/reports/WO-003-progress-report.md", to: ".claude/trinity/reports/WO-003-progress-report.md", reason: expect.stringContaining("same content") });
  });

  test("a file of the user's named like one trinity renders is kept beside it, not on it", () => {
    const fs = legacyProject("2.0", { "trinity/README.md": "# Our notes on the method\n" });
    const adoption = planAdoption(fs, "2.0");
    expect(adoption.moves).toContainEqual({ from: "trinity/README.md", to: ".claude/trinity/README-legacy.md", reason: expect.stringContaining("trinity writes its own .claude/trinity/README.md") });
    expect(treeAfter(fs, adoption.ops).has(".claude/trinity/README.md")).toBe(false);
  });

  test("a 2.0 project the SDK half-migrated ends with one copy of everything and none of the SDK's files", () => {
    const files = legacyFiles("2.0");
    // The SDK's own migration copied trinity/ to .claude/trinity/ and stopped before deleting trinity/.
    const copied = Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith("trinity/")).map(([path, content]) => [`.claude/${path}`, content]));
    const fs = new MemoryFileSystem({ ...files, ...copied });
    const adoption = planAdoption(fs, "2.0");
    const after = treeAfter(fs, adoption.ops);
    expect([...after.keys()].filter((path) => path.startsWith("trinity/") || path.includes("-legacy"))).toEqual([]);
    expect(after.has(".claude/trinity/VERSION")).toBe(false);
    expect(after.has(".claude/trinity/templates/work-orders/AUDIT-TEMPLATE.md")).toBe(false);
    expect(after.has(".claude/trinity/templates/work-orders/DATA-MIGRATION-TEMPLATE.md")).toBe(true);
    expect(adoption.warnings).toEqual([
      ".claude/trinity/templates/work-orders/DATA-MIGRATION-TEMPLATE.md: not one of the SDK's templates; left in place",
      ".claude/agents/planning/schema-reviewer.md: not one of the SDK's agents; left in place",
      ".claude/commands/utility/seed-demo-data.md: not one of the SDK's commands; left in place",
    ]);
  });
});

describe(".gitignore", () => {
  test("2.0: the SDK's section goes, the user's lines stay byte for byte", () => {
    const fs = legacyProject("2.0");
    const op = planAdoption(fs, "2.0").ops.find((o) => o.path === ".gitignore")!;
    expect(text(fs.read(projectPath(".gitignore")))).toBe("node_modules/\n__pycache__/\n*.pyc\n.venv/\n\n# Trinity Method SDK\n.claude/\ntrinity/\n*CLAUDE.md\nTRINITY.md\n");
    expect(op).toMatchObject({ action: "update", record: null, base: null, internal: false });
    expect(text(op.after)).toBe("node_modules/\n__pycache__/\n*.pyc\n.venv/\n");
  });

  test("2.2: CRLF user lines are kept with their CRLF, and a line the user added under the section stays", () => {
    const fs = legacyProject("2.2");
    const adoption = planAdoption(fs, "2.2");
    const op = adoption.ops.find((o) => o.path === ".gitignore")!;
    expect(text(fs.read(projectPath(".gitignore")))).toBe("/target\r\n**/*.rs.bk\r\n*.profraw\n\n# Trinity Method SDK\n.claude/\n*CLAUDE.md\nflamegraph.svg\n");
    expect(text(op.after)).toBe("/target\r\n**/*.rs.bk\r\n*.profraw\n\nflamegraph.svg\n");
    expect(adoption.moves).toContainEqual({ from: ".gitignore", to: ".gitignore", reason: expect.stringContaining("(.claude/, *CLAUDE.md)") });
  });

  const cut = (input: string) => text(withoutSdkGitignoreSection(bytes(input))?.after);

  test("a section in the middle takes its blank line with it, keeping one blank between the user's groups", () => {
    expect(cut("a\n\n# Trinity Method SDK\n.claude/\n*CLAUDE.md\n\nb\n")).toBe("a\n\nb\n");
  });

  test("a line that is not clearly the SDK's ends the section and is kept", () => {
    expect(cut("a\n\n# Trinity Method SDK\n.claude/\n.env\n*CLAUDE.md\n")).toBe("a\n\n.env\n*CLAUDE.md\n");
  });

  test("a file that held only the SDK's section becomes empty", () => {
    expect(cut("\n# Trinity Method SDK\n.claude/\ntrinity/\n*CLAUDE.md\nTRINITY.md\n")).toBe("");
  });

  test("every other byte survives, CRLF, missing final newline and non-UTF-8 bytes included", () => {
    expect(cut("caf\xe9/\r\n\r\n# Trinity Method SDK\r\n.claude/\r\n\r\nend")).toBe("caf\xe9/\r\n\r\nend");
    expect(cut("x\n\n# Trinity Method SDK\n.claude/trinity/archive/\n.claude/trinity/templates/")).toBe("x\n");
  });

  test("a .gitignore without the section is not touched", () => {
    expect(withoutSdkGitignoreSection(bytes("node_modules/\n# Trinity notes\n.claude/\n"))).toBeNull();
    const fs = legacyProject("2.2", { ".gitignore": "/target\n" });
    expect(planAdoption(fs, "2.2").ops.some((op) => op.path === ".gitignore")).toBe(false);
  });
});

describe("applying the adoption", () => {
  for (const version of ["2.0", "2.2"] as const) {
    test(`${version}: the applier backs up every removed file and ends exactly where the overlay said`, async () => {
      const fs = legacyProject(version);
      const adoption = planAdoption(fs, version);
      const predicted = treeAfter(fs, adoption.ops);
      const result = await applied(fs, adoption.ops);
      expect([...result.keys()].sort()).toEqual([...predicted.keys()].sort());
      for (const [path, content] of predicted) expect({ path, same: sameBytes(result.get(path)!, content) }).toEqual({ path, same: true });
      for (const op of adoption.ops.filter((o) => o.before !== null)) {
        const backup = fs.read(backupPath("adopt-run", op.path));
        expect({ path: op.path, backedUp: backup !== null && sameBytes(backup, op.before!) }).toEqual({ path: op.path, backedUp: true });
      }
      // Emptied folders of the old layout disappear with their last file.
      for (const dir of [version === "2.0" ? "trinity" : ".claude/trinity/templates/work-orders", ".claude/agents/leadership", ".claude/commands/session"]) {
        expect({ dir, stat: fs.stat(projectPath(dir)) }).toEqual({ dir, stat: null });
      }
    });
  }

  test("a later plan made on the overlay composes into one plan against the real disk", () => {
    const fs = legacyProject("2.2");
    const first = planAdoption(fs, "2.2").ops;
    const view = overlay(fs, first);
    const block = "\n# trinity:begin\n.trinity/lock\n# trinity:end\n";
    const gitignore = view.read(projectPath(".gitignore"))!;
    const second: FileOp[] = [
      { action: "update", path: projectPath(".gitignore"), reason: "block added", before: gitignore, after: bytes(text(gitignore) + block), record: null, base: null, internal: false },
      { action: "create", path: projectPath(".claude/trinity/VERSION"), reason: "new", before: null, after: bytes("9.9.9\n"), record: null, base: null, internal: false },
    ];
    expect(view.read(projectPath(".claude/trinity/VERSION"))).toBeNull();
    const composed = composeOps(first, second);
    const version = composed.find((op) => op.path === ".claude/trinity/VERSION")!;
    expect({ action: version.action, before: text(version.before), after: text(version.after) }).toEqual({ action: "update", before: "2.2.1", after: "9.9.9\n" });
    const ignore = composed.find((op) => op.path === ".gitignore")!;
    expect(text(ignore.before)).toBe(text(fs.read(projectPath(".gitignore"))));
    expect(text(ignore.after)).toBe("/target\r\n**/*.rs.bk\r\n*.profraw\n\nflamegraph.svg\n" + block);
  });
});

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random legacy project: some of the SDK's files, user files in every kind of place (work
 * folders, unknown folders under the old root, the old agent and command folders, targets that
 * already exist), every content unique so a multiset compares them one by one.
 */
function randomProject(seed: number): { version: LegacyVersion; files: Record<string, Uint8Array>; sdk: Set<string> } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const version: LegacyVersion = next() < 0.5 ? "2.0" : "2.2";
  const root = version === "2.0" ? "trinity" : ".claude/trinity";
  const files: Record<string, Uint8Array> = {};
  const sdk = new Set<string>();
  let serial = 0;
  const content = () => {
    const parts = [`#${serial++}`];
    for (let i = Math.floor(next() * 6); i > 0; i--) parts.push(pick(["line", "café", "\xff\xfe", "", " "]), pick(["\n", "\r\n", "\r"]));
    return bytes(parts.join(""));
  };
  const add = (path: string, isSdk = false) => {
    if (path in files) return;
    files[path] = content();
    if (isSdk) sdk.add(path);
  };
  add(`${root}/VERSION`, true);
  for (const path of [`${root}/CLAUDE.md`, ".claude/EMPLOYEE-DIRECTORY.md", ...(version === "2.0" ? ["TRINITY.md"] : [])]) if (next() < 0.7) add(path, true);
  for (const path of OLD_TEMPLATES) if (next() < 0.3) add(`${root}/${path}`, true);
  for (const path of OLD_AGENTS) if (next() < 0.3) add(path, true);
  for (let i = Math.floor(next() * 6); i > 0; i--) add(`.claude/commands/${pick(["session", "maintenance", "utility", "planning"])}/trinity-${pick(["start", "end", "docs", "plan", "x"])}.md`, true);
  const folders = ["knowledge-base", "work-orders", "investigations", "investigations/plans", "sessions", "reports", "archive/reports", "archive/sessions", "templates/work-orders", "notes", ...(version === "2.0" ? ["patterns"] : [])];
  for (let i = 2 + Math.floor(next() * 12); i > 0; i--) {
    const name = pick(["ARCHITECTURE.md", "ISSUES.md", "WO-001.md", "INV-7.md", "a.md", ".gitkeep", "README.md", "x-legacy.md", "x.md", "data.bin"]);
    add(`${root}/${pick(folders)}/${name}`);
    // Now and then the current layout already has a file there (2.0), or the name with -legacy.
    if (version === "2.0" && next() < 0.3) add(`.claude/trinity/${pick(folders)}/${name}`);
    if (version === "2.0" && next() < 0.1) add(`.claude/trinity/${pick(folders)}/${name.replace(/(\.[^.]*)?$/, "-legacy$1")}`);
  }
  if (version === "2.0" && next() < 0.3) add("trinity/README.md");
  for (let i = Math.floor(next() * 3); i > 0; i--) add(pick([".claude/agents/planning/mine.md", ".claude/agents/aj-team/notes.txt", ".claude/commands/utility/deploy.md", ".claude/commands/session/trinity-start.txt"]));
  add(pick(["CLAUDE.md", "src/CLAUDE.md", "tests/CLAUDE.md"]));
  return { version, files, sdk };
}

/** Contents as a sorted list of latin1 strings: a multiset that compares with toEqual. */
const multiset = (contents: Iterable<Uint8Array>) => [...contents].map((c) => text(c)!).sort();

describe("no content is lost", () => {
  test("property: over 300 random legacy projects, the user's file contents before and after adoption are the same multiset", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { version, files, sdk } = randomProject(seed);
      const fs = new MemoryFileSystem(files);
      expect({ seed, detected: detectLegacyDeployment(fs) }).toEqual({ seed, detected: version });
      const adoption = planAdoption(fs, version);
      const userBefore = Object.entries(files).filter(([path]) => !sdk.has(path)).map(([, c]) => c);
      const after = await applied(fs, adoption.ops);
      expect({ seed, contents: multiset(after.values()) }).toEqual({ seed, contents: multiset(userBefore) });
      expect({ seed, sdkLeft: [...sdk].filter((path) => after.has(path)) }).toEqual({ seed, sdkLeft: [] });
      // Every file that left the project is in the run's backup.
      const gone = Object.keys(files).filter((path) => !after.has(path));
      expect({ seed, unbacked: gone.filter((path) => fs.read(backupPath("adopt-run", path)) === null) }).toEqual({ seed, unbacked: [] });
    }
  });
});
