import { objectAt, ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem, type Framework } from "./types.ts";

/** Detects a Dart or Flutter package in `dir` (a directory with pubspec.yaml). */
export function detectDart(reader: ProjectReader, dir: string): Ecosystem | null {
  const manifestPath = ProjectReader.join(dir, "pubspec.yaml");
  if (!reader.isFile(manifestPath)) return null;
  const manifest = reader.yaml(manifestPath);
  const dependencies = objectAt(manifest, "dependencies");
  const devDependencies = objectAt(manifest, "dev_dependencies");
  const flutter = "flutter" in dependencies;
  const frameworks: Framework[] = flutter ? ["flutter"] : [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  const sdk = objectAt(manifest, "environment").flutter;
  if (flutter && typeof sdk === "string") frameworkVersions.flutter = sdk;
  const tool = flutter ? "flutter" : "dart";
  const commands = noCommands();
  commands.install = `${tool} pub get`;
  commands.typecheck = `${tool} analyze`;
  commands.lint = `${tool} analyze`;
  commands.lintFix = "dart fix --apply";
  commands.format = "dart format --set-exit-if-changed .";
  commands.test = `${tool} test`;
  commands.coverage = flutter ? "flutter test --coverage" : "dart test --coverage=coverage";
  return {
    id: "dart",
    path: dir,
    languages: ["dart"],
    frameworks,
    packageManager: "pub",
    sourceDirs: reader.existingDirs(dir, ["lib"]),
    testDirs: reader.existingDirs(dir, ["test", "integration_test"]),
    testFrameworks: flutter || "flutter_test" in devDependencies ? ["flutter-test"] : [],
    moduleType: null,
    commands,
    frameworkVersions,
    dependencies: Object.keys(dependencies).length,
    devDependencies: Object.keys(devDependencies).length,
  };
}
