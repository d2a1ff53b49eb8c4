import { listAt, ProjectReader } from "./reader.ts";
import { noCommands, type Ecosystem } from "./types.ts";

/** Detects a .NET project in `dir`: a solution or C# project file. */
export function detectDotnet(reader: ProjectReader, dir: string): Ecosystem | null {
  const names = reader.list(dir);
  const projects = names.filter((name) => name.endsWith(".csproj"));
  const solution = names.find((name) => name.endsWith(".sln") || name.endsWith(".slnx"));
  if (projects.length === 0 && solution === undefined) return null;
  let packages = 0;
  let testPackages = 0;
  for (const project of projects) {
    const groups = listAt(reader.xml(ProjectReader.join(dir, project)), "Project", "ItemGroup");
    for (const reference of groups.flatMap((group) => listAt(group, "PackageReference"))) {
      const include = String((reference as Record<string, unknown>)["@_Include"] ?? "");
      if (/xunit|nunit|mstest|Microsoft\.NET\.Test\.Sdk|coverlet|Moq|NSubstitute/i.test(include)) testPackages++;
      else packages++;
    }
  }
  const commands = noCommands();
  commands.install = "dotnet restore";
  commands.build = "dotnet build";
  commands.lint = "dotnet format --verify-no-changes";
  commands.lintFix = "dotnet format";
  commands.format = "dotnet format --verify-no-changes";
  commands.test = "dotnet test";
  commands.coverage = 'dotnet test --collect:"XPlat Code Coverage"';
  commands.depAudit = "dotnet list package --vulnerable";
  return {
    id: "dotnet",
    path: dir,
    languages: ["csharp"],
    frameworks: [],
    packageManager: "nuget",
    sourceDirs: reader.existingDirs(dir, ["src"]),
    testDirs: reader.existingDirs(dir, ["tests", "test"]),
    testFrameworks: [],
    moduleType: null,
    commands,
    frameworkVersions: {},
    dependencies: packages,
    devDependencies: testPackages,
  };
}
