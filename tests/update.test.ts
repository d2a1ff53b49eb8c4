/**
 * trinity update: every row of the decision table (PRODUCT.md §5) as a scenario — deploy with one
 * template set, change the project the way a user would, update with another set — plus merges at
 * the start, middle and end of files, CRLF, deleted and renamed-away files, conflicts in both
 * styles, and fault injection.
 */
import { describe, expect, test } from "bun:test";
import { FaultyFileSystem } from "../src/fs/faulty.ts";
import { MemoryFileSystem } from "../src/fs/memory.ts";
import { projectPath } from "../src/fs/path.ts";
import { encodeText } from "../src/fs/port.ts";
import { deployWith, changedTemplates, updateWith } from "./support/deploy.ts";
import { fixtureFiles } from "./support/fixtures.ts";

const PROTOCOLS = ".claude/trinity/CLAUDE.md";
const AGENT = ".claude/agents/trinity/execution/kil-task-executor.md";
const ARCHITECTURE = ".claude/trinity/knowledge-base/ARCHITECTURE.md";

const read = (fs: MemoryFileSystem, path: string) => {
  const data = fs.read(projectPath(path));
  return data === null ? null : new TextDecoder().decode(data);
};
const write = (fs: MemoryFileSystem, path: string, text: string) => fs.write(projectPath(path), encodeText(text));
const edit = (fs: MemoryFileSystem, path: string, change: (text: string) => string) => write(fs, path, change(read(fs, path)!));
const actionOf = (result: { operations: { path: string; action: string }[] }, path: string) => result.operations.find((op) => op.path === path)?.action;

async function deployed(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem(fixtureFiles("node-next"));
  await deployWith(fs);
  return fs;
}

/** A new version of the protocols template: one line in the middle changed. */
const middleChanged = changedTemplates({
  "trinity/CLAUDE.md.eta": (text) => text.replace("## Core rules", "## Core rules (revised)"),
});

