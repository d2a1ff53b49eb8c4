import { objectAt, ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem, type Framework, type TestFramework } from "./types.ts";

/** Detects a PHP project (Composer) in `dir`. */
export function detectPhp(reader: ProjectReader, dir: string): Ecosystem | null {
  const at = (name: string) => ProjectReader.join(dir, name);
  if (!reader.isFile(at("composer.json"))) return null;
  const manifest = reader.json(at("composer.json"));
  const require = objectAt(manifest, "require");
  const requireDev = objectAt(manifest, "require-dev");
  const all: Record<string, unknown> = { ...require, ...requireDev };
  const has = (name: string) => name in all;
  const frameworks: Framework[] = [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  if (has("laravel/framework")) {
    frameworks.push("laravel");
    if (typeof all["laravel/framework"] === "string") frameworkVersions.laravel = all["laravel/framework"] as string;
  }
  const pest = has("pestphp/pest");
  const phpunit = has("phpunit/phpunit") || reader.firstFile(dir, ["phpunit.xml", "phpunit.xml.dist"]) !== null;
  const testFrameworks: TestFramework[] = phpunit || pest ? ["phpunit"] : [];
  const configured = (name: string, files: string[]) => has(name) || reader.firstFile(dir, files) !== null;
  const commands = noCommands();
  commands.install = "composer install";
  commands.typecheck = configured("phpstan/phpstan", ["phpstan.neon", "phpstan.neon.dist"])
    ? "vendor/bin/phpstan analyse"
    : configured("vimeo/psalm", ["psalm.xml", "psalm.xml.dist"])
      ? "vendor/bin/psalm"
      : null;
  const fixer = configured("friendsofphp/php-cs-fixer", [".php-cs-fixer.php", ".php-cs-fixer.dist.php"]);
  const phpcs = configured("squizlabs/php_codesniffer", ["phpcs.xml", "phpcs.xml.dist"]);
  commands.lint = fixer ? "vendor/bin/php-cs-fixer fix --dry-run --diff" : phpcs ? "vendor/bin/phpcs" : null;
  commands.lintFix = fixer ? "vendor/bin/php-cs-fixer fix" : phpcs ? "vendor/bin/phpcbf" : null;
  commands.format = commands.lintFix;
  commands.test = pest ? "vendor/bin/pest" : phpunit ? "vendor/bin/phpunit" : null;
  commands.coverage = commands.test === null ? null : `${commands.test} --coverage-text`;
  commands.depAudit = "composer audit";
  return {
    id: "php",
    path: dir,
    languages: ["php"],
    frameworks,
    packageManager: "composer",
    sourceDirs: reader.existingDirs(dir, ["src", "app"]),
    testDirs: reader.existingDirs(dir, ["tests"]),
    testFrameworks,
    moduleType: null,
    commands,
    frameworkVersions,
    dependencies: Object.keys(require).filter((name) => name !== "php" && !name.startsWith("ext-")).length,
    devDependencies: Object.keys(requireDev).length,
  };
}
