/** The scoop manifest, generated from a release's checksums. */
import { sumOf } from "./checksums.ts";
import { archiveName, HOMEPAGE, RELEASES_URL, releaseUrl, targetById } from "./targets.ts";

/** packaging/scoop/trinity.json for `version`: the Windows archive with its SHA-256, and how scoop finds the next release. */
export function scoopManifest(version: string, description: string, sums: ReadonlyMap<string, string>): string {
  const windows = targetById("windows-x64");
  const name = archiveName(version, windows);
  const manifest = {
    "##": "Written by `npm run release` from the release's SHA256SUMS; do not edit.",
    version,
    description,
    homepage: HOMEPAGE,
    architecture: { "64bit": { url: `${releaseUrl(version)}${name}`, hash: sumOf(sums, name) } },
    bin: windows.executable,
    checkver: { github: HOMEPAGE },
    // scoop's own variables: $version is the new release's, $baseurl the directory of its url
    autoupdate: {
      architecture: { "64bit": { url: `${RELEASES_URL}/v$version/${archiveName("$version", windows)}` } },
      hash: { url: "$baseurl/SHA256SUMS" },
    },
  };
  return `${JSON.stringify(manifest, null, 4)}\n`;
}
