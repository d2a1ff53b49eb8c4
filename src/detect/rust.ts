import { objectAt, ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem } from "./types.ts";

/** Detects a Rust crate or workspace in `dir` (a directory with Cargo.toml). */
export function detectRust(reader: ProjectReader, dir: string): Ecosystem | null {
  const manifestPath = ProjectReader.join(dir, "Cargo.toml");
  if (!reader.isFile(manifestPath)) return null;
  const manifest = reader.toml(manifestPath);
  const dependencies = {
    ...objectAt(manifest, "dependencies"),
    ...objectAt(manifest, "workspace", "dependencies"),
  };
  const devDependencies = objectAt(manifest, "dev-dependencies");
  const at = (name: string) => ProjectReader.join(dir, name);
  const commands = noCommands();
  commands.install = "cargo fetch";
  commands.build = "cargo build";
  commands.lint = "cargo clippy --all-targets -- -D warnings";
  commands.lintFix = "cargo clippy --fix --allow-dirty";
  commands.format = "cargo fmt --check";
  commands.test = "cargo test";
  commands.depAudit = reader.isFile(at("audit.toml")) || reader.isFile(at(".cargo/audit.toml")) ? "cargo audit" : null;
  return {
    id: "rust",
    path: dir,
    languages: ["rust"],
    frameworks: [],
    packageManager: "cargo",
    sourceDirs: reader.existingDirs(dir, ["src"]),
    testDirs: reader.existingDirs(dir, ["tests"]),
    testFrameworks: ["cargo-test"],
    moduleType: null,
    commands,
    frameworkVersions: {},
    dependencies: Object.keys(dependencies).length,
    devDependencies: Object.keys(devDependencies).length,
  };
}
