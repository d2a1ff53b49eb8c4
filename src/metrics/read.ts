import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { MAX_FILE_BYTES } from "./analyse.ts";

/**
 * Reads a source file for the scan without following a symbolic link (a link could point out of
 * the project). Returns null when the file is gone, is a link or not a regular file, and "huge"
 * past MAX_FILE_BYTES, without reading it.
 */
export function readSourceFile(absolutePath: string): Uint8Array | "huge" | null {
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return null;
    if (stats.size > MAX_FILE_BYTES) return "huge";
    const data = Buffer.allocUnsafe(stats.size);
    let offset = 0;
    while (offset < data.length) {
      const read = readSync(fd, data, offset, data.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === data.length ? data : data.subarray(0, offset);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
