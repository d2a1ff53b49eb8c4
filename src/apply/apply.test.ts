import { describe, expect, test } from "bun:test";
import { FaultyFileSystem } from "../fs/faulty.ts";
import { MemoryFileSystem } from "../fs/memory.ts";
import { projectPath } from "../fs/path.ts";
import { encodeText } from "../fs/port.ts";
import { JOURNAL_PATH, LOCK_PATH } from "../manifest/store.ts";
import type { FileOp } from "../plan/ops.ts";
import { deployWith } from "../../tests/support/deploy.ts";
import { applyOps, recoverInterruptedRun } from "./apply.ts";
import { acquireLock } from "./lock.ts";

/** A small Node project with user files trinity must merge into. */
function userProject(): MemoryFileSystem {
  return new MemoryFileSystem({
    "package.json": JSON.stringify({ name: "shop", devDependencies: { typescript: "5", vitest: "2" }, scripts: { test: "vitest run" } }),
    "CLAUDE.md": "# Shop\r\n\r\nOur own notes.\r\n",
    ".gitignore": "node_modules/\n",
    ".claude/settings.json": '{\n  "model": "opus"\n}\n',
    "src/index.ts": "export const x = 1; // TODO: remove\n",
    "tests/helpers.ts": "export {};\n",
  });
}

/** The snapshot without the lock file (a run that failed only to release its lock is complete). */
function withoutLock(state: Record<string, string>): Record<string, string> {
  const { [".trinity/lock"]: _lock, ...rest } = state;
  return rest;
}

/**
 * Runs a deploy that fails at write N and checks the all-or-nothing promise: either it failed
 * and the project is exactly as before, or only releasing the lock failed and the deployment is
 * complete (with a warning about the lock).
 */
async function expectAllOrNothing(n: number, total: number, fs: MemoryFileSystem, request: object, before: Record<string, string>, deployed: Record<string, string>) {
  const outcome = await deployWith(new FaultyFileSystem(fs, n, "fail"), request, { runId: "under-test" }).then(
    (result) => ({ ok: true as const, result }),
    (error: Error) => ({ ok: false as const, error }),
  );
  if (outcome.ok) {
    expect({ n, lastWrite: n === total }).toEqual({ n, lastWrite: true });
    expect(outcome.result.warnings.join("\n")).toContain("stale lock");
    expect({ n, state: withoutLock(fs.snapshot()) }).toEqual({ n, state: deployed });
  } else {
    expect(outcome.error.message).toContain("injected fault");
    expect({ n, state: fs.snapshot() }).toEqual({ n, state: before });
  }
}

/** How many mutating calls a successful deploy makes on a copy of `make()`. */
async function countWrites(make: () => MemoryFileSystem, request = {}): Promise<number> {
  const counter = new FaultyFileSystem(make(), Number.POSITIVE_INFINITY);
  await deployWith(counter, request);
  return counter.writes;
}

