// Every string a client can send — each request body and query parameter of the API, as the OpenAPI document
// (generated from lib/schemas) describes it — has a bounded length: a maximum, a fixed set of values, or a pattern
// that cannot grow. (A 100,000-character threshold description used to be stored as it was.)
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

type JsonSchema = Record<string, unknown>;

/** A pattern bounds the length when it is anchored and repeats nothing without an upper limit. */
function patternBounds(pattern: unknown): boolean {
  return typeof pattern === "string" && pattern.startsWith("^") && pattern.endsWith("$") && !/(?<!\\)[*+]|\{\d+,\}/.test(pattern);
}

function unboundedStrings(doc: ReturnType<typeof openApiDocument>): string[] {
  const components = ((doc as { components?: { schemas?: Record<string, JsonSchema> } }).components?.schemas ?? {}) as Record<string, JsonSchema>;
  const found: string[] = [];
  const walk = (raw: unknown, where: string, seen: Set<unknown>) => {
    const ref = (raw as { $ref?: string } | undefined)?.$ref;
    const schema = (ref ? components[ref.split("/").pop() ?? ""] : raw) as JsonSchema | undefined;
    if (!schema || typeof schema !== "object" || seen.has(schema)) return;
    seen.add(schema);
    if (schema.type === "string" && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined && !patternBounds(schema.pattern))
      found.push(where);
    for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) walk(child, `${where}.${name}`, seen);
    for (const key of ["anyOf", "oneOf", "allOf"]) for (const child of (schema[key] ?? []) as unknown[]) walk(child, where, seen);
    if (schema.items) walk(schema.items, `${where}[]`, seen);
    if (typeof schema.additionalProperties === "object") walk(schema.additionalProperties, `${where}.*`, seen);
    if (schema.propertyNames) walk(schema.propertyNames, `${where} (keys)`, seen);
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(
      item as Record<
        string,
        { requestBody?: { content?: Record<string, { schema?: unknown }> }; parameters?: { in: string; name: string; schema?: unknown }[] }
      >,
    )) {
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {}))
        walk(content.schema, `${method.toUpperCase()} ${path} ${type} body`, new Set());
      for (const p of op.parameters ?? []) if (p.in === "query") walk(p.schema, `${method.toUpperCase()} ${path} ?${p.name}`, new Set());
    }
  }
  return found;
}

describe("input strings", () => {
  it("finds the request bodies and query parameters to check", () => {
    const doc = openApiDocument();
    const bodies = Object.values(doc.paths)
      .flatMap((item) => Object.values(item as Record<string, { requestBody?: unknown }>))
      .filter((op) => op.requestBody);
    expect(bodies.length).toBeGreaterThan(15);
  });

  it("are all bounded in length", () => {
    expect(unboundedStrings(openApiDocument())).toEqual([]);
  });
});
