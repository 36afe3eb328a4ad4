// The runway's arithmetic, as properties over random series: the least-squares slope recovers a line, the runway
// counts months to the threshold from observed growth (else the declared one, else never), and a departure is more
// than 25% either way.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEPARTURE_LIMIT,
  dailyMeans,
  MONTH_MS,
  departureOf,
  gibPerPoint,
  leastSquaresSlope,
  monthsUntil,
  observedWorkload,
  peakOf,
  roomRunway,
  type Point,
} from "@/lib/server/health/runway";
import { WorkloadSchema, WORKLOAD_LIMITS } from "@/lib/schemas/workload";
import { viewingHistory } from "../../../api/support";

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3600 * 1000;

/** Hourly points of value(hours since T0). */
function hourly(hours: number, value: (h: number) => number): Point[] {
  return Array.from({ length: hours + 1 }, (_, h) => ({ at: new Date(T0 + h * HOUR), value: value(h) }));
}

const level = fc.double({ min: 0, max: 90, noNaN: true });
const perMonth = fc.double({ min: -20, max: 20, noNaN: true });

describe("leastSquaresSlope", () => {
  it("recovers the slope of any line, whatever the level and the spacing of the points", () => {
    fc.assert(
      fc.property(level, perMonth, fc.uniqueArray(fc.integer({ min: 0, max: 30 * 24 * 60 }), { minLength: 2, maxLength: 60 }), (a, b, minutes) => {
        const slope = b / MONTH_MS;
        const points = minutes.map((m) => ({ at: new Date(T0 + m * 60_000), value: a + slope * m * 60_000 }));
        expect((leastSquaresSlope(points) ?? NaN) * MONTH_MS).toBeCloseTo(b, 6);
      }),
    );
  });

  it("does not move when the series is shifted up, and scales with it", () => {
    fc.assert(
      fc.property(fc.array(level, { minLength: 3, maxLength: 50 }), level, fc.double({ min: 0.1, max: 10, noNaN: true }), (values, shift, k) => {
        const points = values.map((v, i) => ({ at: new Date(T0 + i * HOUR), value: v }));
        const base = leastSquaresSlope(points) ?? NaN;
        expect(leastSquaresSlope(points.map((p) => ({ ...p, value: p.value + shift }))) ?? NaN).toBeCloseTo(base, 9);
        expect(leastSquaresSlope(points.map((p) => ({ ...p, value: p.value * k }))) ?? NaN).toBeCloseTo(base * k, 9);
      }),
    );
  });

  it("has no slope without two distinct times", () => {
    expect(leastSquaresSlope([])).toBeNull();
    expect(leastSquaresSlope([{ at: new Date(T0), value: 1 }])).toBeNull();
    expect(
      leastSquaresSlope([
        { at: new Date(T0), value: 1 },
        { at: new Date(T0), value: 5 },
      ]),
    ).toBeNull();
  });
});

describe("roomRunway", () => {
  it("counts the months to the threshold from the observed growth of a series over more than a day", () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 50, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), (start, growth) => {
        const points = hourly(7 * 24, (h) => start + (growth * h * HOUR) / MONTH_MS);
        const r = roomRunway({ series: points, thresholdPercent: 80, declaredPointsPerMonth: 100 });
        expect(r.basis).toBe("observed");
        expect(r.growthPointsPerMonth).toBeCloseTo(growth, 6);
        const now = start + (growth * 7 * 24 * HOUR) / MONTH_MS;
        expect(r.usedPercent).toBeCloseTo(now, 6);
        expect(r.months).toBeCloseTo(Math.max(0, (80 - now) / growth), 6);
      }),
    );
  });

  it("sees through a daily curve: whole days of a flat, cycling series have (almost) no growth", () => {
    const points = hourly(7 * 24, (h) => 40 + 10 * Math.sin((2 * Math.PI * h) / 24));
    const r = roomRunway({ series: points, thresholdPercent: 80, declaredPointsPerMonth: null });
    expect(r.basis).toBe("observed");
    expect(Math.abs(r.growthPointsPerMonth ?? NaN)).toBeLessThan(0.5);
  });

  it("says never when the room is flat or freeing up", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 70, noNaN: true }), fc.double({ min: -20, max: 0, noNaN: true }), (start, growth) => {
        const points = hourly(3 * 24, (h) => start + (growth * h * HOUR) / MONTH_MS);
        expect(roomRunway({ series: points, thresholdPercent: 80, declaredPointsPerMonth: 5 }).months).toBeNull();
      }),
    );
  });

  it("uses the declared growth when less than two whole days were observed, and says so", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 70, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true }), (used, declared) => {
        const points = hourly(40, () => used);
        const r = roomRunway({ series: points, thresholdPercent: 80, declaredPointsPerMonth: declared });
        expect(r).toMatchObject({ basis: "declared", growthPointsPerMonth: declared });
        expect(r.usedPercent).toBeCloseTo(used, 9);
        expect(r.months).toBeCloseTo((80 - used) / declared, 9);
      }),
    );
    expect(roomRunway({ series: hourly(6, () => 30), thresholdPercent: 80, declaredPointsPerMonth: null })).toMatchObject({ basis: "none", months: null });
    expect(roomRunway({ series: [], thresholdPercent: 80, declaredPointsPerMonth: 3 })).toMatchObject({ basis: "none", usedPercent: null, months: null });
  });

  it("is 0 at or past the threshold, shorter for a lower threshold or faster growth", () => {
    fc.assert(
      fc.property(
        level,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 30, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (used, t, g, k) => {
          const m = monthsUntil(used, t, g);
          if (used >= t) expect(m).toBe(0);
          else if (t - used > 1e-6) expect(m).toBeGreaterThan(0);
          expect(monthsUntil(used, t * 0.9, g) ?? Infinity).toBeLessThanOrEqual(m ?? Infinity);
          expect(monthsUntil(used, t, g * k) ?? Infinity).toBeLessThanOrEqual((m ?? Infinity) + 1e-9);
        },
      ),
    );
  });
});

