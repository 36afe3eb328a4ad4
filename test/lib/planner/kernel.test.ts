import { describe, expect, it } from "vitest";
import { cdf, ppf, seededRandom, workingSetFromDriveAndSlo } from "@/lib/planner/kernel/distribution";
import { networkMbps, normalizeCores, sqrtStaffedCores } from "@/lib/planner/kernel/staffing";
import { regionHardware } from "@/lib/catalog";

describe("square-root staffing (reference formula cases, tier 1)", () => {
  it.each([
    [100_000, 1, 118],
    [100_000, 0.5, 63],
    [1_000_000, 2, 2079],
  ])("%d rps × %d ms needs %d cores", (rps, ms, cores) => {
    expect(sqrtStaffedCores({ reads: rps, writes: 0, readCpuMs: ms, writeCpuMs: 0, tier: 1 })).toBe(cores);
  });

  it("asks more cores of more critical tiers", () => {
    const at = (tier: 0 | 1 | 2 | 3) => sqrtStaffedCores({ reads: 10_000, writes: 0, readCpuMs: 1, writeCpuMs: 0, tier });
    expect(at(0)).toBeGreaterThan(at(1));
    expect(at(1)).toBeGreaterThan(at(2));
    expect(at(2)).toBeGreaterThanOrEqual(at(3));
  });
});

describe("core normalisation (reference table: 100 reference cores)", () => {
  const hw = regionHardware("us-east-1");
  const find = (n: string) => hw.instances.find((i) => i.name === n)!;
  it.each([
    ["m6id.xlarge", 58],
    ["i4i.xlarge", 58],
    ["r7a.xlarge", 32],
    ["m8id.xlarge", 42],
    ["i3en.xlarge", 75],
  ])("%s needs %d cores", (name, cores) => {
    expect(normalizeCores(100, find(name))).toBe(cores);
  });
});

describe("network", () => {
  it("is payload bytes per second in megabits, rounded up", () => {
    expect(networkMbps(20_000, 1024, 5_000, 256)).toBe(175);
  });
});

describe("distributions", () => {
  const i = { low: 1, mid: 2, high: 4, confidence: 0.9 };
  it("puts low, mid and high at the 5th, 50th and 95th percentiles", () => {
    expect(cdf(i, 1)).toBeCloseTo(0.05);
    expect(cdf(i, 2)).toBeCloseTo(0.5);
    expect(ppf(i, 0.95)).toBeCloseTo(4);
  });
  it("inverts: ppf(cdf(x)) = x inside the bounds", () => {
    for (const x of [0.7, 1.3, 2.5, 3.9, 6]) expect(ppf(i, cdf(i, x))).toBeCloseTo(x, 6);
  });
  it("needs only the 1% floor of RAM for NVMe against Cassandra's SLO, and much more for gp3", () => {
    const slo = { low: 0.4, mid: 2, high: 5, confidence: 0.98 };
    const nvme = { low: 0.1, mid: 0.125, high: 0.17, confidence: 0.9, minimum: 0.05, maximum: 2 };
    const gp3 = { low: 0.8, mid: 1.05, high: 1.8, confidence: 0.9, maximum: 10 };
    expect(workingSetFromDriveAndSlo(nvme, slo, 0.95)).toBe(0.01);
    expect(workingSetFromDriveAndSlo(gp3, slo, 0.95)).toBeGreaterThan(0.25);
  });
  it("draws the same sequence from the same seed", () => {
    const a = seededRandom(42),
      b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
