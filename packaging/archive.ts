/**
 * The release archives, written in-process so that a release is the same on any machine that
 * builds it: no dependence on which tar the system has, and byte-identical output for identical
 * input (fixed owner, mode and date; no timestamp in the gzip header).
 */
import { zipSync } from "fflate";
import { gzipSync } from "node:zlib";

const BLOCK = 512;

/** A .tar.gz holding one executable file: mode 0755, owner 0:0, dated `mtime`. */
export function tarGz(name: string, content: Uint8Array, mtime: Date): Uint8Array {
  if (new TextEncoder().encode(name).length > 100) throw new Error(`${name}: a tar entry name has at most 100 bytes`);
  if (content.length >= 8 ** 11) throw new Error(`${name}: too large for a tar entry (8 GiB at most)`);
  const header = ustarHeader(name, content.length, mtime);
  const padded = Math.ceil(content.length / BLOCK) * BLOCK;
  // header, the file padded to whole blocks, then two empty blocks that end the archive
  const tar = new Uint8Array(BLOCK + padded + 2 * BLOCK);
  tar.set(header, 0);
  tar.set(content, BLOCK);
  return new Uint8Array(gzipSync(tar, { level: 9 }));
}

function ustarHeader(name: string, size: number, mtime: Date): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
  // numeric fields are zero-padded octal ending in NUL, filling their field
  const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;
  put(0, name);
  put(100, octal(0o755, 8));
  put(108, octal(0, 8)); // uid
  put(116, octal(0, 8)); // gid
  put(124, octal(size, 12));
  put(136, octal(Math.floor(mtime.getTime() / 1000), 12));
  put(148, " ".repeat(8)); // the checksum is summed with its own field as spaces
  put(156, "0"); // a regular file
  put(257, "ustar\0");
  put(263, "00");
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${octal(checksum, 7)} `);
  return header;
}

/** A .zip holding one file, deflated at the highest level, dated `mtime`. */
export function zip(name: string, content: Uint8Array, mtime: Date): Uint8Array {
  return zipSync({ [name]: [content, { level: 9, mtime }] });
}
