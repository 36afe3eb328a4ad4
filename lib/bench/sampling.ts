import type { KeySpace, ValueSize } from "./profile";

/** A uniform double in [0, 1). */
export type Random = () => number;

/**
 * A seeded PRNG (sfc32, seeded through splitmix32): the same seed gives the same sequence, so two runs of one profile
 * send the same keys in the same order. Not cryptographic; fast enough that it never shows in the harness's overhead.
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/**
 * Zipf-distributed ranks 1 … n, P(k) ∝ 1/k^s, by rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-
 * inversion to generate variates from monotone discrete distributions", ACM TOMACS 6(3), 1996 — the method Apache
 * Commons RNG uses). Constant set-up and O(1) expected time per draw for any n, unlike YCSB's generator, whose zeta
 * table costs O(n) to build.
 */
export function zipfSampler(n: number, s: number, random: Random): () => number {
  if (!(n >= 1) || !(s > 0)) throw new RangeError(`zipf needs n ≥ 1 and s > 0 (got n=${n}, s=${s})`);
  const helper1 = (x: number) => (Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x)));
  const helper2 = (x: number) => (Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1 / 3) * (1 + 0.25 * x)));
  const h = (x: number) => Math.exp(-s * Math.log(x));
  const hIntegral = (x: number) => {
    const logX = Math.log(x);
    return helper2((1 - s) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - s);
    if (t < -1) t = -1; // numerical safety: t ≥ −1 always holds mathematically
    return Math.exp(helper1(t) * x);
  };
  const hIntegralX1 = hIntegral(1.5) - 1;
  const hIntegralN = hIntegral(n + 0.5);
  const sCut = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  return () => {
    for (;;) {
      const u = hIntegralN + random() * (hIntegralX1 - hIntegralN);
      const x = hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > n) k = n;
      if (k - x <= sCut || u >= hIntegral(k + 0.5) - h(k)) return k;
    }
  };
}

/** Picks key indexes 0 … count − 1: uniformly, or by zipf rank (index 0 the hottest key). */
export function keyIndexSampler(keySpace: KeySpace, random: Random): () => number {
  if (keySpace.distribution === "uniform") return () => Math.floor(random() * keySpace.count);
  const rank = zipfSampler(keySpace.count, keySpace.zipfExponent, random);
  return () => rank() - 1;
}

/** Draws the byte size of each value written. */
export function valueSizeSampler(size: ValueSize, random: Random): () => number {
  switch (size.kind) {
    case "fixed":
      return () => size.bytes;
    case "uniform": {
      const span = size.maxBytes - size.minBytes + 1;
      return () => size.minBytes + Math.floor(random() * span);
    }
    case "weighted": {
      const total = size.sizes.reduce((t, x) => t + x.weight, 0);
      const cumulative: number[] = [];
      let acc = 0;
      for (const x of size.sizes) cumulative.push((acc += x.weight / total));
      const last = size.sizes.length - 1;
      return () => {
        const u = random();
        for (let i = 0; i < last; i++) if (u < (cumulative[i] ?? 1)) return size.sizes[i]?.bytes ?? 1;
        return size.sizes[last]?.bytes ?? 1;
      };
    }
  }
}
