/**
 * Every failure trinity reports on purpose is a TrinityError. The code is a closed union so that
 * the mapping to exit codes (PRODUCT.md §2.4) lives in exactly one place: exitCodeFor().
 */
export type ErrorCode =
  | "usage" // unknown command or flag, bad value, missing argument
  | "target-missing" // the project directory does not exist or is not a directory
  | "already-deployed" // deploy without --force on a deployed project
  | "not-deployed" // update/status/… on a project without a deployment
  | "legacy-deployment" // a deployment made by the original npm SDK (update adopts it)
  | "newer-deployment" // update/deploy over a deployment made by a newer trinity, without --force
  | "lock-held" // another trinity run holds .trinity/lock
  | "nothing-to-roll-back" // rollback found no deploy/update/uninstall run that is not rolled back yet
  | "changed-since-run" // rollback would discard edits made after the run (without --force)
  | "invalid-input" // a file trinity must read or merge is malformed (settings.json, manifest, markers)
  | "template" // a template failed to load or render
  | "io" // a read or write failed
  | "unsafe-path" // a path would leave the project root
  | "interrupted" // Ctrl-C; the run was rolled back
  | "drift" // status --check / doctor found something
  | "conflicts" // update left conflicts
  | "internal"; // a bug in trinity

const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  "target-missing": 3,
  "already-deployed": 3,
  "not-deployed": 3,
  "legacy-deployment": 3,
  "newer-deployment": 3,
  "lock-held": 3,
  "nothing-to-roll-back": 3,
  "changed-since-run": 3,
  "invalid-input": 1,
  template: 1,
  io: 1,
  "unsafe-path": 1,
  interrupted: 130,
  drift: 5,
  conflicts: 4,
  internal: 1,
};

/** The process exit code for an error code. */
export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code];
}

/**
 * An expected failure. `message` states what failed and where; `hint` says what to do next.
 * Both are shown to the user as they are, so write them as sentences.
 */
export class TrinityError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrinityError";
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return exitCodeFor(this.code);
  }
}

/** Wraps an unexpected exception from the runtime (e.g. an fs error) into an I/O TrinityError. */
export function ioError(action: string, path: string, cause: unknown): TrinityError {
  const reason = describeSystemError(cause);
  return new TrinityError("io", `${path}: cannot ${action}: ${reason}`, { cause });
}

/** A short human description of a Node/Bun system error ("permission denied", …). */
export function describeSystemError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
      return "no such file or directory";
    case "ENOTDIR":
      return "a parent path is not a directory";
    case "EISDIR":
      return "it is a directory";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "the file system is read-only";
    case "EEXIST":
      return "it already exists";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
