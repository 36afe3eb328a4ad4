import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveProfile } from "@/lib/bench/derive-profile";
import { BENCH_LIMITS, BenchProfileSchema } from "@/lib/bench/profile";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { WorkloadSchema, type Workload, type WorkloadInput } from "@/lib/schemas/workload";

const workload = (id: string, patch: Partial<WorkloadInput> = {}): Workload => {
  const uc = CANONICAL_USE_CASES.find((u) => u.id === id);
  if (!uc) throw new Error(id);
  return WorkloadSchema.parse({ ...uc.workload, ...patch });
};

const derive = (w: Workload, o: Parameters<typeof deriveProfile>[1]) => {
  const r = deriveProfile(w, o);
  if (!r.ok) throw new Error(`${r.field}: ${r.reason}`);
  return r;
};

describe("profile derived from a workload", () => {
  it("CDN URL service: 10:1 reads, 200-byte values, keys from 40 GiB capped, rate scaled to a twelfth of the fleet", () => {
    const { profile, notes } = derive(workload("cdn-url"), { shareOfFleet: 1 / 12 });
    expect(profile.mix.read).toBeCloseTo(300_000 / 330_000, 12);
    expect(profile.mix.write).toBeCloseTo(30_000 / 330_000, 12);
    expect(profile.valueSize).toEqual({ kind: "fixed", bytes: 200 });
    expect(profile.rate).toBeCloseTo(330_000 / 12, 6);
    // 40 GiB of 200-byte items is ~215 million keys: capped to the local default of 100,000.
    expect(profile.keySpace).toMatchObject({ count: 100_000, distribution: "zipfian", zipfExponent: 0.99 });
    expect(notes.join("\n")).toMatch(/key space capped at 100,000 keys \(the workload holds about 214,748,365\)/);
    expect(profile).toMatchObject({ durationS: 60, warmupS: 10, prefill: true, connections: 128 });
    expect(profile.name).toBe("cdn-url-service share 0.08");
  });

  it("viewing history: different read and write sizes become a weighted size, and a rate cap is noted", () => {
    const { profile, notes } = derive(workload("viewing-history"), { shareOfFleet: 0.5, maxRatePerSecond: 5000, connections: 16 });
    expect(profile.valueSize).toEqual({
      kind: "weighted",
      sizes: [
        { bytes: 1024, weight: 20_000 / 120_000 },
        { bytes: 512, weight: 100_000 / 120_000 },
      ],
    });
    expect(profile.rate).toBe(5000);
    expect(profile.connections).toBe(16);
    expect(notes.some((n) => n.startsWith("rate capped at 5,000/s (the share of the workload is 60,000/s)"))).toBe(true);
  });

  it("counts keys from the workload's item count when it gives one", () => {
    const { profile } = derive(workload("digital-assets", { itemCount: 1234 }), { shareOfFleet: 1 });
    expect(profile.keySpace.count).toBe(1234);
  });

  it("reads the mid of a {low, mid, high} range", () => {
    const { profile } = derive(workload("cdn-url", { readsPerSecond: { low: 1000, mid: 3000, high: 9000 }, writesPerSecond: 1000 }), { shareOfFleet: 1 });
    expect(profile.mix.read).toBe(0.75);
    expect(profile.rate).toBe(4000);
  });

  it("refuses a share that leaves less than one request a second, naming the field", () => {
    const r = deriveProfile(workload("digital-assets"), { shareOfFleet: 0.0001 });
    expect(r).toEqual({
      ok: false,
      field: "shareOfFleet",
      reason: expect.stringMatching(/scales 2,200 requests\/s to 0.22\/s, below the 1 request\/s a run needs/),
    });
  });

  it("refuses a workload with no reads and no writes", () => {
    expect(deriveProfile(workload("digital-assets", { readsPerSecond: 0, writesPerSecond: 0 }), { shareOfFleet: 1 })).toMatchObject({
      ok: false,
      field: "workload.readsPerSecond",
    });
  });

  it("holds for any workload: a valid profile whose mix sums to 1, whose rate is at most the workload's share, whose keys and values are bounded", () => {
    const quantity = fc.oneof(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc
        .tuple(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }))
        .map(([a, b, c]) => {
          const [low, mid, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
          return { low, mid, high };
        }),
    );
    fc.assert(
      fc.property(
        quantity,
        quantity,
        fc.double({ min: 1, max: 64 * 1024 * 1024, noNaN: true }),
        fc.double({ min: 1, max: 64 * 1024 * 1024, noNaN: true }),
        fc.double({ min: 0, max: 10 * 1024 ** 2, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (reads, writes, readItemBytes, writeItemBytes, datasetGiB, shareOfFleet, maxKeys) => {
          const w = workload("cdn-url", { readsPerSecond: reads, writesPerSecond: writes, readItemBytes, writeItemBytes, datasetGiB });
          const mid = (q: typeof reads) => (typeof q === "number" ? q : q.mid);
          const total = mid(reads) + mid(writes);
          const r = deriveProfile(w, { shareOfFleet, maxKeys });
          if (!r.ok) return r.field === "workload.readsPerSecond" ? total === 0 : r.field === "shareOfFleet" && total * shareOfFleet < 1;
          const p = r.profile;
          const rate = p.rate as number;
          return (
            BenchProfileSchema.safeParse(p).success &&
            Math.abs(p.mix.read + p.mix.write - 1) < 1e-9 &&
            rate >= 1 &&
            rate <= total * shareOfFleet * (1 + 1e-12) &&
            rate <= BENCH_LIMITS.maxRatePerSecond &&
            p.keySpace.count >= 1 &&
            p.keySpace.count <= maxKeys &&
            (p.valueSize.kind === "fixed" ? [p.valueSize.bytes] : p.valueSize.kind === "weighted" ? p.valueSize.sizes.map((s) => s.bytes) : []).every(
              (b) => b >= 1 && b <= BENCH_LIMITS.maxValueBytes,
            )
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
