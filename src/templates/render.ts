import { Eta } from "eta/core";
import { TrinityError } from "../errors.ts";
import type { RenderContext } from "./context.ts";
import type { TemplateSource } from "./source.ts";
import { findUnrendered } from "./unrendered.ts";

/** Renders templates of one source with eta. `include("partials/x")` resolves within the same source. */
export class Renderer {
  private readonly eta: Eta;

  constructor(private readonly source: TemplateSource) {
    this.eta = new Eta({
      autoEscape: false,
      autoTrim: false,
      cache: true,
      useWith: false,
      varName: "it",
      plugins: [{ processTemplate: controlLinesVanish }],
    });
    this.eta.resolvePath = (name: string) => (name.endsWith(".eta") ? name : `${name}.eta`);
    this.eta.readFile = (path: string) => {
      const text = this.source.files.get(path);
      if (text === undefined) {
        throw new TrinityError("template", `${path}: template not found in ${this.source.origin} templates`);
      }
      return text;
    };
  }

  has(template: string): boolean {
    return this.source.files.has(template);
  }

  /**
   * Renders one template. Fails when the output still contains template syntax or values that
   * were never filled in (METHODOLOGY.md §5 rule 6), so a broken template can never reach a project.
   */
  render(template: string, context: RenderContext, options: { checkUnrendered?: boolean } = {}): string {
    let output: string;
    try {
      output = this.eta.render(template, context);
    } catch (error) {
      if (error instanceof TrinityError) throw error;
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new TrinityError("template", `${template}: cannot render the template: ${message}`, {
        hint: this.source.origin === "embedded" ? "This is a bug in trinity; please report it." : "Fix the template.",
        cause: error,
      });
    }
    if (options.checkUnrendered !== false) {
      const problem = findUnrendered(output)[0];
      if (problem !== undefined) {
        throw new TrinityError("template", `${template}: rendered output line ${problem.line} contains ${problem.what}`, {
          hint: this.source.origin === "embedded" ? "This is a bug in trinity; please report it." : "Fix the template.",
        });
      }
    }
    return output;
  }
}

/** A line holding one control tag (`<% … %>`, not `<%=`/`<%~`), with its indentation and line break. */
const CONTROL_LINE = /^[ \t]*(<%[-_]?)(?![=~])((?:[^%\n]|%(?!>))*?)([-_]?%>)[ \t]*(?=\r?\n)/gm;

/**
 * Makes a line that holds only control code (`<% if (x) { %>`) disappear from the output, with its
 * indentation and line break, while `<%= value %>` at the end of a line keeps its line break.
 * Templates then read like the Markdown they produce.
 */
function controlLinesVanish(template: string): string {
  return template.replace(CONTROL_LINE, (_line, open: string, code: string, close: string) => `${open}${code}${close === "%>" ? "-%>" : close}`);
}
