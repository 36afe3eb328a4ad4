import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/plans/route";
import { PlanResultSchema } from "@/lib/schemas";
import { callerHeaders } from "../support/actors";
import { expectJson, expectProblem, jsonRequest, viewingHistory } from "./support";

const plan = async (body: unknown) => POST(jsonRequest("/api/v1/plans", body, { headers: await callerHeaders() }));

describe("POST /api/v1/plans", () => {
  it("plans viewing history on Cassandra in both regions, priced, and says eu-west-1 borrowed us-east-1 prices", async () => {
    const result = PlanResultSchema.parse(await expectJson(await plan({ workload: viewingHistory })));
    expect(result.family).toBe("cassandra");
    expect(result.recommended).toBe(true);
    expect(result.plans.length).toBeGreaterThan(0);
    const [best] = result.plans;
    expect(best?.rank).toBe(1);
    expect(best?.annualCost).toBeGreaterThan(0);
    expect(new Set(best?.clusters.map((c) => c.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    expect(best?.pricing).toContainEqual({ region: "eu-west-1", pricedAs: "us-east-1", priceTable: "aws-3yr-reserved" });
    expect(best?.explanation.some((line) => line.includes("eu-west-1") && line.includes("us-east-1"))).toBe(true);
    // Ranked by cost: alternatives never cheaper than the pick.
    for (const p of result.plans) expect(p.annualCost).toBeGreaterThanOrEqual(best?.annualCost ?? Infinity);
  });

  it("returns at most `alternatives` plans, and the named family even when it is not the recommendation", async () => {
    const one = PlanResultSchema.parse(await expectJson(await plan({ workload: viewingHistory, alternatives: 1 })));
    expect(one.plans).toHaveLength(1);
    // EVCache is best-effort only: planning it for read-your-writes is allowed, and flagged.
    const named = PlanResultSchema.parse(await expectJson(await plan({ workload: viewingHistory, family: "evcache" })));
    expect(named.family).toBe("evcache");
    expect(named.recommended).toBe(false);
    expect(named.warnings.some((w) => w.includes("evcache"))).toBe(true);
  });

  it("plans a workload given as ranges and reports the cost spread", async () => {
    const workload = { ...viewingHistory, regions: ["us-east-1"], writesPerSecond: { low: 80_000, mid: 100_000, high: 130_000 } };
    const result = PlanResultSchema.parse(await expectJson(await plan({ workload })));
    expect(result.uncertainty).toBeDefined();
    expect(result.uncertainty?.annualCost.p5).toBeLessThanOrEqual(result.uncertainty?.annualCost.p95 ?? -1);
  });

  it("answers 422 no_family_fits naming `family` when no family fits and none was named", async () => {
    const problem = await expectProblem(await plan({ workload: { ...viewingHistory, consistency: "linearizable" } }), 422);
    expect(problem.code).toBe("no_family_fits");
    expect(problem.errors?.map((e) => e.field)).toEqual(["family"]);
    expect(problem.detail).toMatch(/linearizable/);
  });

  it("answers other methods with a 405 problem and an Allow header", async () => {
    const res = await GET(new Request("http://localhost/api/v1/plans"));
    const problem = await expectProblem(res, 405);
    expect(problem.code).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
  });
});
