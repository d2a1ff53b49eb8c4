import { describe, expect, test } from "bun:test";
import { closest, parseArgs, type FlagSpec } from "./args.ts";

const FLAGS: FlagSpec[] = [
  { name: "force", kind: "boolean", description: "" },
  { name: "yes", short: "y", kind: "boolean", description: "" },
  { name: "name", kind: "string", description: "" },
  { name: "command-format", kind: "string", values: ["skills", "commands"], description: "" },
];

describe("parseArgs()", () => {
  test("reads booleans, values in both spellings, short flags and positionals", () => {
    const parsed = parseArgs(["dir", "--force", "--name", "x", "--command-format=commands", "-y"], FLAGS, 1, "trinity deploy");
    expect(parsed).toEqual({ flags: { force: true, name: "x", "command-format": "commands", yes: true }, positionals: ["dir"] });
  });

  test("treats everything after -- as positional", () => {
    expect(parseArgs(["--", "--force"], FLAGS, 1, "t").positionals).toEqual(["--force"]);
  });

  test("rejects an unknown flag with a did-you-mean hint", () => {
    expect(() => parseArgs(["--forse"], FLAGS, 1, "trinity deploy")).toThrow("unknown option --forse; did you mean --force?");
  });

  test("rejects an unknown flag without a hint when nothing is close", () => {
    expect(() => parseArgs(["--zzzzzzzz"], FLAGS, 1, "t")).toThrow(/unknown option --zzzzzzzz$/);
  });

  test("rejects a value outside the allowed set, suggesting the closest", () => {
    expect(() => parseArgs(["--command-format", "skill"], FLAGS, 1, "t")).toThrow(
      '--command-format "skill": expected one of skills, commands; did you mean skills?',
    );
  });

  test("rejects a string flag without a value", () => {
    expect(() => parseArgs(["--name"], FLAGS, 1, "t")).toThrow("--name needs a value");
    expect(() => parseArgs(["--name", "--force"], FLAGS, 1, "t")).toThrow("--name needs a value");
  });

  test("rejects a value given to a boolean flag", () => {
    expect(() => parseArgs(["--force=yes"], FLAGS, 1, "t")).toThrow("--force takes no value");
  });

  test("rejects extra positionals", () => {
    expect(() => parseArgs(["a", "b"], FLAGS, 1, "t")).toThrow('unexpected extra argument "b"');
  });

  test("every usage error maps to exit code 2", () => {
    try {
      parseArgs(["--nope"], FLAGS, 0, "t");
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
      return;
    }
    throw new Error("expected a usage error");
  });
});

describe("closest()", () => {
  test("finds a near miss and ignores distant words", () => {
    expect(closest("delpoy", ["deploy", "update"])).toBe("deploy");
    expect(closest("xyz", ["deploy", "update"])).toBeNull();
  });
});
