import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from "hdr-histogram-js";
import { PERCENTILE_VALUES, PERCENTILES, type LatencySummary } from "./result";

/** One hour in microseconds: the largest latency recorded as itself (anything longer is recorded as one hour). */
export const MAX_TRACKABLE_US = 3_600_000_000;

/**
 * An HDR histogram of latencies in microseconds, 3 significant digits (so a p99 of 12.345 ms reads as 12.3 ms, and
 * 850 µs as 850 µs). Pure JavaScript: hdr-histogram-js can also run its WebAssembly build, which the portal does
 * not use (it would only matter at millions of records per second).
 */
export function newLatencyHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
    useWebAssembly: false,
  });
}

/** Records a latency given in milliseconds (fractions kept to the microsecond). */
export function recordMs(h: Histogram, latencyMs: number): void {
  const us = Math.round(latencyMs * 1000);
  h.recordValue(us < 0 ? 0 : us > MAX_TRACKABLE_US ? MAX_TRACKABLE_US : us);
}

const toMs = (us: number) => Math.round(us) / 1000;

export function summarise(h: Histogram): LatencySummary {
  const count = h.totalCount;
  const percentilesMs = Object.fromEntries(
    PERCENTILES.map((p) => [p, count === 0 ? 0 : toMs(h.getValueAtPercentile(PERCENTILE_VALUES[p].value))]),
  ) as LatencySummary["percentilesMs"];
  return { count, meanMs: count === 0 ? 0 : toMs(h.mean), maxMs: count === 0 ? 0 : toMs(h.maxValue), percentilesMs };
}

export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return decodeFromCompressedBase64(encoded, 32, false);
}
