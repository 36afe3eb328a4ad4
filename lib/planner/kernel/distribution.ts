// Uncertain quantities as distributions. An interval low/mid/high with confidence c says: P(X < low) = (1−c)/2,
// P(X < mid) = ½, P(X < high) = 1 − (1−c)/2, bounded by [minimum, maximum]. We use the piecewise-linear CDF
// through those five points: monotone, exact at the stated quantiles, cheap to invert (sampling) and to
// evaluate (working sets). The reference planner fits a beta distribution to the same points; ours agrees at
// the quantiles the user stated and differs only in the tails' curvature.

export interface IntervalLike {
  low: number;
  mid: number;
  high: number;
  confidence?: number;
  minimum?: number;
  maximum?: number;
}

function knots(i: IntervalLike): { x: number[]; p: number[] } {
  const c = i.confidence ?? 1;
  const tail = (1 - c) / 2;
  const certain = c >= 1;
  const min = i.minimum ?? (certain ? i.low * 0.999 : i.low / 2);
  const max = i.maximum ?? (certain ? i.high * 1.001 : i.high * 2);
  const tailP = Math.max(tail, 1e-6);
  return {
    x: [Math.min(min, i.low), i.low, i.mid, i.high, Math.max(max, i.high)],
    p: [0, tailP, 0.5, 1 - tailP, 1],
  };
}

/** P(X ≤ v). */
export function cdf(i: IntervalLike, v: number): number {
  const { x, p } = knots(i);
  if (v <= x[0]!) return 0;
  for (let k = 1; k < x.length; k++) {
    const x1 = x[k]!;
    if (v <= x1) {
      const x0 = x[k - 1]!;
      const p0 = p[k - 1]!;
      const p1 = p[k]!;
      return x1 === x0 ? p1 : p0 + ((v - x0) / (x1 - x0)) * (p1 - p0);
    }
  }
  return 1;
}

/** The q-quantile of X (inverse CDF). */
export function ppf(i: IntervalLike, q: number): number {
  const { x, p } = knots(i);
  if (q <= 0) return x[0]!;
  for (let k = 1; k < p.length; k++) {
    const p1 = p[k]!;
    if (q <= p1) {
      const p0 = p[k - 1]!;
      const x0 = x[k - 1]!;
      const x1 = x[k]!;
      return p1 === p0 ? x1 : x0 + ((q - p0) / (p1 - p0)) * (x1 - x0);
    }
  }
  return x[x.length - 1]!;
}

/**
 * Share of the data that must sit in RAM so that the drive's p-th percentile read is still within the latency
 * SLO distribution: ws = max(0.01, CDF_SLO(drive.ppf(p))).
 */
export function workingSetFromDriveAndSlo(driveLatency: IntervalLike, slo: IntervalLike, percentile: number, minimum = 0.01): number {
  return Math.min(1, Math.max(minimum, cdf(slo, ppf(driveLatency, percentile))));
}

/** Mulberry32: a tiny, fast, seeded PRNG so simulated plans are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic 32-bit seed from a field name (FNV-1a), so each field draws its own stream. */
export function seedFor(name: string, base = 0): number {
  let h = 0x811c9dc5 ^ base;
  for (let k = 0; k < name.length; k++) {
    h ^= name.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
