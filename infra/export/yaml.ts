// A small block-style YAML writer for the exported project's Pulumi.yaml and stack config. Strings are written
// as JSON strings (valid YAML double-quoted scalars), so no value can be misread as a number, a boolean or null;
// js-yaml is only a development dependency of the portal.

function isBlock(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).some((v) => v !== undefined));
}

function scalar(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (value === null) return "null";
  if (typeof value === "object") return "{}";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  throw new Error(`cannot write a ${typeof value} as YAML`);
}

/** Keys such as `aws:region` or `datastore:spec` stay plain, as Pulumi writes them; anything else is quoted. */
function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.:/-]*$/.test(k) && !/:$/.test(k) ? k : JSON.stringify(k);
}

function lines(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isBlock(item)) return [`${pad}- ${scalar(item)}`];
      const inner = lines(item, indent + 2);
      inner[0] = `${pad}- ${(inner[0] ?? "").slice(indent + 2)}`;
      return inner;
    });
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (isBlock(v) ? [`${pad}${key(k)}:`, ...lines(v, indent + 2)] : [`${pad}${key(k)}: ${scalar(v)}`]));
}

/** A YAML document of a JSON-like object (undefined properties are left out, like JSON.stringify does). */
export function toYaml(document: Readonly<Record<string, unknown>>): string {
  return `${lines(document, 0).join("\n")}\n`;
}