describe("trinity update: the decision table", () => {
  test("base = disk = new: nothing changes", async () => {
    const fs = await deployed();
    const before = fs.snapshot();
    const result = await updateWith(fs);
    expect(result.operations.every((op) => op.action === "unchanged")).toBe(true);
    const after = fs.snapshot();
    const project = (state: Record<string, string>) => Object.fromEntries(Object.entries(state).filter(([p]) => !p.startsWith(".trinity/")));
    expect(project(after)).toEqual(project(before));
  });

  test("disk = base, new ≠ base: only the template changed, so the file is updated", async () => {
    const fs = await deployed();
    const result = await updateWith(fs, {}, { templates: middleChanged });
    expect(actionOf(result, PROTOCOLS)).toBe("update");
    expect(read(fs, PROTOCOLS)).toContain("## Core rules (revised)");
  });

  test("disk ≠ base, new = base: only the user changed it, so it is kept", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => `${text}\nTeam rule: pair on migrations.\n`);
    const mine = read(fs, PROTOCOLS);
    const result = await updateWith(fs);
    expect(actionOf(result, PROTOCOLS)).toBe("keep");
    expect(read(fs, PROTOCOLS)).toBe(mine);
  });

  test("disk = new ≠ base: both made the same change, so the record moves to it and later updates see no change", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => text.replace("## Core rules", "## Core rules (revised)"));
    expect(actionOf(await updateWith(fs, {}, { templates: middleChanged }), PROTOCOLS)).toBe("adopt");
    expect(actionOf(await updateWith(fs, {}, { templates: middleChanged }), PROTOCOLS)).toBe("unchanged");
  });

  test("different changes at the start and end (user) and in the middle (template) merge cleanly", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => `<!-- our team's copy -->\n${text}\nTeam rule: pair on migrations.\n`);
    const result = await updateWith(fs, {}, { templates: middleChanged });
    expect(actionOf(result, PROTOCOLS)).toBe("merge");
    const merged = read(fs, PROTOCOLS)!;
    expect(merged.startsWith("<!-- our team's copy -->\n# Trinity Method protocols")).toBe(true);
    expect(merged).toContain("## Core rules (revised)");
    expect(merged.endsWith("Team rule: pair on migrations.\n")).toBe(true);
    expect(result.conflicts).toBe(0);
  });

  test("overlapping changes are a conflict marked in the file, and the record moves to the new version", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => text.replace("## Core rules", "## Our core rules"));
    const result = await updateWith(fs, {}, { templates: middleChanged });
    expect(actionOf(result, PROTOCOLS)).toBe("conflict");
    expect(result.conflicts).toBe(1);
    const text = read(fs, PROTOCOLS)!;
    expect(text).toContain("<<<<<<< yours (on disk)\n## Our core rules\n||||||| base (trinity 9.9.9)\n## Core rules\n=======\n## Core rules (revised)\n>>>>>>> trinity 9.9.9\n");
    // resolving keeps the user's side; the next update sees that as the user's change
    edit(fs, PROTOCOLS, (t) => t.replace(/<{7}[^]*?>{7} trinity 9\.9\.9\n/, "## Our core rules\n"));
    expect(actionOf(await updateWith(fs, {}, { templates: middleChanged }), PROTOCOLS)).toBe("keep");
  });

  test("--conflict rej leaves the user's file untouched and puts the new version and a diff beside it", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => text.replace("## Core rules", "## Our core rules"));
    const mine = read(fs, PROTOCOLS);
    const result = await updateWith(fs, { conflict: "rej" }, { templates: middleChanged });
    expect(result.conflicts).toBe(1);
    expect(read(fs, PROTOCOLS)).toBe(mine);
    expect(read(fs, `${PROTOCOLS}.trinity-new`)).toContain("## Core rules (revised)");
    expect(read(fs, `${PROTOCOLS}.rej`)).toContain("-## Our core rules\n+## Core rules (revised)");
  });

  test("a conflict inside an agent's frontmatter is always written beside the file, never inline", async () => {
    const fs = await deployed();
    edit(fs, AGENT, (text) => text.replace("color: green", "color: cyan"));
    const templates = changedTemplates({ "partials/agent-frontmatter.eta": (text) => text.replace("color: <%= it.roster.teamColors[it.agent.team] %>", "color: orange") });
    const mine = read(fs, AGENT);
    const result = await updateWith(fs, { conflict: "inline" }, { templates });
    expect(actionOf(result, AGENT)).toBe("conflict");
    expect(read(fs, AGENT)).toBe(mine);
    expect(read(fs, `${AGENT}.trinity-new`)).toContain("color: orange");
  });

  test("an unresolved conflict is never merged again: the file is left alone until the user resolves it", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => text.replace("## Core rules", "## Our core rules"));
    await updateWith(fs, {}, { templates: middleChanged });
    const withMarkers = read(fs, PROTOCOLS);
    const again = await updateWith(fs);
    expect(actionOf(again, PROTOCOLS)).toBe("conflict");
    expect(read(fs, PROTOCOLS)).toBe(withMarkers);
  });

  test("a file the user deleted stays deleted; --force restores it", async () => {
    const fs = await deployed();
    fs.remove(projectPath(AGENT));
    expect(actionOf(await updateWith(fs, {}, { templates: middleChanged }), AGENT)).toBe("keep");
    expect(read(fs, AGENT)).toBeNull();
    expect(actionOf(await updateWith(fs, { force: true }), AGENT)).toBe("create");
    expect(read(fs, AGENT)).toContain("name: kil-task-executor");
  });

  test("--force takes the new version over the user's change, keeping the change in the run's backup", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => `${text}\nmine\n`);
    const result = await updateWith(fs, { force: true }, { templates: middleChanged, runId: "forced" });
    expect(actionOf(result, PROTOCOLS)).toBe("update");
    expect(read(fs, PROTOCOLS)).not.toContain("mine");
    expect(read(fs, `.trinity/backups/forced/files/${PROTOCOLS}`)).toContain("\nmine\n");
  });

  test("a file the new version no longer produces is removed when unchanged, and kept (reported) when changed", async () => {
    const fs = await deployed();
    // an earlier version wrote two files this one does not produce
    const manifest = JSON.parse(read(fs, ".trinity/manifest.json")!);
    for (const name of ["OLD-unchanged.md", "OLD-edited.md"]) {
      const copy = { ...manifest.files.find((r: { path: string }) => r.path === ".claude/trinity/README.md"), path: `.claude/trinity/${name}`, entry: "trinity/retired.md.eta" };
      manifest.files.push(copy);
      write(fs, `.claude/trinity/${name}`, read(fs, ".claude/trinity/README.md")!);
    }
    write(fs, ".trinity/manifest.json", JSON.stringify(manifest));
    edit(fs, ".claude/trinity/OLD-edited.md", (text) => `${text}\nmy note\n`);
    const result = await updateWith(fs);
    expect(actionOf(result, ".claude/trinity/OLD-unchanged.md")).toBe("remove");
    expect(read(fs, ".claude/trinity/OLD-unchanged.md")).toBeNull();
    expect(actionOf(result, ".claude/trinity/OLD-edited.md")).toBe("keep");
    expect(result.warnings.join("\n")).toContain(".claude/trinity/OLD-edited.md: no longer part of trinity, but you changed it; kept");
  });

  test("a file the user converted to CRLF still takes template changes, in CRLF", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => text.replace(/\n/g, "\r\n"));
    const result = await updateWith(fs, {}, { templates: middleChanged });
    expect(["update", "merge"]).toContain(actionOf(result, PROTOCOLS)!);
    const text = read(fs, PROTOCOLS)!;
    expect(text).toContain("## Core rules (revised)\r\n");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test("an edit inside the root CLAUDE.md block merges with a template change; the user's text outside is untouched", async () => {
    const fs = await deployed();
    write(fs, "CLAUDE.md", `# Storefront notes\r\n\r\n${read(fs, "CLAUDE.md")!.replace(/\n/g, "\r\n")}`);
    edit(fs, "CLAUDE.md", (text) => text.replace("- One task, one commit; never push.", "- One task, one commit; never push.\r\n- Ask before touching payments."));
    const templates = changedTemplates({ "blocks/root.md.eta": (text) => text.replace("## Where things are", "## Where to find things") });
    const result = await updateWith(fs, {}, { templates });
    expect(actionOf(result, "CLAUDE.md")).toBe("merge");
    const text = read(fs, "CLAUDE.md")!;
    expect(text.startsWith("# Storefront notes\r\n\r\n<!-- trinity:begin -->\r\n")).toBe(true);
    expect(text).toContain("## Where to find things\r\n");
    expect(text).toContain("- Ask before touching payments.\r\n");
  });

  test("a user-owned document keeps the user's prose while its facts block is refreshed", async () => {
    const fs = await deployed();
    edit(fs, ARCHITECTURE, (text) => `${text}\n## Our overview\n\nThe storefront sells tea.\n`);
    write(fs, "src/app/extra.ts", "// TODO: wire the API\nexport const extra = 1;\n");
    const result = await updateWith(fs);
    expect(actionOf(result, ARCHITECTURE)).toBe("update");
    const text = read(fs, ARCHITECTURE)!;
    expect(text).toContain("The storefront sells tea.");
    expect(text).toContain("| Source size | 4 files, 17 lines |");
  });

  test("--skip-audit keeps the facts of the last scan instead of erasing them", async () => {
    const fs = await deployed();
    const facts = read(fs, ARCHITECTURE);
    write(fs, "src/app/extra.ts", "export const extra = 1;\n");
    const result = await updateWith(fs, { skipAudit: true });
    expect(actionOf(result, ARCHITECTURE)).toBe("unchanged");
    expect(read(fs, ARCHITECTURE)).toBe(facts);
  });

  test("updating twice is the same as updating once", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => `${text}\nTeam rule.\n`);
    await updateWith(fs, {}, { templates: middleChanged });
    const once = fs.snapshot();
    const again = await updateWith(fs, {}, { templates: middleChanged });
    expect(again.operations.filter((op) => op.action !== "unchanged" && op.action !== "keep")).toEqual([]);
    const project = (state: Record<string, string>) => Object.fromEntries(Object.entries(state).filter(([p]) => !p.startsWith(".trinity/")));
    expect(project(fs.snapshot())).toEqual(project(once));
  });
});

