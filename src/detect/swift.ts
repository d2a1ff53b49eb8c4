import { ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem } from "./types.ts";

/** Detects a Swift package (SwiftPM) in `dir`. */
export function detectSwift(reader: ProjectReader, dir: string): Ecosystem | null {
  const at = (name: string) => ProjectReader.join(dir, name);
  if (!reader.isFile(at("Package.swift"))) return null;
  const manifest = reader.text(at("Package.swift")) ?? "";
  const commands = noCommands();
  commands.install = "swift package resolve";
  commands.build = "swift build";
  commands.lint = reader.isFile(at(".swiftlint.yml")) ? "swiftlint" : null;
  commands.lintFix = reader.isFile(at(".swiftlint.yml")) ? "swiftlint --fix" : null;
  commands.format = reader.isFile(at(".swift-format")) ? "swift-format lint --recursive Sources Tests" : null;
  commands.test = "swift test";
  commands.coverage = "swift test --enable-code-coverage";
  return {
    id: "swift",
    path: dir,
    languages: ["swift"],
    frameworks: [],
    packageManager: "swiftpm",
    sourceDirs: reader.existingDirs(dir, ["Sources"]),
    testDirs: reader.existingDirs(dir, ["Tests"]),
    testFrameworks: [],
    moduleType: null,
    commands,
    frameworkVersions: {},
    dependencies: (manifest.match(/\.package\s*\(/g) ?? []).length,
    devDependencies: 0,
  };
}
