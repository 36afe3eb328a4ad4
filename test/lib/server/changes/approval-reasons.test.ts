// When a day-2 change needs a reviewer: cost or topology grows. Shrinking, or staying the same, applies at once.
import { describe, expect, it } from "vitest";
import { approvalReasons } from "@/lib/server/changes/approval-reasons";
import type { DatastoreShape } from "@/lib/schemas/change";
import type { TopologyCluster } from "@/lib/schemas/datastore";

const data = (region: string, extra: Partial<TopologyCluster> = {}): TopologyCluster => ({
  region,
  role: "data",
  family: "cassandra",
  instanceType: "i4i.2xlarge",
  nodesPerZone: 4,
  zones: 3,
  nodes: 12,
  ...extra,
});
const shape = (topology: TopologyCluster[], annualCost = 100_000): DatastoreShape => ({
  regions: [...new Set(topology.map((c) => c.region))],
  topology,
  annualCost,
  monthlyCost: annualCost / 12,
});
const base = shape([data("us-east-1")]);

describe("approvalReasons", () => {
  it("has none for the same shape, nor for a cheaper, smaller one", () => {
    expect(approvalReasons(base, base)).toEqual([]);
    expect(approvalReasons(base, shape([data("us-east-1", { nodesPerZone: 2, nodes: 6, instanceType: "m6id.xlarge" })], 40_000))).toEqual([]);
    // Rounding cents are not growth.
    expect(approvalReasons(base, shape([data("us-east-1")], 100_000.004))).toEqual([]);
  });

  it("names a cost increase in dollars", () => {
    expect(approvalReasons(base, shape([data("us-east-1")], 150_000.4))).toEqual(["the annual cost grows from $100,000 to $150,000"]);
  });

  it("names an added region, once, not each of its clusters", () => {
    const after = shape([data("us-east-1"), data("eu-west-1"), data("eu-west-1", { role: "cache", family: "evcache" })], 100_000);
    expect(approvalReasons(base, after)).toEqual(["region eu-west-1 is added"]);
  });

  it("names an added role, more nodes per zone, more zones and a larger instance type", () => {
    const after = shape(
      [
        data("us-east-1", { nodesPerZone: 6, zones: 4, nodes: 24, instanceType: "i4i.4xlarge" }),
        data("us-east-1", { role: "cache", family: "evcache", instanceType: "r5.xlarge" }),
      ],
      100_000,
    );
    expect(approvalReasons(base, after)).toEqual([
      "data in us-east-1 grows from 4 to 6 nodes per zone",
      "data in us-east-1 spreads over 4 zones instead of 3",
      "data in us-east-1 moves to a larger instance type: i4i.2xlarge (8 vCPU, 61.04 GiB) → i4i.4xlarge (16 vCPU, 122.07 GiB)",
      "role cache is added (in us-east-1)",
    ]);
  });

  it("counts more vCPU or more RAM as larger, and an instance type the catalog does not know", () => {
    const r5 = shape([data("us-east-1", { instanceType: "r5.xlarge" })]);
    expect(approvalReasons(r5, shape([data("us-east-1", { instanceType: "m5.2xlarge" })]))).toHaveLength(1); // more vCPU, same RAM
    expect(approvalReasons(shape([data("us-east-1", { instanceType: "m5.2xlarge" })]), r5)).toEqual([]); // fewer vCPU, same RAM
    expect(approvalReasons(r5, shape([data("us-east-1", { instanceType: "x9.unknown" })]))[0]).toContain("x9.unknown");
  });
});