describe("trinity update: shared files follow the same table", () => {
  const SETTINGS = ".claude/settings.json";
  const settings = (fs: MemoryFileSystem) => JSON.parse(read(fs, SETTINGS)!) as { permissions: { allow: string[] }; model?: string };

  test("settings keys: a rule the user removed stays removed, the user's own rules and keys are kept", async () => {
    const fs = await deployed();
    edit(fs, SETTINGS, (text) => {
      const value = JSON.parse(text);
      value.permissions.allow = value.permissions.allow.filter((rule: string) => rule !== "Bash(git log:*)").concat("Bash(npm test:*)");
      value.model = "opus";
      return `${JSON.stringify(value, null, 2)}\n`;
    });
    const mine = read(fs, SETTINGS);
    const result = await updateWith(fs);
    expect(actionOf(result, SETTINGS)).toBe("unchanged");
    expect(read(fs, SETTINGS)).toBe(mine);
    expect(settings(fs).permissions.allow).not.toContain("Bash(git log:*)");
    expect(settings(fs).permissions.allow).toContain("Bash(npm test:*)");
    // --force puts trinity's rule back and still keeps the user's
    await updateWith(fs, { force: true });
    expect(settings(fs).permissions.allow).toContain("Bash(git log:*)");
    expect(settings(fs).permissions.allow).toContain("Bash(npm test:*)");
    expect(settings(fs).model).toBe("opus");
  });

  test("a conflict in the .gitignore block is written beside the file, never as markers that would become ignore patterns", async () => {
    const fs = await deployed();
    edit(fs, ".gitignore", (text) => text.replace(".trinity/lock\n", ".trinity/lock*\n"));
    const mine = read(fs, ".gitignore");
    const templates = changedTemplates({ "blocks/gitignore.eta": (text) => text.replace(".trinity/lock\n", ".trinity/lockfile\n") });
    const result = await updateWith(fs, { conflict: "inline" }, { templates });
    expect(actionOf(result, ".gitignore")).toBe("conflict");
    expect(read(fs, ".gitignore")).toBe(mine);
    expect(read(fs, ".gitignore.trinity-new")).toContain(".trinity/lockfile");
  });

  test("--dry-run classifies every file and writes nothing", async () => {
    const fs = await deployed();
    edit(fs, PROTOCOLS, (text) => `${text}\nTeam rule.\n`);
    const before = fs.snapshot();
    const result = await updateWith(fs, { dryRun: true }, { templates: middleChanged });
    expect(result.dryRun).toBe(true);
    expect(actionOf(result, PROTOCOLS)).toBe("merge");
    expect(actionOf(result, AGENT)).toBe("unchanged");
    expect(fs.snapshot()).toEqual(before);
  });
});

