// The words and numbers the plan display shares: cost deltas with one sign, and what sized a plan.
import { describe, expect, it } from "vitest";
import { formatCostDelta, sizedByText } from "@/components/plan/plan-text";

describe("formatCostDelta", () => {
  it("prints a dearer plan as +$ and +%", () => {
    expect(formatCostDelta(3990, 44_333)).toBe("+$3,990 (+9%)");
  });

  it("prints a cheaper plan with a single typographic minus, never '+-'", () => {
    expect(formatCostDelta(-3990, 44_333)).toBe("−$3,990 (−9%)");
    expect(formatCostDelta(-3990, 44_333)).not.toMatch(/\+|-/);
  });

  it("has no percentage against a free plan", () => {
    expect(formatCostDelta(100, 0)).toBe("+$100 (—)");
  });
});

describe("sizedByText", () => {
  it("names the planner's driver, floors included", () => {
    expect(sizedByText({ bottleneck: "minimum", driver: { resource: "minimum", text: "the tier-1 floor of 2 nodes per zone" } })).toBe(
      "the tier-1 floor of 2 nodes per zone",
    );
  });

  it("falls back to the resource for plans pinned before drivers existed", () => {
    expect(sizedByText({ bottleneck: "iops" })).toBe("disk IOPS");
    expect(sizedByText({ bottleneck: "minimum" })).toBe("the minimum cluster size");
  });
});
