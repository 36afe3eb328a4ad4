// Re-planning a running datastore keeps its instance type first (resized), the other shapes after it: a day-2 change
// moves a cluster to another shape only when someone picks one.
import { describe, expect, it } from "vitest";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { planOnShape, planWorkload, primaryInstanceType } from "@/lib/planner";
import { WorkloadSchema, type Workload } from "@/lib/schemas/workload";

const history = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
if (!history) throw new Error("no viewing-history use case");
const base: Workload = WorkloadSchema.parse(history.workload);
const busier: Workload = { ...base, writesPerSecond: 150_000 };
const nodes = (p: { clusters: { nodes: number }[] } | undefined) => p?.clusters.reduce((n, c) => n + c.nodes, 0);

describe("planOnShape", () => {
  it("with the workload unchanged, gives back the shape and size the datastore runs", () => {
    const approved = planWorkload({ workload: base, family: "cassandra", alternatives: 4 }).plans[0];
    const type = primaryInstanceType(approved?.clusters ?? []) ?? "";
    const result = planOnShape({ workload: base, family: "cassandra", instanceType: type, alternatives: 4 });
    expect(result.kept).toBe(true);
    expect(primaryInstanceType(result.plans[0]?.clusters ?? [])).toBe(type);
    expect(nodes(result.plans[0])).toBe(nodes(approved));
    expect(result.plans[0]?.annualCost).toBe(approved?.annualCost);
  });

  it("keeps the current shape first when the workload grows, though another shape is cheaper; the others follow as alternatives", () => {
    const cheapest = planWorkload({ workload: busier, family: "cassandra", alternatives: 4 }).plans[0];
    expect(primaryInstanceType(cheapest?.clusters ?? [])).not.toBe("i4i.xlarge");
    const result = planOnShape({ workload: busier, family: "cassandra", instanceType: "i4i.xlarge", alternatives: 4 });
    expect(result.plans.map((p) => p.rank)).toEqual([1, 2, 3, 4]);
    expect(primaryInstanceType(result.plans[0]?.clusters ?? [])).toBe("i4i.xlarge");
    expect(nodes(result.plans[0])).toBeGreaterThan(96);
    const others = result.plans.slice(1).map((p) => primaryInstanceType(p.clusters));
    expect(others).toContain(primaryInstanceType(cheapest?.clusters ?? []));
    expect(others).not.toContain("i4i.xlarge");
  });

  it("plans a shape outside the ranked few, and says so when a shape cannot serve the workload at all", () => {
    const ranked = planWorkload({ workload: busier, family: "cassandra", alternatives: 4 }).plans.map((p) => primaryInstanceType(p.clusters));
    const outside = planOnShape({ workload: busier, family: "cassandra", instanceType: "i3en.6xlarge", alternatives: 4 });
    expect(ranked).not.toContain("i3en.6xlarge");
    expect(outside.kept).toBe(true);
    expect(primaryInstanceType(outside.plans[0]?.clusters ?? [])).toBe("i3en.6xlarge");

    const tiny = planOnShape({ workload: busier, family: "cassandra", instanceType: "t3.nano", alternatives: 4 });
    expect(tiny.kept).toBe(false);
    expect(tiny.warnings[0]).toMatch(/current shape t3\.nano cannot serve this workload/);
    expect(tiny.plans.map((p) => primaryInstanceType(p.clusters))).toEqual(ranked);
  });
});
