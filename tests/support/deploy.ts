import { deploy, type DeployRequest, type DeployResult } from "../../src/commands/deploy.ts";
import type { FileSystem } from "../../src/fs/port.ts";
import { embeddedTemplates } from "../../src/templates/source.ts";
import type { TemplateSource } from "../../src/templates/source.ts";
import { update, type UpdateRequest, type UpdateResult } from "../../src/commands/update.ts";

export const FIXED_NOW = new Date("2026-03-04T05:06:07.000Z");
const templates = embeddedTemplates();
let runs = 0;

/** What both commands need in tests: the filesystem, a fixed clock, no git, no live lock holders, deterministic run ids. */
function testDeps(fs: FileSystem, extra: { templates?: TemplateSource; runId?: string }, prefix: string) {
  return {
    fs,
    templates: extra.templates ?? templates,
    version: "9.9.9",
    now: () => FIXED_NOW,
    git: false,
    isAlive: () => false,
    newRunId: () => extra.runId ?? `20260304T050607Z-${prefix}${++runs}`,
  };
}

/** Runs the deploy API non-interactively with a fixed clock, no git and no live lock holders. */
export function deployWith(fs: FileSystem, request: Partial<DeployRequest> = {}, extra: { templates?: TemplateSource; isCancelled?: () => boolean; runId?: string } = {}): Promise<DeployResult> {
  return deploy({ dryRun: false, force: false, skipAudit: false, ciDeploy: false, ...request }, { ...testDeps(fs, extra, "test"), isCancelled: extra.isCancelled });
}

/** Runs the update API like deployWith. */
export function updateWith(fs: FileSystem, request: Partial<UpdateRequest> = {}, extra: { templates?: TemplateSource; runId?: string } = {}): Promise<UpdateResult> {
  return update({ dryRun: false, force: false, conflict: "inline", skipAudit: false, ...request }, testDeps(fs, extra, "update"));
}

/** The embedded templates with some files replaced: a "new version" of trinity for update tests. */
export function changedTemplates(changes: Record<string, (text: string) => string>): TemplateSource {
  const files = new Map(templates.files);
  for (const [path, change] of Object.entries(changes)) files.set(path, change(files.get(path) ?? ""));
  return { origin: "changed", files };
}
