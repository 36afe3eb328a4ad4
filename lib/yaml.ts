// The portal's YAML files (Backstage's catalog-info.yaml, an exported project's Pulumi.yaml and stack config), written
// by the `yaml` library from JSON-shaped data. Written to be read the same by every parser its readers use —
// Backstage (the `yaml` library, YAML 1.2), Pulumi (Go), js-yaml, and YAML 1.1 parsers such as PyYAML: every string
// is double-quoted, so none is read as a number, a boolean, null or a date.
import { Document, isScalar, visit, type ToStringOptions } from "yaml";

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

const OPTIONS: ToStringOptions = {
  defaultStringType: "QUOTE_DOUBLE",
  // Keys are left plain where safe (below); the rest are quoted like every other string.
  defaultKeyType: "PLAIN",
  // One line per value: no folding of long strings.
  lineWidth: 0,
};

/** Keys written plain: ASCII words with `_ . / -`, and `:` inside (Pulumi's `aws:region`), that no YAML version reads as anything but a string. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*(?::[A-Za-z0-9_./-]+)*$/;
const YAML_11_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/**
 * Characters the library leaves raw in a double-quoted string that YAML wants escaped: the ones YAML 1.2 does not
 * count as printable (DEL, C1 controls, U+FFFE, U+FFFF), the ones YAML 1.1 reads as line breaks (NEL, U+2028,
 * U+2029), and a BOM. Every string is double-quoted and plain keys are ASCII, so these stand only inside quotes,
 * where a `\uXXXX` escape means the same character.
 */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
/** UTF-8 cannot carry a lone surrogate: it becomes U+FFFD, as an encoder would make it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function toDocument(value: YamlValue): Document {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "number" && !Number.isFinite(node.value)) throw new Error("YAML output cannot hold a non-finite number");
      if (typeof node.value === "string") node.value = node.value.replace(LONE_SURROGATE, "\ufffd");
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && (!PLAIN_KEY.test(pair.key.value) || YAML_11_WORDS.test(pair.key.value)))
        pair.key.type = "QUOTE_DOUBLE";
    },
  });
  return doc;
}

/** One YAML document per value, separated by `---` (properties that are undefined are left out, as JSON does). */
export function toYaml(...documents: readonly YamlValue[]): string {
  return documents
    .map((value) =>
      toDocument(value)
        .toString(OPTIONS)
        .replace(RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    )
    .join("---\n");
}
