import { MemoryFileSystem } from "../../src/fs/memory.ts";
import { ancestors, projectPath } from "../../src/fs/path.ts";
import { decodeText, encodeText } from "../../src/fs/port.ts";
import { deployWith } from "./deploy.ts";
import { fixtureFiles } from "./fixtures.ts";

/** A fixture deployed into memory (fixed clock, no git), ready to be broken one way at a time. */
export async function deployedInMemory(fixture = "node-next", commandFormat: "skills" | "commands" = "skills"): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem(fixtureFiles(fixture));
  await deployWith(fs, { commandFormat });
  return fs;
}

/** Writes a file, creating its folders. */
export function put(fs: MemoryFileSystem, path: string, content: string | Uint8Array): void {
  const target = projectPath(path);
  for (const dir of ancestors(target)) fs.mkdir(dir);
  fs.write(target, typeof content === "string" ? encodeText(content) : content);
}

/** The text of a file. */
export function text(fs: MemoryFileSystem, path: string): string {
  return decodeText(path, fs.read(projectPath(path))!);
}

/** Rewrites a file's text. */
export function edit(fs: MemoryFileSystem, path: string, change: (text: string) => string): void {
  put(fs, path, change(text(fs, path)));
}
