import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRuns, CompareThresholdsSchema } from "@/lib/bench/compare-runs";
import { resultFixture, spread } from "@/test/support/bench";

// 1000 samples each, 0.5 … 5 ms: p50 ≈ 2.75, p95 ≈ 4.78, p99 ≈ 4.96 ms.
const baseline = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8) });
const same = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8) });

describe("compareRuns", () => {
  it("passes an unchanged candidate, with zero deltas per percentile and reasons naming each check", () => {
    const c = compareRuns(baseline, same, { p99ReadMs: 10, p99WriteMs: 10, maxRegressionPct: 10 });
    expect(c.verdict).toBe("pass");
    for (const op of [c.reads, c.writes])
      for (const p of ["p50", "p95", "p99", "p99_9"] as const) expect(op?.percentiles[p]).toMatchObject({ deltaMs: 0, deltaPct: 0 });
    expect(c.reasons[0]).toBe(`all ${c.checks.length} checks passed`);
    expect(c.checks.map((k) => k.name)).toEqual([
      "reads p99 threshold",
      "reads p50 regression",
      "reads p95 regression",
      "reads p99 regression",
      "writes p99 threshold",
      "writes p50 regression",
      "writes p95 regression",
      "writes p99 regression",
      "error rate",
    ]);
  });

  it("reports each percentile's baseline, candidate, delta in ms and in percent", () => {
    const slower = resultFixture({ reads: spread(1000, 0.5, 5).map((x) => x * 2), writes: spread(1000, 1, 8) });
    const c = compareRuns(baseline, slower, { maxRegressionPct: 500 });
    const p99 = c.reads?.percentiles.p99;
    expect(p99?.candidateMs).toBeCloseTo((p99?.baselineMs ?? 0) * 2, 1);
    expect(p99?.deltaMs).toBeCloseTo((p99?.candidateMs ?? 0) - (p99?.baselineMs ?? 0), 3);
    expect(p99?.deltaPct).toBeCloseTo(100, 0);
    expect(c.verdict).toBe("pass");
  });

  it("fails a candidate whose read p99 is above the datastore's threshold, saying by how much", () => {
    const c = compareRuns(baseline, same, { p99ReadMs: 4, maxRegressionPct: 10 });
    expect(c.verdict).toBe("fail");
    expect(c.reasons).toEqual([expect.stringMatching(/^reads p99 4\.9\d+ ms is above the 4 ms threshold$/)]);
  });

  it("fails a regression beyond the allowed percentage and passes one within it", () => {
    const worse = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8).map((x) => x * 1.3) });
    const fail = compareRuns(baseline, worse, { maxRegressionPct: 20 });
    expect(fail.verdict).toBe("fail");
    expect(fail.reasons).toHaveLength(3);
    expect(fail.reasons[0]).toMatch(/^writes p50 rose from 4\.\d+ ms to 5\.8\d* ms \(\+(29\.9\d*|30(\.0\d*)?) %\), more than the 20 % allowed$/);
    expect(compareRuns(baseline, worse, { maxRegressionPct: 35 }).verdict).toBe("pass");
  });

  it("does not call sub-threshold noise a regression: +50 % of 0.1 ms is under minRegressionMs", () => {
    const fast = resultFixture({ reads: spread(1000, 0.1, 0.1), writes: spread(1000, 0.1, 0.1) });
    const bitSlower = resultFixture({ reads: spread(1000, 0.15, 0.15), writes: spread(1000, 0.1, 0.1) });
    expect(compareRuns(fast, bitSlower, { maxRegressionPct: 10 }).verdict).toBe("pass");
    expect(compareRuns(fast, bitSlower, { maxRegressionPct: 10, minRegressionMs: 0 }).verdict).toBe("fail");
  });

  it("gates only the percentiles asked for", () => {
    // The tail doubles, the median does not move.
    const tail = resultFixture({ reads: [...spread(950, 0.5, 1), ...spread(50, 20, 40)], writes: spread(1000, 1, 8) });
    const base = resultFixture({ reads: [...spread(950, 0.5, 1), ...spread(50, 10, 20)], writes: spread(1000, 1, 8) });
    expect(compareRuns(base, tail, { maxRegressionPct: 10, gatedPercentiles: ["p50"] }).verdict).toBe("pass");
    const gated = compareRuns(base, tail, { maxRegressionPct: 10, gatedPercentiles: ["p50", "p99"] });
    expect(gated.verdict).toBe("fail");
    expect(gated.reasons).toEqual([expect.stringMatching(/^reads p99 rose/)]);
  });

  it("fails on errors above the allowed rate, counting every kind including not-sent", () => {
    const erring = resultFixture({
      reads: spread(990, 0.5, 5),
      writes: spread(990, 1, 8),
      errors: [
        { kind: "timeout", count: 15, sample: "t" },
        { kind: "not-sent", count: 10, sample: "n" },
      ],
    });
    const c = compareRuns(baseline, erring, { maxRegressionPct: 50, maxErrorRatePct: 1 });
    expect(c.verdict).toBe("fail");
    expect(c.reasons).toEqual(["1.247 % of the candidate's requests failed (timeout ×15, not-sent ×10), more than the 1 % allowed"]);
  });

  it("fails a closed-loop candidate that lost throughput; at a target rate throughput is not gated", () => {
    const unbounded = { rate: "unbounded" as const };
    const b = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8), profile: unbounded, achievedPerSecond: 40_000 });
    const c = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8), profile: unbounded, achievedPerSecond: 30_000 });
    const closed = compareRuns(b, c, { maxRegressionPct: 10 });
    expect(closed.verdict).toBe("fail");
    expect(closed.reasons).toEqual(["throughput fell from 40000/s to 30000/s (-25 %), more than the 10 % allowed"]);
    const open = compareRuns(
      resultFixture({ reads: spread(1000, 0.5, 5), writes: [], achievedPerSecond: 1000 }),
      resultFixture({ reads: spread(1000, 0.5, 5), writes: [], achievedPerSecond: 900 }),
      { maxRegressionPct: 5 },
    );
    expect(open.checks.some((k) => k.name === "throughput regression")).toBe(false);
    expect(open.throughput).toEqual({ baselinePerSecond: 1000, candidatePerSecond: 900, deltaPct: -10 });
  });

  it("is inconclusive for runs that cannot be compared: different profiles, drivers, a cancelled run, too few samples", () => {
    const otherRate = resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8), profile: { rate: 2000 } });
    const c1 = compareRuns(baseline, otherRate, { maxRegressionPct: 10 });
    expect(c1.verdict).toBe("inconclusive");
    expect(c1.reasons).toEqual(["the runs' profiles differ: rate 1000 vs 2000"]);
    expect(
      compareRuns(baseline, resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8), driver: "memcached" }), { maxRegressionPct: 10 }).reasons,
    ).toEqual(["the runs used different drivers (redis vs memcached)"]);
    expect(
      compareRuns(baseline, resultFixture({ reads: spread(1000, 0.5, 5), writes: spread(1000, 1, 8), outcome: "cancelled" }), { maxRegressionPct: 10 }).reasons,
    ).toEqual(["the candidate run was cancelled"]);
    const few = compareRuns(baseline, resultFixture({ reads: spread(40, 0.5, 5), writes: spread(1000, 1, 8) }), { maxRegressionPct: 10, p99ReadMs: 100 });
    expect(few.verdict).toBe("inconclusive");
    expect(few.reasons).toEqual([
      "reads: 40 answered in the candidate, fewer than the 100 a p99 needs",
      "reads: 1000 samples in the baseline and 40 in the candidate; 100 each are needed",
    ]);
  });

  it("still fails a threshold breach when the runs are otherwise not comparable", () => {
    const other = resultFixture({ reads: spread(1000, 50, 60), writes: spread(1000, 1, 8), profile: { connections: 8 } });
    const c = compareRuns(baseline, other, { p99ReadMs: 10, maxRegressionPct: 10 });
    expect(c.verdict).toBe("fail");
    expect(c.reasons).toEqual([expect.stringMatching(/^reads p99 \d+(\.\d+)? ms is above the 10 ms threshold$/)]);
  });

  it("skips an operation neither run sends", () => {
    const readOnly = resultFixture({ reads: spread(1000, 0.5, 5), writes: [] });
    const c = compareRuns(readOnly, readOnly, { p99WriteMs: 1, maxRegressionPct: 10 });
    expect(c.writes).toBeNull();
    expect(c.verdict).toBe("pass");
    expect(c.checks.find((k) => k.name === "writes p99 threshold")?.detail).toBe("no writes in either run (the profile sends none)");
  });

  it("rejects thresholds that make no sense, naming the field", () => {
    const r = CompareThresholdsSchema.safeParse({ p99ReadMs: -1, maxRegressionPct: 5000 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["p99ReadMs", "maxRegressionPct"]);
  });

  it("never passes a candidate that is slower at every gated percentile by more than allowed (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1.5, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), (factor, scaleMs) => {
        const b = resultFixture({ reads: spread(500, scaleMs, scaleMs * 3), writes: [] });
        const c = resultFixture({ reads: spread(500, scaleMs * factor, scaleMs * 3 * factor), writes: [] });
        const allowed = (factor - 1) * 100 * 0.8;
        return compareRuns(b, c, { maxRegressionPct: allowed }).verdict === "fail" && compareRuns(b, b, { maxRegressionPct: allowed }).verdict === "pass";
      }),
      { numRuns: 50 },
    );
  });
});
