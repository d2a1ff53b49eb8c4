import { deploy, type DeployRequest, type DeployResult } from "../../src/commands/deploy.ts";
import type { FileSystem } from "../../src/fs/port.ts";
import { embeddedTemplates } from "../../src/templates/source.ts";
import type { TemplateSource } from "../../src/templates/source.ts";

export const FIXED_NOW = new Date("2026-03-04T05:06:07.000Z");
const templates = embeddedTemplates();
let runs = 0;

/** Runs the deploy API non-interactively with a fixed clock, no git and no live lock holders. */
export function deployWith(fs: FileSystem, request: Partial<DeployRequest> = {}, extra: { templates?: TemplateSource; isCancelled?: () => boolean; runId?: string } = {}): Promise<DeployResult> {
  return deploy(
    { dryRun: false, force: false, skipAudit: false, ciDeploy: false, ...request },
    {
      fs,
      templates: extra.templates ?? templates,
      version: "9.9.9",
      now: () => FIXED_NOW,
      git: false,
      isAlive: () => false,
      newRunId: () => extra.runId ?? `20260304T050607Z-test${++runs}`,
      isCancelled: extra.isCancelled,
    },
  );
}
