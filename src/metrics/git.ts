/** Facts from git history; every field is null when git or the repository is unavailable. */
export interface GitFacts {
  commits: number | null;
  contributors: number | null;
  firstCommit: string | null;
  lastCommit: string | null;
  branch: string | null;
}

const UNKNOWN: GitFacts = { commits: null, contributors: null, firstCommit: null, lastCommit: null, branch: null };

/**
 * Reads git facts with the `git` executable: two processes, started at once, that run while the
 * scan reads the files. `root` null means "do not ask git" (tests, or when the caller knows there
 * is no repository).
 */
export async function gitFacts(root: string | null): Promise<GitFacts> {
  if (root === null) return { ...UNKNOWN };
  const [head, history] = await Promise.all([
    runGit(root, ["symbolic-ref", "--short", "-q", "HEAD"]),
    // One line per commit: author email, commit date, parents (none for a root commit).
    runGit(root, ["log", "--format=%aE%x09%cs%x09%P"]),
  ]);
  // symbolic-ref exits 0 on a branch (even one without commits yet), 1 on a detached HEAD, 128 outside a repository.
  if (head.status !== 0 && head.status !== 1) return { ...UNKNOWN };
  const branch = head.status === 0 ? head.stdout.trim() : history.status === 0 ? "HEAD (detached)" : null;
  if (history.status !== 0) return { ...UNKNOWN, commits: 0, contributors: 0, branch };
  const authors = new Set<string>();
  const rootDates: string[] = [];
  let commits = 0;
  let lastCommit: string | null = null;
  for (const line of history.stdout.split("\n")) {
    if (line === "") continue;
    const [email = "", date = "", parents = ""] = line.split("\t");
    commits++;
    lastCommit ??= date; // git log starts at HEAD
    if (email !== "") authors.add(email.toLowerCase());
    if (parents.trim() === "") rootDates.push(date);
  }
  return { commits, contributors: authors.size, firstCommit: rootDates.sort()[0] ?? null, lastCommit, branch };
}

/** Runs git in `root` and collects its output; status null when git could not run or took too long. */
export async function runGit(root: string, args: string[]): Promise<{ status: number | null; stdout: string }> {
  let child;
  try {
    child = Bun.spawn(["git", "-C", root, ...args], { env: gitEnvironment(), stdin: "ignore", stdout: "pipe", stderr: "ignore", timeout: 60_000 });
  } catch {
    return { status: null, stdout: "" }; // no git executable
  }
  const [stdout, status] = await Promise.all([child.stdout.text(), child.exited]);
  return { status: child.signalCode === null ? status : null, stdout };
}

/**
 * The environment for running git on a project: without the GIT_* variables a git hook may have
 * set (they would point git at another repository), and with stable, untranslated output.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) clean[key] = value;
  return { ...clean, LC_ALL: "C" };
}
