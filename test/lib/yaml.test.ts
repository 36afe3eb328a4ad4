// The portal's YAML (catalog-info.yaml, an exported project's Pulumi.yaml and stack config), read back by real
// parsers: js-yaml (a pinned dev dependency, untyped) and the `yaml` library, which Backstage reads its catalog with.
import { createRequire } from "node:module";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { toYaml } from "@/lib/yaml";

const yaml = createRequire(import.meta.url)("js-yaml") as { load: (text: string) => unknown; loadAll: (text: string) => unknown[] };

/** Both parsers read `text` as `expected`. */
function readsBackAs(text: string, expected: unknown) {
  expect(yaml.load(text)).toEqual(expected);
  expect(parseYaml(text)).toEqual(expected);
}

describe("the portal's YAML", () => {
  it("writes block mappings and sequences with every string double-quoted", () => {
    const text = toYaml({
      apiVersion: "backstage.io/v1alpha1",
      metadata: { name: "a", tags: ["x", "y"], links: [{ url: "https://e.test", title: "T" }], empty: [], none: {} },
      count: 1.5,
      n: "quoted key",
      skip: undefined,
    });
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
    const text = toYaml({ a: "1" }, { b: "2" });
    expect(yaml.loadAll(text)).toEqual([{ a: "1" }, { b: "2" }]);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual([{ a: "1" }, { b: "2" }]);
  });

  it.each([
    ["yes"],
    ["no"],
    ["null"],
    ["~"],
    ["true"],
    ["0x1F"],
    ["1e3"],
    ["- item"],
    ["key: value"],
    ["# comment"],
    ["&anchor"],
    ["*alias"],
    ["!tag"],
    ["{flow}"],
    ["[1, 2]"],
    ["multi\nline\n"],
    ["tab\there"],
    ['quote " and backslash \\'],
    ["---"],
    ["..."],
    ["%YAML"],
    ["@at"],
    ["`tick`"],
    ["nel\u0085"],
    ["line sep\u2028"],
    ["bom\ufeff"],
    ["del\u007f"],
    ["nul\u0000"],
    ["emoji 🐘"],
    ["lone \ud800 surrogate"],
    [" leading and trailing "],
    [""],
  ])("round-trips the string %j through a real YAML parser", (s) => {
    const expected = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, "\ufffd");
    expect(yaml.load(toYaml({ v: s, list: [s], [s === "" ? "k" : s]: s }))).toEqual({ v: expected, list: [expected], [s === "" ? "k" : expected]: expected });
  });

  it("quotes keys that YAML would read as something else", () => {
    expect(yaml.load(toYaml({ yes: "1", "a: b": "2", "datastore-portal.io/id": "3" }))).toEqual({ yes: "1", "a: b": "2", "datastore-portal.io/id": "3" });
    expect(toYaml({ v: "a\u2028b" })).toBe('v: "a\\u2028b"\n');
  });

  it("keeps numbers, booleans and null as such, and refuses non-finite numbers", () => {
    expect(yaml.load(toYaml({ a: 0, b: -1.25, c: 1e21, d: true, e: null, f: [[1, 2], [{ g: "h" }]] }))).toEqual({
      a: 0,
      b: -1.25,
      c: 1e21,
      d: true,
      e: null,
      f: [[1, 2], [{ g: "h" }]],
    });
    expect(() => toYaml({ a: Number.NaN })).toThrow(/non-finite/);
  });

  it("writes a stack config js-yaml reads back unchanged, Pulumi's namespaced keys plain", () => {
    const doc = {
      "aws:region": "us-east-1",
      "datastore:spec": {
        plain: "text",
        tricky: ["true", "null", "012", "1e3", "a: b", "- x", "#hash", "quote \" and 'single'", "line\nbreak", "ünïcödé", ""],
        numbers: [0, 1.5, -3],
        flags: [true, false],
        nothing: null,
        empty: { list: [], object: {} },
        nested: [{ a: 1, b: [{ c: "d" }] }, [1, 2]],
        "key with spaces": 1,
        skipped: undefined,
      },
    };
    const text = toYaml(doc);
    expect(yaml.load(text)).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(text).toMatch(/^aws:region: "us-east-1"$/m);
    expect(text).toMatch(/^datastore:spec:$/m);
  });

  // The exported project's writer (infra/export/yaml.ts) wrote these keys plain: the `yaml` library (Backstage's
  // parser) read `null:` as an empty key, js-yaml read `True:` as a boolean, YAML 1.1 readers read `yes:`/`on:` as
  // booleans; and a date-like, octal-like or merge key is read as a date, a number or a merge by one parser or another.
  it.each([
    ["null"],
    ["Null"],
    ["NULL"],
    ["True"],
    ["FALSE"],
    ["yes"],
    ["on"],
    ["Off"],
    ["y"],
    ["~"],
    ["2001-12-14"],
    ["0o17"],
    ["012"],
    ["1_000"],
    [".inf"],
    ["<<"],
    ["="],
  ])("keeps the key %j a string for every parser", (k) => {
    readsBackAs(toYaml({ [k]: "v", nested: { [k]: [k] } }), { [k]: "v", nested: { [k]: [k] } });
  });

  // The `yaml` library writes these raw inside double quotes; YAML 1.2 does not count U+FFFE/U+FFFF, DEL or C1
  // controls as printable (js-yaml refuses the file), and YAML 1.1 reads NEL, U+2028 and U+2029 as line breaks.
  it("escapes the characters YAML does not hold literally, in values and in keys", () => {
    const strings = ["non-character \ufffe and \uffff", "del\u007f c1\u0080\u009f", "nel\u0085 ls\u2028 ps\u2029 bom\ufeff"];
    for (const s of strings) {
      const text = toYaml({ v: s, [s]: [s] });
      expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
      readsBackAs(text, { v: s, [s]: [s] });
    }
  });

  it("writes an object met twice in full both times, without anchors and aliases", () => {
    const shared = { subnet: "subnet-1", zones: ["a", "b"] };
    const text = toYaml({ first: shared, second: shared });
    expect(text).not.toMatch(/[&*]a\d/);
    readsBackAs(text, { first: shared, second: shared });
  });

  it("keeps a long string on one line", () => {
    const long = `${"word ".repeat(60)}end`;
    expect(toYaml({ description: long })).toBe(`description: ${JSON.stringify(long)}\n`);
  });
});
