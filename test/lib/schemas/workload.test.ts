import { describe, expect, it } from "vitest";
import { WorkloadSchema } from "@/lib/schemas";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";

const base = CANONICAL_USE_CASES.find((c) => c.id === "viewing-history")!.workload;
const fieldsOf = (input: unknown) => {
  const r = WorkloadSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("the workload contract", () => {
  it("accepts every canonical use case and fills horizonMonths with 12", () => {
    for (const c of CANONICAL_USE_CASES) expect(fieldsOf(c.workload)).toEqual([]);
    expect(WorkloadSchema.parse({ ...base, horizonMonths: undefined }).horizonMonths).toBe(12);
  });

  it.each([
    ["an unknown key", { ...base, colour: "blue" }, ""],
    ["an unknown key inside advanced", { ...base, advanced: { turbo: true } }, "advanced"],
    ["a name that is not kebab-case", { ...base, name: "Viewing_History" }, "name"],
    ["a name too short", { ...base, name: "ab" }, "name"],
    ["tier 7", { ...base, tier: 7 }, "tier"],
    ["negative reads", { ...base, readsPerSecond: -1 }, "readsPerSecond"],
    ["a range with low > mid", { ...base, writesPerSecond: { low: 10, mid: 5, high: 20 } }, "writesPerSecond.mid"],
    ["a range with mid > high", { ...base, datasetGiB: { low: 1, mid: 50, high: 20 } }, "datasetGiB.high"],
    ["zero item size", { ...base, readItemBytes: 0 }, "readItemBytes"],
    ["no regions", { ...base, regions: [] }, "regions"],
    ["an unknown region", { ...base, regions: ["moon-1"] }, "regions.0"],
    ["a repeated region", { ...base, regions: ["us-east-1", "us-east-1"] }, "regions"],
    ["an unknown feature", { ...base, features: ["teleport"] }, "features.0"],
    ["traversal depth on a non-graph workload", { ...base, traversalDepth: 3 }, "traversalDepth"],
    ["a string where a number belongs", { ...base, readsPerSecond: "lots" }, "readsPerSecond"],
    ["an unknown consistency", { ...base, consistency: "strong" }, "consistency"],
  ])("rejects %s, naming the field", (_what, input, field) => {
    const fields = fieldsOf(input);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields).toContain(field);
  });
});
