import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../tests/support/tree.ts";
import { gitFacts } from "./git.ts";

/** Runs git in `dir` with a fixed identity and date, failing the test when git fails. */
function git(dir: string, args: string[], author = "Ada <ada@example.com>", date = "2024-03-01T12:00:00Z"): string {
  const [name, email] = author.replace(">", "").split(" <");
  const env = { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const result = spawnSync("git", ["-C", dir, "-c", "commit.gpgsign=false", ...args], { env, encoding: "utf8" });
  expect(result.status).toBe(0);
  return result.stdout.trim();
}

function commit(dir: string, file: string, author: string, date: string): void {
  writeFileSync(join(dir, file), `${file} ${date}\n`);
  git(dir, ["add", file], author, date);
  git(dir, ["commit", "-q", "-m", file], author, date);
}

describe("gitFacts()", () => {
  test("outside a repository every fact is unknown", async () => {
    expect(await gitFacts(tempDir())).toEqual({ commits: null, contributors: null, firstCommit: null, lastCommit: null, branch: null });
  });

  test("a repository without commits has its branch and zero commits", async () => {
    const dir = tempDir();
    git(dir, ["init", "-q", "-b", "trunk"]);
    expect(await gitFacts(dir)).toEqual({ commits: 0, contributors: 0, firstCommit: null, lastCommit: null, branch: "trunk" });
  });

  test("counts commits and contributors (emails in any case) and dates the first root and the last commit", async () => {
    const dir = tempDir();
    git(dir, ["init", "-q", "-b", "main"]);
    commit(dir, "a.txt", "Ada <ada@example.com>", "2024-03-01T12:00:00Z");
    commit(dir, "b.txt", "Ada <ADA@example.com>", "2024-04-01T12:00:00Z");
    // a second history with an older root, merged in
    git(dir, ["checkout", "-q", "--orphan", "old"]);
    git(dir, ["rm", "-rq", "--cached", "."]);
    commit(dir, "old.txt", "Bo <bo@example.com>", "2023-01-15T12:00:00Z");
    git(dir, ["checkout", "-q", "-f", "main"]);
    git(dir, ["merge", "-q", "--allow-unrelated-histories", "-m", "merge", "old"], "Cy <cy@example.com>", "2024-05-02T12:00:00Z");
    expect(await gitFacts(dir)).toEqual({ commits: 4, contributors: 3, firstCommit: "2023-01-15", lastCommit: "2024-05-02", branch: "main" });
  });

  test("names a detached HEAD as such", async () => {
    const dir = tempDir();
    git(dir, ["init", "-q", "-b", "main"]);
    commit(dir, "a.txt", "Ada <ada@example.com>", "2024-03-01T12:00:00Z");
    git(dir, ["checkout", "-q", "--detach"]);
    expect((await gitFacts(dir)).branch).toBe("HEAD (detached)");
  });

  test("null asks nothing", async () => {
    expect((await gitFacts(null)).commits).toBeNull();
  });
});
