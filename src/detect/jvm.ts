import { listAt, objectAt, ProjectReader, stringAt } from "./reader.ts";
import { noCommands, type Ecosystem, type Framework, type Language, type PackageManager } from "./types.ts";

const GRADLE_BUILD = ["build.gradle.kts", "build.gradle"];
const GRADLE_SETTINGS = ["settings.gradle.kts", "settings.gradle"];

/**
 * Detects a Maven or Gradle project in `dir`. pom.xml is parsed as XML; Gradle build scripts are
 * programs, so only their plugin ids and dependency coordinates are read as text.
 */
export function detectJvm(reader: ProjectReader, dir: string): Ecosystem | null {
  const at = (name: string) => ProjectReader.join(dir, name);
  const pomPath = reader.isFile(at("pom.xml")) ? at("pom.xml") : null;
  const gradlePath = reader.firstFile(dir, [...GRADLE_BUILD, ...GRADLE_SETTINGS]);
  if (pomPath === null && gradlePath === null) return null;
  const packageManager: PackageManager = gradlePath !== null ? "gradle" : "maven";

  let coordinates: { group: string; artifact: string; version: string | null; scope: string | null }[] = [];
  let buildText = "";
  if (packageManager === "maven") {
    const project = objectAt(reader.xml(pomPath!), "project");
    const parent = objectAt(project, "parent");
    coordinates = listAt(project, "dependencies", "dependency").map((d) => ({
      group: stringAt(d, "groupId") ?? "",
      artifact: stringAt(d, "artifactId") ?? "",
      version: stringAt(d, "version"),
      scope: stringAt(d, "scope"),
    }));
    if (stringAt(parent, "artifactId")) coordinates.push({ group: stringAt(parent, "groupId") ?? "", artifact: stringAt(parent, "artifactId")!, version: stringAt(parent, "version"), scope: "parent" });
    buildText = reader.text(pomPath!) ?? "";
  } else {
    buildText = GRADLE_BUILD.map((name) => reader.text(at(name)) ?? "").join("\n");
    for (const match of buildText.matchAll(/["']([\w.-]+):([\w.-]+)(?::([^"'@]+))?["']/g)) {
      coordinates.push({ group: match[1]!, artifact: match[2]!, version: match[3] ?? null, scope: null });
    }
  }
  const has = (artifact: string | RegExp) =>
    coordinates.find((c) => (typeof artifact === "string" ? c.artifact === artifact : artifact.test(`${c.group}:${c.artifact}`)));

  const languages: Language[] = [];
  const kotlin = reader.isDir(at("src/main/kotlin")) || /kotlin\(|org\.jetbrains\.kotlin|kotlin-stdlib|kotlin-maven-plugin/.test(buildText);
  if (reader.isDir(at("src/main/java")) || !kotlin) languages.push("java");
  if (kotlin) languages.push("kotlin");

  const frameworks: Framework[] = [];
  const frameworkVersions: Partial<Record<Framework, string>> = {};
  const springDependency = has(/^org\.springframework(\.boot)?:/);
  if (springDependency || /org\.springframework\.boot/.test(buildText)) {
    frameworks.push("spring");
    const version = springDependency?.version ?? /org\.springframework\.boot["')\s]+version\s*["']([^"']+)/.exec(buildText)?.[1];
    if (version) frameworkVersions.spring = version;
  }

  const wrapper = packageManager === "maven" ? (reader.isFile(at("mvnw")) ? "./mvnw" : "mvn") : reader.isFile(at("gradlew")) ? "./gradlew" : "gradle";
  const configured = (pattern: RegExp) => pattern.test(buildText);
  const commands = noCommands();
  if (packageManager === "maven") {
    commands.install = `${wrapper} -q dependency:resolve`;
    commands.build = `${wrapper} -q package`;
    commands.test = `${wrapper} test`;
    commands.lint = configured(/spotless/) ? `${wrapper} spotless:check` : configured(/maven-checkstyle-plugin/) ? `${wrapper} checkstyle:check` : null;
    commands.lintFix = configured(/spotless/) ? `${wrapper} spotless:apply` : null;
    commands.coverage = configured(/jacoco/) ? `${wrapper} verify` : null;
    commands.depAudit = configured(/dependency-check/) ? `${wrapper} org.owasp:dependency-check-maven:check` : null;
  } else {
    commands.install = `${wrapper} dependencies`;
    commands.build = `${wrapper} build`;
    commands.test = `${wrapper} test`;
    commands.lint = configured(/spotless/) ? `${wrapper} spotlessCheck` : configured(/ktlint/) ? `${wrapper} ktlintCheck` : configured(/detekt/) ? `${wrapper} detekt` : null;
    commands.lintFix = configured(/spotless/) ? `${wrapper} spotlessApply` : configured(/ktlint/) ? `${wrapper} ktlintFormat` : null;
    commands.coverage = configured(/jacoco/) ? `${wrapper} jacocoTestReport` : null;
    commands.depAudit = configured(/dependency-check|dependencycheck/) ? `${wrapper} dependencyCheckAnalyze` : null;
  }
  const runtime = coordinates.filter((c) => c.scope !== "test" && c.scope !== "parent");
  const testScoped = coordinates.filter((c) => c.scope === "test" || /^(test|androidTest)/.test(c.scope ?? ""));
  return {
    id: "jvm",
    path: dir,
    languages,
    frameworks,
    packageManager,
    sourceDirs: reader.existingDirs(dir, ["src/main/java", "src/main/kotlin"]),
    testDirs: reader.existingDirs(dir, ["src/test/java", "src/test/kotlin"]),
    testFrameworks: has(/junit/) || reader.isDir(at("src/test")) ? ["junit"] : [],
    moduleType: null,
    commands,
    frameworkVersions,
    dependencies: packageManager === "maven" ? runtime.length : gradleCount(buildText, false),
    devDependencies: packageManager === "maven" ? testScoped.length : gradleCount(buildText, true),
  };
}

/** Dependencies declared in Gradle configurations (test ones apart). */
function gradleCount(text: string, test: boolean): number {
  let count = 0;
  for (const match of text.matchAll(/^\s*(\w+)\s*\(?\s*["'][\w.-]+:[\w.-]+/gm)) {
    const configuration = match[1]!;
    if (/^(implementation|api|compileOnly|runtimeOnly|kapt|ksp|annotationProcessor|testImplementation|testRuntimeOnly|testCompileOnly|androidTestImplementation)$/.test(configuration)) {
      if (/^(test|androidTest)/.test(configuration) === test) count++;
    }
  }
  return count;
}
