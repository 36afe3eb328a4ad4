import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyIndexSampler, seededRandom, valueSizeSampler, zipfSampler } from "@/lib/bench/sampling";

describe("seeded random", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("is uniform enough: ten buckets of 100,000 draws each within 3 % of a tenth", () => {
    const r = seededRandom(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r() * 10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(300);
  });
});

describe("zipf sampler", () => {
  it("draws rank k with probability ∝ 1/k^s (n = 10, s = 0.99, 200,000 draws)", () => {
    const n = 10;
    const s = 0.99;
    const draws = 200_000;
    const next = zipfSampler(n, s, seededRandom(3));
    const counts = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < draws; i++) counts[next()]! += 1;
    const norm = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s).reduce((a, b) => a + b, 0);
    for (let k = 1; k <= n; k++) {
      const expected = draws / (k ** s * norm);
      // Within 5 standard deviations of a binomial count.
      expect(Math.abs((counts[k] ?? 0) - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
    expect(counts[0]).toBe(0);
  });

  it("makes the hottest 1 % of a million keys take a large share (s = 0.99) and uniform keys do not", () => {
    const draws = 50_000;
    const zipf = keyIndexSampler({ count: 1_000_000, distribution: "zipfian", zipfExponent: 0.99, prefix: "" }, seededRandom(5));
    const uniform = keyIndexSampler({ count: 1_000_000, distribution: "uniform", zipfExponent: 0.99, prefix: "" }, seededRandom(5));
    const hot = (f: () => number) => {
      let n = 0;
      for (let i = 0; i < draws; i++) if (f() < 10_000) n++;
      return n / draws;
    };
    expect(hot(zipf)).toBeGreaterThan(0.5);
    expect(hot(uniform)).toBeLessThan(0.02);
  });

  it("stays within 1 … n for any n and exponent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e8 }), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.integer({ min: 0, max: 2 ** 31 }), (n, s, seed) => {
        const next = zipfSampler(n, s, seededRandom(seed));
        for (let i = 0; i < 50; i++) {
          const k = next();
          if (!(Number.isInteger(k) && k >= 1 && k <= n)) return false;
        }
        return true;
      }),
    );
  });
});

describe("value size sampler", () => {
  it("draws uniform sizes within bounds, both ends included", () => {
    const next = valueSizeSampler({ kind: "uniform", minBytes: 10, maxBytes: 12 }, seededRandom(1));
    const seen = new Set(Array.from({ length: 1000 }, () => next()));
    expect([...seen].sort()).toEqual([10, 11, 12]);
  });

  it("draws weighted sizes in proportion to their weights", () => {
    const next = valueSizeSampler(
      {
        kind: "weighted",
        sizes: [
          { bytes: 100, weight: 3 },
          { bytes: 4000, weight: 1 },
        ],
      },
      seededRandom(2),
    );
    let small = 0;
    for (let i = 0; i < 40_000; i++) if (next() === 100) small++;
    expect(small / 40_000).toBeCloseTo(0.75, 1);
  });
});
