// A JSON Schema as a readable tree: property names, types, required marks and descriptions. References to
// components open on demand (<details>), so recursive and large schemas stay small on screen.
import type { JsonSchema } from "@/lib/query/openapi";

type Schemas = Record<string, JsonSchema>;

const REF = "#/components/schemas/";
const obj = (v: unknown): JsonSchema | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined);
const arr = (v: unknown): JsonSchema[] => (Array.isArray(v) ? v.flatMap((x) => (obj(x) ? [x as JsonSchema] : [])) : []);

/** A one-line type: "string", "Workload", "number | Range", "array of Plan", an enum's values. */
export function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return "any";
  if (typeof s.$ref === "string") return s.$ref.startsWith(REF) ? s.$ref.slice(REF.length) : s.$ref;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = arr(s.anyOf).length > 0 ? arr(s.anyOf) : arr(s.oneOf);
  if (union.length > 0) return union.map(typeLabel).join(" | ");
  if (s.type === "array") return `array of ${typeLabel(obj(s.items))}`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (typeof s.type === "string") return s.type + (typeof s.format === "string" ? ` (${s.format})` : "");
  return "object";
}

function constraints(s: JsonSchema): string {
  const parts: string[] = [];
  for (const [k, label] of [
    ["minimum", "≥"],
    ["exclusiveMinimum", ">"],
    ["maximum", "≤"],
    ["exclusiveMaximum", "<"],
    ["minLength", "min length"],
    ["maxLength", "max length"],
    ["minItems", "min items"],
    ["maxItems", "max items"],
  ] as const) {
    if (typeof s[k] === "number") parts.push(`${label} ${String(s[k])}`);
  }
  if (typeof s.pattern === "string") parts.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

export function SchemaView({
  schema,
  schemas,
  depth = 0,
  seen = [],
}: {
  schema: JsonSchema | undefined;
  schemas: Schemas;
  depth?: number;
  seen?: readonly string[];
}) {
  if (!schema) return <p className="muted small">No schema.</p>;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith(REF)) {
    const name = schema.$ref.slice(REF.length);
    const target = schemas[name];
    if (!target || seen.includes(name) || depth > 6) return <code className="type">{name}</code>;
    return (
      <details open={depth === 0}>
        <summary>
          <code className="type">{name}</code>
          {typeof target.description === "string" ? <span className="muted small"> — {target.description}</span> : null}
        </summary>
        <SchemaView schema={target} schemas={schemas} depth={depth + 1} seen={[...seen, name]} />
      </details>
    );
  }
  const props = obj(schema.properties);
  if (props) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    return (
      <ul className="schema">
        {Object.entries(props).map(([name, raw]) => {
          const p = obj(raw) ?? {};
          const nested =
            (typeof p.$ref === "string" ||
              obj(p.properties) ||
              (p.type === "array" && obj(p.items) && (obj(p.items)?.$ref || obj(obj(p.items)?.properties)))) &&
            depth < 6;
          const c = constraints(p);
          return (
            <li key={name}>
              <strong>{name}</strong>
              {required.has(name) ? <span className="req">*</span> : null}: <span className="type">{typeLabel(p)}</span>
              {c ? <span className="muted"> ({c})</span> : null}
              {typeof p.description === "string" ? <span className="muted"> — {p.description}</span> : null}
              {nested && typeof p.$ref !== "string" ? (
                <SchemaView schema={p.type === "array" ? obj(p.items) : p} schemas={schemas} depth={depth + 1} seen={seen} />
              ) : null}
              {nested && typeof p.$ref === "string" ? <SchemaView schema={p} schemas={schemas} depth={depth + 1} seen={seen} /> : null}
            </li>
          );
        })}
      </ul>
    );
  }
  if (schema.type === "array") {
    return (
      <div className="schema">
        <span className="muted">array of</span> <SchemaView schema={obj(schema.items)} schemas={schemas} depth={depth + 1} seen={seen} />
      </div>
    );
  }
  const union = arr(schema.anyOf).length > 0 ? arr(schema.anyOf) : arr(schema.oneOf);
  if (union.length > 0) {
    return (
      <ul className="schema">
        {union.map((u, i) => (
          <li key={i}>
            <span className="muted">one of:</span> <SchemaView schema={u} schemas={schemas} depth={depth + 1} seen={seen} />
          </li>
        ))}
      </ul>
    );
  }
  return <code className="type">{typeLabel(schema)}</code>;
}
