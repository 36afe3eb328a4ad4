// A tiny YAML emitter for JSON-shaped data (Backstage entity files): block mappings and sequences, every string
// double-quoted. A double-quoted YAML scalar accepts JSON's string escapes, so JSON.stringify quotes safely; the
// few characters YAML may not hold literally are escaped too. Not a general YAML library, on purpose.
import "server-only";

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

/** Characters JSON leaves raw that YAML must escape: C1 controls, DEL, line/paragraph separators, BOM, non-characters. */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Keys written bare: plain ASCII words that no YAML version reads as anything but a string. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export function quoteYamlString(s: string): string {
  return JSON.stringify(s.replace(LONE_SURROGATE, "\ufffd")).replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) && !RESERVED_WORDS.test(k) ? k : quoteYamlString(k);
}

function isMapping(v: YamlValue): v is { readonly [key: string]: YamlValue | undefined } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value that fits on its key's line: scalars, and empty collections in flow style. */
function inline(v: YamlValue): string | null {
  if (typeof v === "string") return quoteYamlString(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error("YAML output cannot hold a non-finite number");
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length === 0 ? "[]" : null;
  return Object.values(v).every((x) => x === undefined) ? "{}" : null;
}

function lines(v: YamlValue, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(v)) {
    return (v as readonly YamlValue[]).flatMap((item) => {
      const one = inline(item);
      if (one !== null) return [`${pad}- ${one}`];
      // A nested block: its first line moves up onto the dash, the rest keep their indentation.
      const [first = "", ...rest] = lines(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  if (isMapping(v)) {
    return Object.entries(v).flatMap(([k, val]) => {
      if (val === undefined) return [];
      const one = inline(val);
      if (one !== null) return [`${pad}${key(k)}: ${one}`];
      return [`${pad}${key(k)}:`, ...lines(val, indent + 2)];
    });
  }
  return [`${pad}${inline(v) ?? ""}`];
}

/** One YAML document per value, separated by `---`. */
export function toYaml(documents: readonly YamlValue[]): string {
  return documents.map((d, i) => (i === 0 ? "" : "---\n") + lines(d, 0).join("\n") + "\n").join("");
}
