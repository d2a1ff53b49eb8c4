import { closeSync, constants, openSync, readSync } from "node:fs";
import { withoutTopTier } from "./tier.ts";
import { MAX_FILE_BYTES } from "./analyse.ts";

/**
 * Reads source files for the scan with as few system calls as possible (open, read, close) into
 * one reused buffer, without following a symbolic link (it could point out of the project) and
 * without blocking on a FIFO. Not safe to share between threads; each thread makes its own.
 */
export class SourceReader {
  private buffer = Buffer.allocUnsafe(256 * 1024);

  /**
   * The file's bytes (a view into the reused buffer, valid until the next read), "huge" past
   * MAX_FILE_BYTES, or null when it is gone, a link, or not a regular file.
   */
  read(absolutePath: string): Uint8Array | "huge" | null {
    let fd: number;
    try {
      fd = openSync(absolutePath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    } catch {
      return null;
    }
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          if (length > MAX_FILE_BYTES) return "huge";
          const bigger = Buffer.allocUnsafe(this.buffer.length * 4);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const read = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        // A short read of a regular file means its end was reached.
        if (read === 0 || (length += read) < this.buffer.length) break;
      }
      return length > MAX_FILE_BYTES ? "huge" : this.buffer.subarray(0, length);
    } catch {
      return null; // a directory, a FIFO with nothing to read, or an I/O error
    } finally {
      closeSync(fd);
    }
  }
}

withoutTopTier(SourceReader.prototype.read);
