// GET /api/v1/schemas/datastore.json: the datastore file's JSON Schema, public (editors fetch it without a token),
// generated from the zod schema `dsp` validates with — and the examples under examples/ satisfy that schema.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/schemas/datastore.json/route";
import { openApiDocument } from "@/lib/openapi/document";
import { DatastoreFileSchema } from "@/lib/schemas/datastore-file";
import { BASE } from "./support";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
type Json = Record<string, unknown>;

describe("GET /api/v1/schemas/datastore.json", () => {
  it("serves the file's JSON Schema without credentials, cacheable", async () => {
    const res = await GET(new Request(`${BASE}/api/v1/schemas/datastore.json`));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const schema = (await res.json()) as Json;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["apiVersion", "kind", "metadata", "spec"]);
    expect(schema.additionalProperties).toBe(false);
    const props = schema.properties as Record<string, Json>;
    expect(props.apiVersion).toMatchObject({ const: "datastore-portal/v1" });
    expect(props.kind).toMatchObject({ const: "Datastore" });
    const spec = props.spec as { properties: Record<string, Json>; required: string[] };
    expect(spec.required).toEqual(["workload"]);
    const workload = spec.properties.workload as { properties: Json; required: string[]; additionalProperties: boolean };
    // The workload as the API takes it, less its name (metadata.name gives it); defaulted fields optional.
    expect(workload.properties).not.toHaveProperty("name");
    expect(workload.required).toEqual(expect.arrayContaining(["tier", "accessPattern", "regions"]));
    expect(workload.required).not.toContain("horizonMonths");
    expect(workload.additionalProperties).toBe(false);
  });

  it("answers other methods with 405", async () => {
    expect((await POST(new Request(`${BASE}/api/v1/schemas/datastore.json`, { method: "POST" }))).status).toBe(405);
  });

  it("is documented as a public operation of the API", () => {
    const op = (openApiDocument().paths["/api/v1/schemas/datastore.json"] as Record<string, Json>).get;
    expect(op?.operationId).toBe("getDatastoreFileSchema");
    expect(op?.security).toEqual([]);
  });

  it("accepts every example under examples/, each with a modeline pointing at the schema", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const text = readFileSync(join(EXAMPLES, f), "utf8");
      expect(text.split("\n")[0], f).toMatch(/^# yaml-language-server: \$schema=https?:\/\/\S+\/api\/v1\/schemas\/datastore\.json$/);
      const parsed = DatastoreFileSchema.safeParse(parse(text));
      expect(parsed.error?.issues ?? [], f).toEqual([]);
    }
  });

  it("names the field of a bad file, thresholds' cross-field rules included", () => {
    const file = parse(readFileSync(join(EXAMPLES, "cache-with-thresholds.yaml"), "utf8")) as { spec: { thresholds: Json[] } };
    file.spec.thresholds.push({ ...file.spec.thresholds[0], critical: 0.5 });
    const issues = DatastoreFileSchema.safeParse(file).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues).toContain("spec.thresholds.2.critical");
    expect(issues).toContain("spec.thresholds.2.metric");
  });
});
