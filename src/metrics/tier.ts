import { noFTL } from "bun:jsc";

/**
 * Keeps the scan's hot functions out of JavaScriptCore's top compiler tier (FTL). A scan runs them
 * for well under a second per thread; FTL compiles each of them again in every thread, on
 * background compiler threads that compete with the scan's own threads for the cores, and that
 * costs more than the faster code saves. The tier below (DFG) still compiles them to machine code.
 * `npm run bench` measured the difference: about a tenth of the scan's time on two cores.
 */
export function withoutTopTier(...functions: ((...args: never[]) => unknown)[]): void {
  for (const fn of functions) noFTL(fn);
}
