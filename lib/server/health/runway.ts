// Capacity runway, as arithmetic: how fast a role's disks fill and how many months are left before their threshold;
// how far the observed peak traffic is from the plan; and the observed workload a re-plan runs. Pure: no clock, no
// database, no metrics source — runway-analysis.ts feeds it series read through the MetricsSource seam, and the
// property tests (test/lib/server/health/runway.test.ts) feed it anything.
import "server-only";
import { WORKLOAD_LIMITS, type Workload } from "@/lib/schemas/workload";

/** Observed load more than this far from the plan, either way, is a departure (issue 14: "more than 25%"). */
export const DEPARTURE_LIMIT = 0.25;
/**
 * Growth is measured day over day: the series follows a daily curve, and a line fitted through the raw points of a
 * few days leans with the curve (7 days of a ±10-point daily swing read as −12 points a month). The fit runs through
 * the means of whole days counted back from the latest point, so it needs at least two of them; shorter series fall
 * back to the workload's declared growth.
 */
export const DAY_MS = 24 * 3600 * 1000;
export const MIN_OBSERVED_DAYS = 2;
/** Slower than this is flat: 100 points would take 800 years. */
export const MIN_GROWTH_POINTS_PER_MONTH = 0.01;
/** An average month (365.25 / 12 days), the unit of the runway and of the workload's declared growth. */
export const MONTH_MS = (365.25 / 12) * 24 * 3600 * 1000;

export interface Point {
  at: Date;
  value: number;
}

/**
 * The least-squares slope of value against time, per millisecond; null without two distinct times. Times are
 * centred before summing, so millisecond epochs (≈1.8e12) do not swamp the sums.
 */
