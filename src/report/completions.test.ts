import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../tests/support/tree.ts";
import { completionScript, SHELLS, type CompletionGrammar } from "./completions.ts";

const AWKWARD = `it's a [tricky] one: back\\slash, "quotes", $HOME and \`ticks\``;

const GRAMMAR: CompletionGrammar = {
  program: "tool",
  topLevelFlags: [{ long: "version", short: "v", description: AWKWARD, value: null }],
  commands: [
    {
      name: "run",
      summary: AWKWARD,
      flags: [
        { long: "mode", description: AWKWARD, value: { kind: "words", words: ["fast", "slow"], label: "MODE" } },
        { long: "out", short: "o", description: AWKWARD, value: { kind: "directory", label: "DIR" } },
      ],
      arguments: [{ kind: "text", label: "NAME" }],
    },
  ],
};

function syntaxCheck(shell: string, args: string[], text: string) {
  const file = join(tempDir(), "script");
  writeFileSync(file, text);
  return spawnSync(shell, [...args, file], { encoding: "utf8" });
}

const has = (shell: string) => spawnSync(shell, ["--version"]).status === 0;

describe("completionScript()", () => {
  test("quotes descriptions with quotes, brackets, colons, backslashes and dollars so each shell parses the script", () => {
    const bash = syntaxCheck("bash", ["-n"], completionScript("bash", GRAMMAR));
    expect(bash.stderr).toBe("");
    if (has("zsh")) expect(syntaxCheck("zsh", ["-n"], completionScript("zsh", GRAMMAR)).stderr).toBe("");
    if (has("fish")) expect(syntaxCheck("fish", ["--no-execute"], completionScript("fish", GRAMMAR)).stderr).toBe("");
    expect(completionScript("zsh", GRAMMAR)).toContain(`'--mode=[it'\\''s a \\[tricky\\] one\\: back\\\\slash`);
    expect(completionScript("fish", GRAMMAR)).toContain(`-d 'it\\'s a [tricky] one: back\\\\slash`);
    expect(completionScript("powershell", GRAMMAR)).toContain(`Help = 'it''s a [tricky] one: back\\slash`);
  });

  test("refuses a command, flag or value that is not a plain word, since scripts use them unquoted", () => {
    const bad: CompletionGrammar = { ...GRAMMAR, commands: [{ ...GRAMMAR.commands[0]!, name: "run; rm" }] };
    for (const shell of SHELLS) expect(() => completionScript(shell, bad)).toThrow('completion word "run; rm" is not a plain word');
  });
});
