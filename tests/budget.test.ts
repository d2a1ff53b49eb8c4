/**
 * METHODOLOGY.md §6: what Claude Code loads when a session starts in the project root — the root
 * CLAUDE.md block, every file it imports, and every agent and workflow description — stays within
 * 16,000 characters (about 4,000 tokens) for every stack fixture.
 */
import { expect, test } from "bun:test";
import { parseFrontmatter } from "../src/claude-code/formats.ts";
import { deployFixture, type Deployed } from "./support/deployed.ts";

const SESSION_START_BUDGET = 16_000;

/** The characters a session start loads, per part. */
export function sessionStartLoad(deployed: Deployed): Record<string, number> {
  const root = deployed.files.get("CLAUDE.md")!;
  const block = /<!-- trinity:begin -->\n([\s\S]*?)<!-- trinity:end -->/.exec(root)![1]!;
  const imported = [...block.matchAll(/^@(\S+)$/gm)].map((m) => deployed.files.get(m[1]!));
  expect(imported.every((text) => text !== undefined)).toBe(true);
  const description = (prefix: RegExp) =>
    [...deployed.files]
      .filter(([path]) => prefix.test(path))
      .reduce((sum, [, text]) => sum + String(parseFrontmatter(text).frontmatter?.data.description ?? "").length, 0);
  return {
    rootBlock: block.length,
    imports: imported.reduce((sum, text) => sum + text!.length, 0),
    agentDescriptions: description(/^\.claude\/agents\//),
    workflowDescriptions: description(/^\.claude\/(skills|commands)\//),
  };
}

test.each(["node-next", "python-poetry", "rust-cli", "go-service", "flutter-app", "empty"])(
  "the session-start load of %s stays within 16,000 characters",
  async (fixture) => {
    const load = sessionStartLoad(await deployFixture(fixture));
    const total = Object.values(load).reduce((a, b) => a + b, 0);
    console.log(`session-start load, ${fixture}: ${total} characters`, load);
    expect(total).toBeLessThanOrEqual(SESSION_START_BUDGET);
  },
);
