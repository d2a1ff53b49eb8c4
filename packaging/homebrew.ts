/** The Homebrew formula, generated from a release's checksums. */
import { sumOf } from "./checksums.ts";
import { archiveName, HOMEPAGE, releaseUrl, targetById } from "./targets.ts";

/** packaging/homebrew/trinity.rb for `version`: one archive per macOS and Linux platform, each with its SHA-256. */
export function homebrewFormula(version: string, description: string, sums: ReadonlyMap<string, string>): string {
  const archive = (id: string, indent: string) => {
    const name = archiveName(version, targetById(id));
    return [`${indent}url "${releaseUrl(version)}${name}"`, `${indent}sha256 "${sumOf(sums, name)}"`];
  };
  return [
    "# Homebrew formula for trinity: written by `npm run release` from the release's SHA256SUMS; do not edit.",
    "class Trinity < Formula",
    `  desc "${description.replace(/["\\#]/g, "\\$&")}"`,
    `  homepage "${HOMEPAGE}"`,
    `  version "${version}"`,
    "",
    "  on_macos do",
    "    on_arm do",
    ...archive("darwin-arm64", "      "),
    "    end",
    "    on_intel do",
    ...archive("darwin-x64", "      "),
    "    end",
    "  end",
    "",
    "  on_linux do",
    "    on_arm do",
    ...archive("linux-arm64", "      "),
    "    end",
    "    on_intel do",
    ...archive("linux-x64", "      "),
    "    end",
    "  end",
    "",
    "  def install",
    '    bin.install "trinity"',
    '    generate_completions_from_executable(bin/"trinity", "completions")',
    "  end",
    "",
    "  test do",
    '    assert_match "trinity #{version}", shell_output("#{bin}/trinity --version")',
    "  end",
    "end",
    "",
  ].join("\n");
}
