import { ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem, type Framework, type TestFramework } from "./types.ts";

/** Gem name → declared version constraint ("" when none), from a Gemfile's `gem` lines. */
function gemfileGems(text: string): Map<string, string> {
  const gems = new Map<string, string>();
  for (const match of text.matchAll(/^\s*gem\s+["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?/gm)) gems.set(match[1]!, match[2] ?? "");
  return gems;
}

/** Exact versions of the top-level gems from Gemfile.lock's specs (`    rails (7.1.3)`). */
function lockedVersions(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const match of text.matchAll(/^ {4}([\w.-]+) \(([^)]+)\)$/gm)) versions.set(match[1]!, match[2]!);
  return versions;
}

/** Detects a Ruby project (Bundler) in `dir`. */
export function detectRuby(reader: ProjectReader, dir: string): Ecosystem | null {
  const at = (name: string) => ProjectReader.join(dir, name);
  if (!reader.isFile(at("Gemfile"))) return null;
  const gems = gemfileGems(reader.text(at("Gemfile")) ?? "");
  const locked = lockedVersions(reader.text(at("Gemfile.lock")) ?? "");
  const has = (name: string) => gems.has(name);
  const frameworks: Framework[] = [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  if (has("rails")) {
    frameworks.push("rails");
    const version = gems.get("rails") || locked.get("rails");
    if (version) frameworkVersions.rails = version;
  }
  const rspec = has("rspec") || has("rspec-rails") || reader.isDir(at("spec"));
  const testFrameworks: TestFramework[] = rspec ? ["rspec"] : [];
  const commands = noCommands();
  commands.install = "bundle install";
  const rubocop = has("rubocop") || reader.isFile(at(".rubocop.yml"));
  commands.lint = rubocop ? "bundle exec rubocop" : null;
  commands.lintFix = rubocop ? "bundle exec rubocop -a" : null;
  commands.format = rubocop ? "bundle exec rubocop -a" : null;
  commands.test = rspec ? "bundle exec rspec" : reader.isDir(at("test")) ? "bundle exec rake test" : null;
  commands.coverage = has("simplecov") ? commands.test : null;
  commands.depAudit = has("bundler-audit") ? "bundle exec bundle-audit check --update" : null;
  const devGroups = /group\s+:(?:development|test)[\s\S]*?\bend\b/g;
  const devText = [...(reader.text(at("Gemfile")) ?? "").matchAll(devGroups)].map((m) => m[0]).join("\n");
  const devGems = gemfileGems(devText.replace(/^\s*group.*$/gm, ""));
  return {
    id: "ruby",
    path: dir,
    languages: ["ruby"],
    frameworks,
    packageManager: "bundler",
    sourceDirs: reader.existingDirs(dir, ["app", "lib"]),
    testDirs: reader.existingDirs(dir, ["spec", "test"]),
    testFrameworks,
    moduleType: null,
    commands,
    frameworkVersions,
    dependencies: gems.size - devGems.size,
    devDependencies: devGems.size,
  };
}
