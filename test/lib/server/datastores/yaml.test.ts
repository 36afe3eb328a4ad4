import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { quoteYamlString, toYaml } from "@/lib/server/datastores/yaml";

const yaml = createRequire(import.meta.url)("js-yaml") as { load: (text: string) => unknown; loadAll: (text: string) => unknown[] };

describe("the YAML emitter", () => {
  it("writes block mappings and sequences with every string double-quoted", () => {
    const text = toYaml([{ apiVersion: "backstage.io/v1alpha1", metadata: { name: "a", tags: ["x", "y"], links: [{ url: "https://e.test", title: "T" }], empty: [], none: {} }, count: 1.5, n: "quoted key", skip: undefined }]);
    expect(text).toBe(
      [
        'apiVersion: "backstage.io/v1alpha1"',
        "metadata:",
        '  name: "a"',
        "  tags:",
        '    - "x"',
        '    - "y"',
        "  links:",
        '    - url: "https://e.test"',
        '      title: "T"',
        "  empty: []",
        "  none: {}",
        "count: 1.5",
        '"n": "quoted key"',
        "",
      ].join("\n"),
    );
  });

  it("separates documents with ---", () => {
    expect(yaml.loadAll(toYaml([{ a: "1" }, { b: "2" }]))).toEqual([{ a: "1" }, { b: "2" }]);
  });

  it.each([
    ["yes"], ["no"], ["null"], ["~"], ["true"], ["0x1F"], ["1e3"], ["- item"], ["key: value"], ["# comment"], ["&anchor"], ["*alias"], ["!tag"],
    ["{flow}"], ["[1, 2]"], ["multi\nline\n"], ["tab\there"], ["quote \" and backslash \\"], ["---"], ["..."], ["%YAML"], ["@at"], ["`tick`"],
    ["nel\u0085"], ["line sep\u2028"], ["bom\ufeff"], ["del\u007f"], ["nul\u0000"], ["emoji 🐘"], ["lone \ud800 surrogate"], [" leading and trailing "], [""],
  ])("round-trips the string %j through a real YAML parser", (s) => {
    const expected = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, "\ufffd");
    expect(yaml.load(toYaml([{ v: s, list: [s], [s === "" ? "k" : s]: s }]))).toEqual({ v: expected, list: [expected], [s === "" ? "k" : expected]: expected });
  });

  it("quotes keys that YAML would read as something else", () => {
    expect(yaml.load(toYaml([{ yes: "1", "a: b": "2", "datastore-portal.io/id": "3" }]))).toEqual({ yes: "1", "a: b": "2", "datastore-portal.io/id": "3" });
    expect(quoteYamlString("a\u2028b")).toBe('"a\\u2028b"');
  });

  it("keeps numbers, booleans and null as such, and refuses non-finite numbers", () => {
    expect(yaml.load(toYaml([{ a: 0, b: -1.25, c: 1e21, d: true, e: null, f: [[1, 2], [{ g: "h" }]] }]))).toEqual({ a: 0, b: -1.25, c: 1e21, d: true, e: null, f: [[1, 2], [{ g: "h" }]] });
    expect(() => toYaml([{ a: Number.NaN }])).toThrow(/non-finite/);
  });
});