describe("trinity update: refusals", () => {
  test("a project without a deployment is refused with exit code 3", async () => {
    const fs = new MemoryFileSystem(fixtureFiles("node-next"));
    await expect(updateWith(fs)).rejects.toMatchObject({ code: "not-deployed", exitCode: 3 });
  });

  test("a deployment made by a newer trinity is refused unless --force", async () => {
    const fs = await deployed();
    edit(fs, ".trinity/manifest.json", (text) => text.replace('"trinityVersion": "9.9.9"', '"trinityVersion": "10.0.0"'));
    const before = fs.snapshot();
    await expect(updateWith(fs)).rejects.toMatchObject({ code: "newer-deployment", exitCode: 3 });
    expect(fs.snapshot()).toEqual(before);
    await expect(updateWith(fs, { force: true })).resolves.toMatchObject({ to: "9.9.9" });
  });
});

describe("trinity update: all or nothing", () => {
  test("an update that fails at the N-th write, for every N, leaves the project exactly as it was", async () => {
    const setUp = async () => {
      const fs = await deployed();
      edit(fs, PROTOCOLS, (text) => `<!-- mine -->\n${text}`);
      fs.remove(projectPath(AGENT));
      return fs;
    };
    const counter = new FaultyFileSystem(await setUp(), Number.POSITIVE_INFINITY);
    await updateWith(counter, {}, { templates: middleChanged, runId: "count" });
    expect(counter.writes).toBeGreaterThan(5);
    for (let n = 1; n < counter.writes; n++) {
      const fs = await setUp();
      const before = fs.snapshot();
      await expect(updateWith(new FaultyFileSystem(fs, n), {}, { templates: middleChanged, runId: `fail-${n}` })).rejects.toThrow();
      expect({ n, state: fs.snapshot() }).toEqual({ n, state: before });
    }
  });
});
