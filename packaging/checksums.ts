/** SHA256SUMS: the checksum list published with every release, in the format `sha256sum -c` reads. */
import { createHash } from "node:crypto";

/** The SHA-256 of some bytes, as lowercase hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** SHA256SUMS text: one `<hash>  <file name>` line per file, sorted by name. */
export function formatSums(sums: ReadonlyMap<string, string>): string {
  return [...sums.keys()]
    .sort()
    .map((name) => `${sums.get(name)}  ${name}\n`)
    .join("");
}

/** File name → hash from SHA256SUMS text; throws naming the first line that is not `<64 hex digits>  <name>`. */
export function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    // "  " marks text mode and " *" binary mode in sha256sum's output; both name the same file
    const match = /^([0-9a-f]{64}) [ *](\S.*)$/.exec(line);
    if (!match) throw new Error(`SHA256SUMS line ${index + 1}: expected "<sha256>  <file>", got ${JSON.stringify(line)}`);
    sums.set(match[2]!, match[1]!);
  });
  return sums;
}

/** The hash of one file from parsed sums; throws naming the file when SHA256SUMS does not list it. */
export function sumOf(sums: ReadonlyMap<string, string>, name: string): string {
  const hash = sums.get(name);
  if (hash === undefined) throw new Error(`SHA256SUMS has no line for ${name}; build all targets with \`npm run release\``);
  return hash;
}
