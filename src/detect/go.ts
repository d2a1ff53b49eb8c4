import { ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem } from "./types.ts";

const SOURCE_DIRS = ["cmd", "internal", "pkg", "api", "app"] as const;
const GOLANGCI_CONFIGS = [".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"];

/** Detects a Go module in `dir` (a directory with go.mod). */
export function detectGo(reader: ProjectReader, dir: string): Ecosystem | null {
  const manifestPath = ProjectReader.join(dir, "go.mod");
  if (!reader.isFile(manifestPath)) return null;
  const { direct, indirect } = goRequirements(reader.text(manifestPath) ?? "");
  const commands = noCommands();
  commands.install = "go mod download";
  commands.build = "go build ./...";
  commands.typecheck = "go vet ./...";
  const golangci = GOLANGCI_CONFIGS.some((name) => reader.isFile(ProjectReader.join(dir, name)));
  commands.lint = golangci ? "golangci-lint run" : null;
  commands.lintFix = golangci ? "golangci-lint run --fix" : null;
  commands.format = "gofmt -l .";
  commands.test = "go test ./...";
  commands.coverage = "go test -cover ./...";
  return {
    id: "go",
    path: dir,
    languages: ["go"],
    frameworks: [],
    packageManager: "go",
    sourceDirs: reader.existingDirs(dir, SOURCE_DIRS),
    testDirs: reader.existingDirs(dir, ["test"]),
    testFrameworks: ["go-test"],
    moduleType: null,
    commands,
    frameworkVersions: {},
    dependencies: direct,
    devDependencies: indirect,
  };
}

/** Counts `require` entries of go.mod, direct and `// indirect` ones apart. */
function goRequirements(text: string): { direct: number; indirect: number } {
  let direct = 0;
  let indirect = 0;
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    let entry: string | null = null;
    if (inBlock) {
      if (line === ")") inBlock = false;
      else if (line !== "" && !line.startsWith("//")) entry = line;
    } else if (line === "require (") {
      inBlock = true;
    } else if (line.startsWith("require ")) {
      entry = line.slice("require ".length);
    }
    if (entry === null) continue;
    if (entry.includes("// indirect")) indirect++;
    else direct++;
  }
  return { direct, indirect };
}
