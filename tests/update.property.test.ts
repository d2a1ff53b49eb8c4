/**
 * Properties of trinity update that must hold for any edit a user makes, checked with generated
 * edits (fast-check): a change only the user made survives an update byte for byte; a user edit
 * next to a template change is never lost (merged, or kept behind conflict markers); and a second
 * update with the same templates changes nothing.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { MemoryFileSystem } from "../src/fs/memory.ts";
import { projectPath } from "../src/fs/path.ts";
import { encodeText } from "../src/fs/port.ts";
import { changedTemplates, deployWith, updateWith } from "./support/deploy.ts";
import { fixtureFiles } from "./support/fixtures.ts";

/** Files of each kind trinity writes: whole methodology files, a shared block, a user-owned document. */
const EDITABLE = [
  ".claude/trinity/CLAUDE.md",
  ".claude/agents/trinity/execution/kil-task-executor.md",
  ".claude/trinity/knowledge-base/ARCHITECTURE.md",
  "CLAUDE.md",
] as const;

const RUNS = 25;
let deployed: Record<string, Uint8Array>;

beforeAll(async () => {
  const fs = new MemoryFileSystem(fixtureFiles("node-next"));
  await deployWith(fs);
  deployed = Object.fromEntries(
    Object.entries(fs.snapshot())
      .filter(([path]) => !path.endsWith("/"))
      .map(([path, data]) => [path, new Uint8Array(Buffer.from(data, "base64"))]),
  );
});

const fresh = () => new MemoryFileSystem(deployed);
const read = (fs: MemoryFileSystem, path: string) => new TextDecoder().decode(fs.read(projectPath(path))!);
const write = (fs: MemoryFileSystem, path: string, text: string) => fs.write(projectPath(path), encodeText(text));
const withoutState = (state: Record<string, string>) => Object.fromEntries(Object.entries(state).filter(([path]) => !path.startsWith(".trinity/")));

/** A line a user might add: words, never a line trinity itself writes. */
const userLine = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.]{0,40}$/).map((text) => `Team note: ${text}`);

/** Inserts `line` after line `at` (taken modulo the line count) of `text`. */
function insertLine(text: string, at: number, line: string): string {
  const lines = text.split("\n");
  const index = at % lines.length;
  lines.splice(index, 0, line);
  return lines.join("\n");
}

/** A new version of trinity that changes one heading in each editable template. */
const newVersion = changedTemplates({
  "trinity/CLAUDE.md.eta": (text) => text.replace("## Core rules", "## Core rules (revised)"),
  "agents/execution/kil-task-executor.md.eta": (text) => text.replace("## Pre-checks", "## Before you start"),
  "blocks/root.md.eta": (text) => text.replace("## Where things are", "## Where to find things"),
});

describe("trinity update: properties over generated user edits", () => {
  test("a change only the user made survives an update byte for byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EDITABLE), fc.nat(), userLine, async (path, at, line) => {
        const fs = fresh();
        const mine = insertLine(read(fs, path), at, line);
        write(fs, path, mine);
        await updateWith(fs);
        expect(read(fs, path)).toBe(mine);
      }),
      { numRuns: RUNS },
    );
  });

  test("a user edit is never lost when the template changed too: merged, or kept inside conflict markers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EDITABLE), fc.nat(), userLine, async (path, at, line) => {
        const fs = fresh();
        write(fs, path, insertLine(read(fs, path), at, line));
        const result = await updateWith(fs, {}, { templates: newVersion });
        const after = read(fs, path);
        expect(after).toContain(line);
        const action = result.operations.find((op) => op.path === path)?.action;
        if (action !== "conflict") expect(after).not.toContain("<<<<<<<");
      }),
      { numRuns: RUNS },
    );
  });

  test("updating twice with the same templates is the same as updating once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EDITABLE), fc.nat(), userLine, fc.boolean(), async (path, at, line, changed) => {
        const fs = fresh();
        write(fs, path, insertLine(read(fs, path), at, line));
        const templates = changed ? newVersion : undefined;
        await updateWith(fs, {}, { templates });
        const once = withoutState(fs.snapshot());
        const again = await updateWith(fs, {}, { templates });
        expect(again.operations.filter((op) => op.before !== op.after && op.action !== "unchanged" && op.action !== "keep").map((op) => `${op.action} ${op.path}`)).toEqual([]);
        expect(withoutState(fs.snapshot())).toEqual(once);
      }),
      { numRuns: RUNS },
    );
  });
});
