import { detectStack } from "../detect/index.ts";
import type { Detection } from "../detect/types.ts";
import type { ReadableFileSystem } from "../fs/port.ts";
import type { DeployOptions, Manifest } from "../manifest/schema.ts";
import { startScan, type Metrics } from "../metrics/scan.ts";
import { renderDesired, type Desired } from "../plan/desired.ts";
import { buildContext } from "../templates/context.ts";
import { Renderer } from "../templates/render.ts";
import type { TemplateSource } from "../templates/source.ts";
import { withTooling } from "../tooling/commands.ts";
import { toolingLayout } from "../tooling/layout.ts";
import type { Tooling } from "../tooling/tools.ts";

/** What rendering a project needs: its options and the outside world. */
export interface RenderRequest {
  fs: ReadableFileSystem;
  options: DeployOptions;
  /** The first deploy date, YYYY-MM-DD. */
  deployDate: string;
  /** The deployment on record, whose files the scan leaves out. */
  previous: Manifest | null;
  templates: TemplateSource;
  version: string;
  today: string;
  git: boolean;
  onScanProgress?: (done: number, total: number) => void;
  /** Render with these metrics instead of scanning (status compares against the recorded ones). */
  metrics?: Metrics | null;
  /** Detection already made for this project (deploy asks its questions in between). */
  detection?: Detection;
}

export interface Rendered {
  detection: Detection;
  metrics: Metrics | null;
  desired: Desired[];
  /** What the user should know about the linting and CI setup (tools left alone, install commands). */
  notes: string[];
}

/** Detects, scans and renders the catalogue: the desired state of the project (deploy, update, status, diff). */
export async function renderProject(request: RenderRequest): Promise<Rendered> {
  const managed = new Set((request.previous?.files ?? []).map((record) => record.path));
  // git lists the files to scan while the stack is detected and the tooling laid out.
  const scan =
    request.metrics === undefined && !request.options.skipAudit
      ? startScan(request.fs, { managed, today: request.today, git: request.git, onProgress: request.onScanProgress })
      : null;
  const detection = request.detection ?? detectStack(request.fs);
  const tooling: Tooling = { lint: request.options.lint ?? [], ci: request.options.ci ?? null };
  const layout = toolingLayout(request.fs, detection.stack.ecosystems, tooling, managed);
  // Render with the stack as it will be once the chosen tools are set up, so deploy and the next update agree.
  const stack = withTooling(detection.stack, tooling.lint, layout);
  const metrics = scan !== null ? await scan.finish(stack) : (request.metrics ?? null);
  const context = buildContext({
    projectName: request.options.projectName,
    version: request.version,
    deployDate: request.deployDate,
    commandFormat: request.options.commandFormat,
    gitignore: request.options.gitignore,
    coverageThreshold: 80,
    stack,
    metrics,
    ciChosen: tooling.ci !== null,
    tooling,
    layout,
  });
  return { detection, metrics, desired: renderDesired(new Renderer(request.templates), context), notes: layout.notes };
}
