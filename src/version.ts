import packageJson from "../package.json" with { type: "json" };

// Replaced by build.ts at compile time; from source they fall back to package.json and "dev".
declare const TRINITY_VERSION: string | undefined;
declare const TRINITY_COMMIT: string | undefined;

/** This build's version (from package.json at build time). */
export const VERSION: string = typeof TRINITY_VERSION === "string" ? TRINITY_VERSION : packageJson.version;

/** The git commit this build was made from, or "dev" when running from source. */
export const COMMIT: string = typeof TRINITY_COMMIT === "string" ? TRINITY_COMMIT : "dev";
