// Absurd inputs (issue 8 §2): every rate and size has a documented physical ceiling; past it the workload is
// refused naming the field and the bound, instead of planning to "no plan" or to infinity.
import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/errors";
import { StoredWorkloadSchema, WORKLOAD_LIMITS, WorkloadSchema, type WorkloadInput } from "@/lib/schemas/workload";

const base: WorkloadInput = {
  name: "bounds",
  tier: 1,
  accessPattern: "key-value",
  readsPerSecond: 1000,
  writesPerSecond: 1000,
  readItemBytes: 512,
  writeItemBytes: 512,
  datasetGiB: 100,
  consistency: "eventual",
  durability: "durable",
  regions: ["us-east-1"],
};
const errorsOf = (w: Record<string, unknown>) => {
  const r = WorkloadSchema.safeParse({ ...base, ...w });
  return r.success ? [] : fieldErrorsFromZod(r.error);
};

describe("workload ceilings", () => {
  it.each([
    ["readsPerSecond", { readsPerSecond: 1e9 + 1 }, "readsPerSecond", /1,000,000,000/],
    ["writesPerSecond as a range", { writesPerSecond: { low: 1, mid: 2, high: 2e9 } }, "writesPerSecond.high", /1,000,000,000/],
    ["datasetGiB", { datasetGiB: 11 * 1024 ** 2 }, "datasetGiB", /10 PiB/],
    ["growthGiBPerMonth 1e308", { growthGiBPerMonth: 1e308 }, "growthGiBPerMonth", /10 PiB/],
    [
      "data at the horizon",
      { datasetGiB: 9 * 1024 ** 2, growthGiBPerMonth: 200_000, horizonMonths: 12 },
      "growthGiBPerMonth",
      /10 PiB.*horizon|horizon.*10 PiB/,
    ],
    ["itemCount", { itemCount: 1e15 }, "itemCount", /100,000,000,000,000/],
    ["readLatencyP99Ms too small", { readLatencyP99Ms: 0.0001 }, "readLatencyP99Ms", /0\.01 ms/],
  ])("refuses %s, naming the field and the bound", (_name, w, field, bound) => {
    const errors = errorsOf(w);
    const e = errors.find((x) => x.field === field);
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e!.message).toMatch(bound);
  });

  it("accepts values at the ceilings", () => {
    expect(
      errorsOf({ readsPerSecond: WORKLOAD_LIMITS.opsPerSecond, writesPerSecond: { low: 0, mid: 1, high: 1e9 }, datasetGiB: WORKLOAD_LIMITS.dataGiB }),
    ).toEqual([]);
  });

  it("still reads a workload stored before the ceilings existed (a draft saved with growth 1e308)", () => {
    const stored = { ...base, growthGiBPerMonth: 1e308, readsPerSecond: 5e9, horizonMonths: 12 };
    expect(StoredWorkloadSchema.parse(stored).growthGiBPerMonth).toBe(1e308);
    expect(WorkloadSchema.safeParse(stored).success).toBe(false);
  });

  it("says in the contract that rates are per region, and how writes and transfer are counted", () => {
    const shape = WorkloadSchema.shape;
    expect(shape.readsPerSecond.description).toMatch(/per region/i);
    expect(shape.writesPerSecond.description).toMatch(/every region applies every write/i);
  });
});
