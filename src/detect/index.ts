import type { ReadableFileSystem } from "../fs/port.ts";
import { detectCiPlatform } from "./ci.ts";
import { detectDart } from "./dart.ts";
import { detectDeno } from "./deno.ts";
import { detectDotnet } from "./dotnet.ts";
import { detectGo } from "./go.ts";
import { detectJvm } from "./jvm.ts";
import { detectNode } from "./node.ts";
import { detectPhp } from "./php.ts";
import { detectPython } from "./python.ts";
import { ProjectReader, stringAt } from "./reader.ts";
import { detectRuby } from "./ruby.ts";
import { detectRust } from "./rust.ts";
import { detectSwift } from "./swift.ts";
import type { Detection, Ecosystem, EcosystemId } from "./types.ts";
import { declaredMembers, nestedProjects } from "./workspaces.ts";

type Detector = (reader: ProjectReader, dir: string, parent: Ecosystem | null) => Ecosystem | null;

/** The ecosystem detectors, in report order. Each looks at one directory and returns its facts or null. */
const DETECTORS: ReadonlyArray<{ id: EcosystemId; detect: Detector }> = [
  { id: "node", detect: detectNode },
  { id: "deno", detect: detectDeno },
  { id: "python", detect: detectPython },
  { id: "rust", detect: detectRust },
  { id: "go", detect: detectGo },
  { id: "dart", detect: detectDart },
  { id: "jvm", detect: detectJvm },
  { id: "ruby", detect: detectRuby },
  { id: "php", detect: detectPhp },
  { id: "dotnet", detect: detectDotnet },
  { id: "swift", detect: detectSwift },
];

/** The ecosystems this version detects. */
export const DETECTED_ECOSYSTEMS: readonly EcosystemId[] = DETECTORS.map((detector) => detector.id);

/**
 * Detects the project's stack: every ecosystem at the root, in every workspace member the root
 * declares, and in nested projects no workspace declares (manifests up to three levels down),
 * plus the CI platform from the git remotes. Root ecosystems come first, then the others by path.
 */
export function detectStack(fs: ReadableFileSystem): Detection {
  const reader = new ProjectReader(fs);
  const root = detectIn(reader, ".", []);
  const members = [...new Set([...declaredMembers(reader), ...nestedProjects(reader)])].sort();
  const ecosystems = [...root, ...members.flatMap((dir) => detectIn(reader, dir, root))];
  return {
    stack: { ecosystems, ciPlatform: detectCiPlatform(fs.root, reader) },
    projectName: projectName(reader),
    warnings: reader.warnings,
  };
}

function detectIn(reader: ProjectReader, dir: string, rootEcosystems: readonly Ecosystem[]): Ecosystem[] {
  const found: Ecosystem[] = [];
  for (const { id, detect } of DETECTORS) {
    const ecosystem = detect(reader, dir, rootEcosystems.find((e) => e.id === id) ?? null);
    if (ecosystem !== null) found.push(ecosystem);
  }
  return found;
}

/**
 * The main ecosystem: the one at the root, else the one with the most source files (by the
 * scan's per-directory sizes when known), else the first detected; null when nothing was detected.
 */
export function primaryEcosystem(
  ecosystems: readonly Ecosystem[],
  directorySizes: Readonly<Record<string, { files: number }>> = {},
): Ecosystem | null {
  const atRoot = ecosystems.find((e) => e.path === ".");
  if (atRoot) return atRoot;
  const size = (e: Ecosystem) => e.sourceDirs.reduce((sum, dir) => sum + (directorySizes[dir]?.files ?? 0), 0);
  return [...ecosystems].sort((a, b) => size(b) - size(a))[0] ?? null;
}

/** The name the root manifest declares, first match in this order. */
function projectName(reader: ProjectReader): string | null {
  const candidates = [
    () => (reader.isFile("package.json") ? stringAt(reader.json("package.json"), "name") : null),
    () => (reader.isFile("pyproject.toml") ? stringAt(reader.toml("pyproject.toml"), "project", "name") : null),
    () => (reader.isFile("pyproject.toml") ? stringAt(reader.toml("pyproject.toml"), "tool", "poetry", "name") : null),
    () => (reader.isFile("Cargo.toml") ? stringAt(reader.toml("Cargo.toml"), "package", "name") : null),
    () => (reader.isFile("pubspec.yaml") ? stringAt(reader.yaml("pubspec.yaml"), "name") : null),
    () => /^module\s+(\S+)/m.exec(reader.text("go.mod") ?? "")?.[1]?.split("/").pop() ?? null,
    () => (reader.isFile("composer.json") ? stringAt(reader.json("composer.json"), "name")?.split("/").pop() ?? null : null),
    () => (reader.isFile("pom.xml") ? stringAt(reader.xml("pom.xml"), "project", "artifactId") : null),
    () => (reader.isFile("deno.json") ? stringAt(reader.json("deno.json"), "name") : null),
  ];
  for (const candidate of candidates) {
    const name = candidate()?.trim();
    if (name) return name;
  }
  return null;
}
