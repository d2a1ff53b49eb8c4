import { describe, expect, test } from "bun:test";
import { Renderer } from "./render.ts";
import type { RenderContext } from "./context.ts";
import { findUnrendered } from "./unrendered.ts";

const renderer = (files: Record<string, string>) => new Renderer({ origin: "test", files: new Map(Object.entries(files)) });
const context = (data: Record<string, unknown>) => data as unknown as RenderContext;

describe("Renderer", () => {
  test("a line holding only a control tag disappears with its line break", () => {
    const template = "A\n<% if (it.x) { %>\nB\n  <% if (it.y) { %>\nC\n  <% } else { %>\nD\n  <% } %>\n<% } %>\nE <%= it.x %>\nF\n";
    const r = renderer({ "t.eta": template });
    expect(r.render("t.eta", context({ x: true, y: false }))).toBe("A\nB\nD\nE true\nF\n");
    expect(r.render("t.eta", context({ x: false, y: false }))).toBe("A\nE false\nF\n");
  });

  test("includes partials from the same template source", () => {
    const r = renderer({ "t.eta": "<%~ include('partials/p', { n: 2 }) %>\n", "partials/p.eta": "n=<%= it.n %>" });
    expect(r.render("t.eta", context({}))).toBe("n=2\n");
  });

  test("fails with the template name when a value renders as undefined", () => {
    const r = renderer({ "t.eta": "x\nvalue: <%= it.missing %>\n" });
    expect(() => r.render("t.eta", context({}))).toThrow("t.eta: rendered output line 2 contains `undefined`");
  });

  test("fails with the template name on a syntax error", () => {
    const r = renderer({ "t.eta": "<% if ( %>" });
    expect(() => r.render("t.eta", context({}))).toThrow("t.eta: cannot render the template");
  });

  test("reports a missing template", () => {
    expect(() => renderer({}).render("nope.eta", context({}))).toThrow("nope.eta: template not found");
  });
});

describe("findUnrendered()", () => {
  test("accepts plain Markdown, code spans with null, JSON fences and shell variables in shell fences", () => {
    const text = 'Use `null` here.\n```json\n{"a": null}\n```\n```bash\necho "${HOME}"\n```\n';
    expect(findUnrendered(text)).toEqual([]);
  });

  test.each([
    ["<% x %>", "eta tag"],
    ["{{ name }}", "{{…}}"],
    ["path ${dir}/x", "${…}"],
    ["value undefined", "undefined"],
    ["NaN files", "NaN"],
    ["[object Object]", "[object Object]"],
    ["the value is null", "bare `null`"],
  ])("flags %j", (text, what) => {
    expect(findUnrendered(text)[0]?.what).toContain(what);
  });
});
