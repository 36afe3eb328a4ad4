// Shared sizing formulas. Sources: Netflix service-capacity-modeling models/common.py as described in
// ../shared/reference/capacity-models.md §6 (square-root staffing, core normalisation, network).
import type { InstanceShape } from "../../catalog";

/** Halfin–Whitt quality-of-service factor by tier: P(queue) ≈ 1% / 5% / 20% / 30%. */
export const QOS_BY_TIER = [2.375, 1.761, 1.16, 1.0] as const;

/** The reference core every core requirement is expressed in: 2.3 GHz at IPC 1.0 (Skylake). */
export const REFERENCE_CORE = { ghz: 2.3, ipcScale: 1.0 } as const;

/**
 * Square-root staffing: cores = ceil(a + Q·√a), a = offered load in CPU-seconds per second.
 * The per-op CPU time is weighted by the read/write mix.
 */
export function sqrtStaffedCores(opts: { reads: number; writes: number; readCpuMs: number; writeCpuMs: number; tier: 0 | 1 | 2 | 3 }): number {
  const a = (opts.reads * opts.readCpuMs + opts.writes * opts.writeCpuMs) / 1000;
  if (a <= 0) return 0;
  return Math.ceil(a + QOS_BY_TIER[opts.tier] * Math.sqrt(a));
}

/** Reference cores → cores of `shape` (faster clock × IPC needs fewer). Never below 1. */
export function normalizeCores(referenceCores: number, shape: Pick<InstanceShape, "ghz" | "ipcScale">): number {
  if (referenceCores <= 0) return 0;
  return Math.max(1, Math.ceil((referenceCores * REFERENCE_CORE.ghz * REFERENCE_CORE.ipcScale) / (shape.ghz * shape.ipcScale)));
}

/** Megabits per second of payload: ceil((R·readBytes + W·writeBytes) / 125 000). */
export function networkMbps(reads: number, readBytes: number, writes: number, writeBytes: number): number {
  return Math.ceil((reads * readBytes + writes * writeBytes) / 125_000);
}

export const SECONDS_PER_YEAR = 31_556_926;
export const GIB = 1024 ** 3;

/** GiB per year written at `writes`/s of `bytes` each. */
export function gibPerYear(writes: number, bytes: number): number {
  return (writes * bytes * SECONDS_PER_YEAR) / GIB;
}

/** Logistic interpolation from `from` to `to` with its midpoint at `mid` (log scale), as the adaptive buffers do. */
export function logisticBuffer(x: number, from: number, to: number, mid: number, steepness = 1): number {
  if (x <= 0) return from;
  const t = 1 / (1 + Math.pow(mid / x, steepness));
  return from + (to - from) * t;
}
