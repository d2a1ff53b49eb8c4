import type { Io } from "./io.ts";

/**
 * A scan progress line on stderr, for terminals only: it appears once the scan has taken a
 * moment (so quick scans print nothing), updates a few times a second, and erases itself.
 */
export function scanProgress(io: Io, enabled: boolean): { update: (done: number, total: number) => void; finish: () => void } {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - started < 300 || now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      io.stderr(`\rscanning: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files`);
    },
    finish() {
      if (drawn) io.stderr("\r\u001b[2K");
    },
  };
}
