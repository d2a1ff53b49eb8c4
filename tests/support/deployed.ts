import { MemoryFileSystem } from "../../src/fs/memory.ts";
import { deployWith } from "./deploy.ts";
import { fixtureFiles } from "./fixtures.ts";

/** A deployed project in memory: its files as text (trinity's own .trinity/ state left out). */
export interface Deployed {
  fixture: string;
  format: "skills" | "commands";
  files: Map<string, string>;
  dirs: Set<string>;
}

/** Deploys a fixture into memory with the fixed clock and returns every project file. */
export async function deployFixture(fixture: string, format: "skills" | "commands" = "skills", options: { skipAudit?: boolean } = {}): Promise<Deployed> {
  const fs = new MemoryFileSystem(fixtureFiles(fixture));
  await deployWith(fs, { commandFormat: format, skipAudit: options.skipAudit ?? false });
  const files = new Map<string, string>();
  const dirs = new Set<string>();
  for (const [path, content] of Object.entries(fs.snapshot())) {
    if (path.startsWith(".trinity/")) continue;
    if (path.endsWith("/")) dirs.add(path.slice(0, -1));
    else files.set(path, Buffer.from(content, "base64").toString("utf8"));
  }
  return { fixture, format, files, dirs };
}
