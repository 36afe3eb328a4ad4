import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/catalog/instances/route";
import { InstanceListSchema } from "@/lib/schemas";
import { callerHeaders } from "../support/actors";
import { BASE, expectJson, expectProblem } from "./support";

const list = async (query: string) => GET(new Request(`${BASE}/api/v1/catalog/instances${query}`, { headers: await callerHeaders() }));

describe("GET /api/v1/catalog/instances", () => {
  it("lists us-east-1 shapes with their own prices, cheapest first", async () => {
    const body = InstanceListSchema.parse(await expectJson(await list("")));
    expect(body).toMatchObject({ region: "us-east-1", pricedAs: "us-east-1", priceTable: "aws-3yr-reserved", zones: 3 });
    expect(body.note).toBeUndefined();
    expect(body.instances.length).toBeGreaterThan(100);
    const costs = body.instances.map((i) => i.annualCost);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(body.instances.every((i) => i.annualCost > 0 && Math.abs(i.monthlyCost * 12 - i.annualCost) < 0.1)).toBe(true);
  });

  it("filters by instance family and shows local NVMe drives", async () => {
    const body = InstanceListSchema.parse(await expectJson(await list("?family=i4i&region=us-east-1")));
    expect(body.instances.length).toBeGreaterThan(0);
    expect(body.instances.every((i) => i.family === "i4i" && i.name.startsWith("i4i.") && i.localDrive !== undefined)).toBe(true);
  });

  it("never prices a region silently: eu-west-1 says it borrowed us-east-1 prices", async () => {
    const body = InstanceListSchema.parse(await expectJson(await list("?region=eu-west-1&family=m6id")));
    expect(body.region).toBe("eu-west-1");
    expect(body.pricedAs).toBe("us-east-1");
    expect(body.note).toMatch(/eu-west-1.*us-east-1/);
    expect(body.instances.length).toBeGreaterThan(0);
  });

  it.each([
    ["an unknown region", "?region=moon-1", "region"],
    ["a well-formed but unknown region", "?region=xx-north-9", "region"],
    ["an empty region", "?region=", "region"],
    ["a repeated region", "?region=us-east-1&region=eu-west-1", "region"],
    ["an instance family that is not in the catalogue", "?family=zz9", "family"],
    ["a malformed instance family", "?family=M6ID!", "family"],
    ["an unknown parameter", "?colour=blue", "colour"],
    ["a prototype-pollution parameter", "?__proto__=x", "__proto__"],
  ])("answers 422 naming the parameter for %s", async (_what, query, field) => {
    const problem = await expectProblem(await list(query), 422);
    expect(problem.code).toBe("invalid_input");
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it("answers other methods with a 405 problem", async () => {
    const res = await POST(new Request(`${BASE}/api/v1/catalog/instances`, { method: "POST" }));
    await expectProblem(res, 405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