describe("dailyMeans", () => {
  it("averages whole days counted back from the latest point, so any daily curve averages out", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 24, maxLength: 24 }), fc.integer({ min: 2, max: 9 }), (curve, days) => {
        const points = hourly(days * 24 + 5, (h) => 20 + (curve[h % 24] ?? 0));
        const means = dailyMeans(points);
        expect(means).toHaveLength(days);
        const expected = 20 + curve.reduce((s, v) => s + v, 0) / 24;
        for (const m of means) expect(m.value).toBeCloseTo(expected, 9);
        expect(means.at(-1)?.at.getTime()).toBe(T0 + (days * 24 + 5) * HOUR - 11.5 * HOUR);
      }),
    );
  });
});

describe("gibPerPoint", () => {
  it("scales the data at the horizon by the share of the disks it fills", () => {
    expect(gibPerPoint(1000, 0.5)).toBe(20);
    expect(gibPerPoint(0, 0.5)).toBeNull();
    expect(gibPerPoint(100, 0)).toBeNull();
  });
});

describe("departureOf", () => {
  it("departs exactly when the observed peak is more than 25% away from the planned one, either way", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (planned, k) => {
        const d = departureOf(planned * k, planned);
        expect(d.ratio).toBeCloseTo(k - 1, 9);
        expect(d.departs).toBe(Math.abs(d.ratio ?? 0) > DEPARTURE_LIMIT);
      }),
    );
    expect(departureOf(130, 100).departs).toBe(true);
    expect(departureOf(120, 100).departs).toBe(false);
    expect(departureOf(70, 100).departs).toBe(true);
  });

  it("treats load where none was planned as a departure, and no observation as none", () => {
    expect(departureOf(50, 0)).toEqual({ ratio: null, departs: true });
    expect(departureOf(0, 0)).toEqual({ ratio: null, departs: false });
    expect(departureOf(null, 100)).toEqual({ ratio: null, departs: false });
  });

  it("peakOf is the highest observation", () => {
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 40 }), (values) => {
        expect(peakOf(values.map((v, i) => ({ at: new Date(T0 + i), value: v })))).toBe(Math.max(...values));
      }),
    );
    expect(peakOf([])).toBeNull();
  });
});

describe("observedWorkload", () => {
  const current = WorkloadSchema.parse({ ...viewingHistory, name: "vh-runway" });

  it("takes the observed peaks (rounded up), data and growth, and keeps everything else the team said", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        (reads, writes, data, growth) => {
          const w = observedWorkload(current, { peakReadsPerSecond: reads, peakWritesPerSecond: writes, dataGiB: data, growthGiBPerMonth: growth });
          expect(w.readsPerSecond).toBeGreaterThanOrEqual(reads);
          expect(w.readsPerSecond).toBeLessThanOrEqual(reads + 1);
          expect(w.writesPerSecond).toBeGreaterThanOrEqual(writes);
          expect(w.datasetGiB).toBeGreaterThanOrEqual(data);
          expect(w.growthGiBPerMonth).toBeLessThanOrEqual(growth);
          expect(w.growthGiBPerMonth).toBeGreaterThan(growth - 0.11);
          const { readsPerSecond: _r, writesPerSecond: _w, datasetGiB: _d, growthGiBPerMonth: _g, ...rest } = w;
          const { readsPerSecond: _r2, writesPerSecond: _w2, datasetGiB: _d2, growthGiBPerMonth: _g2, ...before } = current;
          expect(rest).toEqual(before);
          expect(WorkloadSchema.safeParse(w).success).toBe(true);
        },
      ),
    );
  });

  it("keeps the declared figures where nothing was observed, and stays within the physical ceilings", () => {
    const same = observedWorkload(current, { peakReadsPerSecond: null, peakWritesPerSecond: null, dataGiB: null, growthGiBPerMonth: null });
    expect(same).toEqual(current);
    const huge = observedWorkload(current, { peakReadsPerSecond: 1e12, peakWritesPerSecond: 1, dataGiB: 1e9, growthGiBPerMonth: 1e9 });
    expect(huge.readsPerSecond).toBe(WORKLOAD_LIMITS.opsPerSecond);
    expect(huge.datasetGiB).toBe(WORKLOAD_LIMITS.dataGiB);
    expect(WorkloadSchema.safeParse(huge).success).toBe(true);
  });
});
