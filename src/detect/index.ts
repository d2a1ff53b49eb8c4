import type { ReadableFileSystem } from "../fs/port.ts";
import { detectCiPlatform } from "./ci.ts";
import { detectDart } from "./dart.ts";
import { detectGo } from "./go.ts";
import { detectNode } from "./node.ts";
import { detectPython } from "./python.ts";
import { ProjectReader, stringAt } from "./reader.ts";
import { detectRust } from "./rust.ts";
import type { Detection, Ecosystem, EcosystemId } from "./types.ts";

/** The ecosystem detectors, in report order. Each looks at one directory and returns its facts or null. */
const DETECTORS: ReadonlyArray<{ id: EcosystemId; detect: (reader: ProjectReader, dir: string) => Ecosystem | null }> = [
  { id: "node", detect: detectNode },
  { id: "python", detect: detectPython },
  { id: "rust", detect: detectRust },
  { id: "go", detect: detectGo },
  { id: "dart", detect: detectDart },
];

/** The ecosystems this version detects. */
export const DETECTED_ECOSYSTEMS: readonly EcosystemId[] = DETECTORS.map((detector) => detector.id);

/** Detects the project's stack: every ecosystem present at the root, and the CI platform. */
export function detectStack(fs: ReadableFileSystem): Detection {
  const reader = new ProjectReader(fs);
  const ecosystems = DETECTORS.map(({ detect }) => detect(reader, ".")).filter((e): e is Ecosystem => e !== null);
  return {
    stack: { ecosystems, ciPlatform: detectCiPlatform(reader) },
    projectName: projectName(reader),
    warnings: reader.warnings,
  };
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
  ];
  for (const candidate of candidates) {
    const name = candidate()?.trim();
    if (name) return name;
  }
  return null;
}

/** The main ecosystem: the one at the root, else the first detected; null when nothing was detected. */
export function primaryEcosystem(ecosystems: readonly Ecosystem[]): Ecosystem | null {
  return ecosystems.find((e) => e.path === ".") ?? ecosystems[0] ?? null;
}