export function leastSquaresSlope(points: readonly Point[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  let meanT = 0;
  let meanV = 0;
  for (const p of points) {
    meanT += p.at.getTime() / n;
    meanV += p.value / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dt = p.at.getTime() - meanT;
    sxx += dt * dt;
    sxy += dt * (p.value - meanV);
  }
  return sxx > 0 ? sxy / sxx : null;
}

/** Where the line through the points stands at `at` (the mean when there is no slope). */
function fittedAt(points: readonly Point[], slope: number, at: number): number {
  const n = points.length;
  const meanT = points.reduce((s, p) => s + p.at.getTime() / n, 0);
  const meanV = points.reduce((s, p) => s + p.value / n, 0);
  return meanV + slope * (at - meanT);
}

export type GrowthBasis = "observed" | "declared" | "none";

export interface RoomInput {
  /** Percentage used over time (any order). */
  series: readonly Point[];
  /** The percentage the runway runs to (the metric's critical threshold). */
  thresholdPercent: number;
  /** The workload's declared growth in percentage points a month (null when it declares none). */
  declaredPointsPerMonth: number | null;
}

export interface RoomRunway {
  /** Percentage used now: the fitted line at the last observation (observed), else the mean of the last day. */
  usedPercent: number | null;
  /** Percentage points a month; negative when the room is freeing up. */
  growthPointsPerMonth: number | null;
  basis: GrowthBasis;
  /** Months until the threshold: 0 when already there, null when never (flat or shrinking, or no growth known). */
  months: number | null;
}

/**
 * The means of the whole days of a series counted back from its latest point, each at the mean time of its points,
 * oldest first; a day without points is left out. The partial day before the first whole one is dropped.
 */
export function dailyMeans(series: readonly Point[]): Point[] {
  if (series.length === 0) return [];
  const latest = series.reduce((m, p) => Math.max(m, p.at.getTime()), -Infinity);
  const sums = new Map<number, { sum: number; at: number; n: number }>();
  let oldest = latest;
  for (const p of series) oldest = Math.min(oldest, p.at.getTime());
  const wholeDays = Math.floor((latest - oldest) / DAY_MS);
  for (const p of series) {
    // Day 0 ends at the latest point (inclusive); day k covers (latest − (k+1)·24h, latest − k·24h].
    const k = Math.floor((latest - p.at.getTime()) / DAY_MS);
    if (k >= wholeDays) continue;
    const b = sums.get(k) ?? { sum: 0, at: 0, n: 0 };
    b.sum += p.value;
    b.at += p.at.getTime();
    b.n += 1;
    sums.set(k, b);
  }
  return [...sums.entries()].sort(([a], [b]) => b - a).map(([, b]) => ({ at: new Date(b.at / b.n), value: b.sum / b.n }));
}

export function monthsUntil(used: number, threshold: number, growthPerMonth: number | null): number | null {
  if (used >= threshold) return 0;
  if (growthPerMonth === null || !(growthPerMonth >= MIN_GROWTH_POINTS_PER_MONTH)) return null;
  return (threshold - used) / growthPerMonth;
}

/** The mean of the last day (or of everything, when less was observed): a level the daily curve does not tilt. */
function lastDayMean(series: readonly Point[], latest: number): number {
  const recent = series.filter((p) => latest - p.at.getTime() < DAY_MS);
  return recent.reduce((s, p) => s + p.value, 0) / recent.length;
}

/** Months until a role's room reaches its threshold, from its observed growth, else the declared one. */
export function roomRunway(input: RoomInput): RoomRunway {
  const { series, thresholdPercent, declaredPointsPerMonth } = input;
  if (series.length === 0) return { usedPercent: null, growthPointsPerMonth: declaredPointsPerMonth, basis: "none", months: null };
  const latest = series.reduce((m, p) => Math.max(m, p.at.getTime()), -Infinity);
  const days = dailyMeans(series);
  const slope = days.length >= MIN_OBSERVED_DAYS ? leastSquaresSlope(days) : null;
  if (slope !== null) {
    const used = fittedAt(days, slope, latest);
    const growth = slope * MONTH_MS;
    return { usedPercent: used, growthPointsPerMonth: growth, basis: "observed", months: monthsUntil(used, thresholdPercent, growth) };
  }
  const used = lastDayMean(series, latest);
  if (declaredPointsPerMonth === null)
    return { usedPercent: used, growthPointsPerMonth: null, basis: "none", months: monthsUntil(used, thresholdPercent, null) };
  return {
    usedPercent: used,
    growthPointsPerMonth: declaredPointsPerMonth,
    basis: "declared",
    months: monthsUntil(used, thresholdPercent, declaredPointsPerMonth),
  };
}

/**
 * How much logical data one percentage point of a cluster's disks holds: the data at the horizon fills `horizonShare`
 * of the disks (runway-inputs.ts reads it from the plan and the topology), so 100% holds dataAtHorizon / share. Null
 * when there is nothing to scale by.
 */
export function gibPerPoint(dataAtHorizonGiB: number, horizonShare: number): number | null {
  if (!(dataAtHorizonGiB > 0) || !(horizonShare > 0)) return null;
  return dataAtHorizonGiB / horizonShare / 100;
}

/** The highest observation (null for an empty series). */
export function peakOf(series: readonly Point[]): number | null {
  return series.length === 0 ? null : series.reduce((m, p) => Math.max(m, p.value), -Infinity);
}

export interface Departure {
  /** (observed − planned) / planned; null when nothing was planned (any load then departs) or nothing observed. */
  ratio: number | null;
  departs: boolean;
}

/** How far an observed peak is from the planned one; more than DEPARTURE_LIMIT either way departs. */
export function departureOf(observedPeak: number | null, planned: number): Departure {
  if (observedPeak === null) return { ratio: null, departs: false };
  if (planned <= 0) return { ratio: null, departs: observedPeak >= 1 };
  const ratio = (observedPeak - planned) / planned;
  return { ratio, departs: Math.abs(ratio) > DEPARTURE_LIMIT };
}

/** What was observed of the workload, region by region already reduced to the busiest (rates are per region). */
export interface ObservedFigures {
  peakReadsPerSecond: number | null;
  peakWritesPerSecond: number | null;
  /** Logical data per region now, GiB (null when the room cannot be scaled to data). */
  dataGiB: number | null;
  /** Logical growth per region, GiB a month, with its basis (declared growth is kept as it is). */
  growthGiBPerMonth: number | null;
}

const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);

/**
 * The workload a re-plan runs: the current one with the observed peaks (rounded up: a plan for 1,200.4 reads/s is a
 * plan for 1,201) and the observed data and growth in place of the declared ones; everything the team said about
 * latency, consistency, regions and the horizon is kept. Observed figures are points, so ranges give way to them.
 */
export function observedWorkload(current: Workload, o: ObservedFigures): Workload {
  const next: Workload = { ...current };
  if (o.peakReadsPerSecond !== null) next.readsPerSecond = clamp(Math.ceil(o.peakReadsPerSecond), WORKLOAD_LIMITS.opsPerSecond);
  if (o.peakWritesPerSecond !== null) next.writesPerSecond = clamp(Math.ceil(o.peakWritesPerSecond), WORKLOAD_LIMITS.opsPerSecond);
  if (o.dataGiB !== null) next.datasetGiB = clamp(Math.ceil(o.dataGiB), WORKLOAD_LIMITS.dataGiB);
  if (o.growthGiBPerMonth !== null) {
    // Growth that would take the data past the ceiling at the horizon is capped there (the schema's own rule).
    const data = typeof next.datasetGiB === "number" ? next.datasetGiB : next.datasetGiB.high;
    const room = Math.max(0, (WORKLOAD_LIMITS.dataGiB - data) / next.horizonMonths);
    next.growthGiBPerMonth = Math.floor(clamp(o.growthGiBPerMonth, room) * 10) / 10;
  }
  return next;
}