describe("applyOps() all-or-nothing", () => {
  test("a deploy that fails at the N-th write, for every N, leaves the project byte for byte as it was", async () => {
    const total = await countWrites(userProject);
    expect(total).toBeGreaterThan(30);
    const complete = userProject();
    await deployWith(complete, {}, { runId: "under-test" });
    for (let n = 1; n <= total; n++) {
      const fs = userProject();
      await expectAllOrNothing(n, total, fs, {}, fs.snapshot(), complete.snapshot());
    }
  }, 120_000);

  test("a re-deploy with --force that fails at the N-th write, for every N, restores the previous deployment exactly", async () => {
    const deployed = async () => {
      const fs = userProject();
      await deployWith(fs, {}, { runId: "first" });
      fs.write(projectPath(".claude/trinity/CLAUDE.md"), encodeText("my local edit\n"));
      fs.write(projectPath("CLAUDE.md"), encodeText("# Shop\r\n\r\nEdited.\r\n"));
      return fs;
    };
    const complete = await deployed();
    const counter = new FaultyFileSystem(complete, Number.POSITIVE_INFINITY);
    await deployWith(counter, { force: true }, { runId: "under-test" });
    for (let n = 1; n <= counter.writes; n++) {
      const fs = await deployed();
      await expectAllOrNothing(n, counter.writes, fs, { force: true }, fs.snapshot(), complete.snapshot());
    }
  }, 120_000);

  test("a deploy killed at the N-th write, for every N, is rolled back by the next run from its journal (or had already finished)", async () => {
    const total = await countWrites(userProject);
    const complete = userProject();
    await deployWith(complete, {}, { runId: "under-test" });
    const deployed = complete.snapshot();
    for (let n = 1; n <= total; n++) {
      const fs = userProject();
      const before = fs.snapshot();
      await deployWith(new FaultyFileSystem(fs, n, "crash"), {}, { runId: "under-test" }).catch(() => {});
      // the next start: the dead process's lock is stale, and its journal is repaired first
      const lock = acquireLock(fs, "deploy", new Date(), () => false);
      const recovered = recoverInterruptedRun(fs);
      lock.release();
      // killed after the commit point (only the lock was left), the deployment is complete
      expect({ n, state: fs.snapshot() }).toEqual({ n, state: recovered === null && n >= total - 1 ? deployed : before });
    }
  }, 120_000);

  test("the next deploy after a crash repairs first, says so, and then deploys", async () => {
    const fs = userProject();
    await expect(deployWith(new FaultyFileSystem(fs, 12, "crash"))).rejects.toThrow();
    expect(fs.read(JOURNAL_PATH)).not.toBeNull();
    const result = await deployWith(fs);
    expect(result.recovered?.command).toBe("deploy");
    expect(fs.read(JOURNAL_PATH)).toBeNull();
    expect(fs.read(projectPath(".trinity/manifest.json"))).not.toBeNull();
  });

  test("Ctrl-C during apply rolls everything back and reports the interruption", async () => {
    const fs = userProject();
    const before = fs.snapshot();
    let checks = 0;
    await expect(deployWith(fs, {}, { isCancelled: () => ++checks > 5 })).rejects.toMatchObject({ code: "interrupted", exitCode: 130 });
    expect(fs.snapshot()).toEqual(before);
  });

  test("refuses to write when a file changed after planning", async () => {
    const fs = new MemoryFileSystem({ "a.md": "old\n" });
    fs.mkdir(projectPath(".trinity"));
    const op: FileOp = {
      action: "update",
      path: projectPath("a.md"),
      reason: "",
      before: encodeText("something else\n"),
      after: encodeText("new\n"),
      record: null,
      base: null,
      internal: false,
    };
    await expect(applyOps(fs, [op], { runId: "r1", command: "test", now: new Date() })).rejects.toThrow("a.md: changed while trinity was running");
    expect(new TextDecoder().decode(fs.read(projectPath("a.md"))!)).toBe("old\n");
  });
});

describe("the project lock", () => {
  test("a live holder blocks a second run with exit code 3", () => {
    const fs = new MemoryFileSystem();
    acquireLock(fs, "deploy", new Date(), () => true);
    expect(() => acquireLock(fs, "deploy", new Date(), () => true)).toThrow(/is working on this project/);
    try {
      acquireLock(fs, "deploy", new Date(), () => true);
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(3);
    }
  });

  test("a lock left by a dead process is taken over", () => {
    const fs = new MemoryFileSystem();
    acquireLock(fs, "deploy", new Date(), () => true);
    const lock = acquireLock(fs, "deploy", new Date(), () => false);
    lock.release();
    expect(fs.read(LOCK_PATH)).toBeNull();
  });

  test("releasing removes .trinity/ again when the run left it empty", () => {
    const fs = new MemoryFileSystem();
    acquireLock(fs, "deploy", new Date()).release();
    expect(fs.snapshot()).toEqual({});
  });
});
