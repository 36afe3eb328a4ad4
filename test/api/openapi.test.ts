import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { ERROR_STATUS } from "@/lib/errors";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { BASE, expectJson } from "./support";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

async function fetchDocument(): Promise<Json> {
  const doc = await expectJson(await GET(new Request(`${BASE}/api/v1/openapi.json`)));
  if (!isObject(doc)) throw new Error("the document is not an object");
  return doc;
}

/** Resolves a local JSON pointer ("#/components/schemas/Plan"), or undefined. */
function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

const OPERATION_KEYS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  const paths = doc.paths;
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item) ? Object.entries(item).flatMap(([method, op]) => (OPERATION_KEYS.includes(method) && isObject(op) ? [{ path, method, op }] : [])) : [],
  );
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1.0 document with info and paths", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths as Json).length).toBeGreaterThan(0);
  });

  it("resolves every $ref inside the document, and has no $schema/$id left in components", async () => {
    const doc = await fetchDocument();
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
    const schemas = (doc.components as Json).schemas as Json;
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema, name).not.toHaveProperty("$schema");
      expect(schema, name).not.toHaveProperty("$id");
    }
  });

  it("names the shared contracts as components", async () => {
    const schemas = ((await fetchDocument()).components as Json).schemas as Json;
    for (const name of ["Workload", "PlanRequest", "PlanResult", "RecommendationResult", "Problem", "InstanceList", "CatalogInstance", "Range"]) {
      expect(schemas, name).toHaveProperty(name);
    }
    // Requests are documented as clients send them: defaulted fields are optional, unknown fields refused.
    const workload = schemas.Workload as Json;
    expect(workload.required).toEqual(expect.arrayContaining(["name", "tier", "regions"]));
    expect(workload.required).not.toContain("horizonMonths");
    expect(workload.additionalProperties).toBe(false);
    expect((schemas.PlanRequest as Json).required).toEqual(["workload"]);
    // A team's upgrade opt-in is documented where it is set and where teams and campaign targets are read.
    expect(((schemas.TeamPolicyPatch as Json).properties as Json).upgradeEarly).toMatchObject({ type: "boolean" });
    expect((schemas.Campaign as Json).required).toEqual(expect.arrayContaining(["waves", "status", "release"]));
  });

  it("gives every operation a unique id, a summary, a success response and problem+json error responses", async () => {
    const doc = await fetchDocument();
    const ops = operations(doc);
    expect(ops.length).toBe(Object.keys(API_OPERATIONS).length);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    const statuses = new Set<number>(Object.values(ERROR_STATUS));
    for (const { path, method, op } of ops) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toEqual(expect.any(String));
      const responses = op.responses;
      if (!isObject(responses)) throw new Error(`${where} has no responses`);
      expect(
        Object.keys(responses).some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
      expect(responses, where).toHaveProperty("500");
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response)) throw new Error(`${where} ${status} is not an object`);
        expect(response.description, `${where} ${status}`).toEqual(expect.any(String));
        if (Number(status) >= 400) {
          expect(statuses.has(Number(status)), `${where} ${status}`).toBe(true);
          expect(response.content).toEqual({ "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } });
        }
      }
    }
  });

  it("documents the request bodies and query parameters of the routes", async () => {
    const paths = (await fetchDocument()).paths as Record<string, Record<string, Json>>;
    const body = (path: string) => paths[path]?.post?.requestBody;
    expect(body("/api/v1/plans")).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/PlanRequest" } } } });
    expect(body("/api/v1/recommendations")).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Workload" } } } });
    expect(Object.keys(paths["/api/v1/plans"]?.post?.responses as Json)).toEqual(expect.arrayContaining(["200", "400", "413", "415", "422", "500"]));
    const params = paths["/api/v1/catalog/instances"]?.get?.parameters as Json[];
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ["region", "query", false],
      ["family", "query", false],
    ]);
    expect(params[0]?.schema).toMatchObject({ type: "string", default: "us-east-1" });
  });

  it("documents cancel and retry of an operation at sub-paths, and the colon forms as deprecated, pointing at them", async () => {
    const paths = (await fetchDocument()).paths as Record<string, Record<string, Json>>;
    for (const verb of ["cancel", "retry"]) {
      const current = paths[`/api/v1/operations/{id}/${verb}`]?.post;
      const old = paths[`/api/v1/operations/{id}:${verb}`]?.post;
      expect(current?.operationId).toBe(`${verb}Operation`);
      expect(current).not.toHaveProperty("deprecated");
      expect(old).toMatchObject({
        operationId: `${verb}OperationDeprecated`,
        deprecated: true,
        description: expect.stringContaining(`POST /api/v1/operations/{id}/${verb}`),
      });
      // The same contract: parameters, body and responses, and on success the headers that say where to go instead.
      expect(old?.parameters).toEqual(current?.parameters);
      expect(old?.requestBody).toEqual(current?.requestBody);
      const [oldResponses, currentResponses] = [old?.responses as Record<string, Json>, current?.responses as Record<string, Json>];
      expect(Object.keys(oldResponses)).toEqual(Object.keys(currentResponses));
      const { headers, ...success } = oldResponses["202"] ?? {};
      expect(success).toEqual(currentResponses["202"]);
      expect(Object.keys(headers as Json)).toEqual(["Deprecation", "Link"]);
    }
  });
});
