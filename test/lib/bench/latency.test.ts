import { describe, expect, it } from "vitest";
import { decodeHistogram, encodeHistogram, MAX_TRACKABLE_US, newLatencyHistogram, recordMs, summarise } from "@/lib/bench/latency";

describe("latency histogram", () => {
  it("reads percentiles of 1 … 10,000 µs to three significant digits", () => {
    const h = newLatencyHistogram();
    for (let us = 1; us <= 10_000; us++) recordMs(h, us / 1000);
    const s = summarise(h);
    expect(s.count).toBe(10_000);
    // The exact answers are 5.000, 9.500, 9.900 and 9.990 ms; HDR keeps 3 significant digits (0.1 %).
    expect(s.percentilesMs.p50).toBeCloseTo(5, 1);
    expect(Math.abs(s.percentilesMs.p95 - 9.5) / 9.5).toBeLessThan(0.001);
    expect(Math.abs(s.percentilesMs.p99 - 9.9) / 9.9).toBeLessThan(0.001);
    expect(Math.abs(s.percentilesMs.p99_9 - 9.99) / 9.99).toBeLessThan(0.001);
    expect(Math.abs(s.maxMs - 10) / 10).toBeLessThan(0.001);
    expect(s.meanMs).toBeCloseTo(5.0005, 2);
  });

  it("lets a few slow samples set p99.9 but not p99", () => {
    const h = newLatencyHistogram();
    for (let i = 0; i < 9_990; i++) recordMs(h, 1);
    for (let i = 0; i < 10; i++) recordMs(h, 1000);
    const s = summarise(h);
    expect(s.percentilesMs.p99).toBeCloseTo(1, 2);
    expect(s.percentilesMs.p99_9).toBeCloseTo(1, 2);
    expect(s.maxMs).toBeCloseTo(1000, -1);
    for (let i = 0; i < 100; i++) recordMs(h, 1000);
    expect(summarise(h).percentilesMs.p99).toBeGreaterThan(990);
  });

  it("summarises an empty histogram as zeros", () => {
    expect(summarise(newLatencyHistogram())).toEqual({ count: 0, meanMs: 0, maxMs: 0, percentilesMs: { p50: 0, p95: 0, p99: 0, p99_9: 0 } });
  });

  it("clamps below zero and above an hour instead of throwing", () => {
    const h = newLatencyHistogram();
    recordMs(h, -5);
    recordMs(h, 10 * 3_600_000);
    expect(h.totalCount).toBe(2);
    expect(h.maxValue).toBeGreaterThanOrEqual(MAX_TRACKABLE_US * 0.999);
  });

  it("encodes to HdrHistogram's compressed base64 and decodes to the same count and percentiles (max to the bucket)", () => {
    const h = newLatencyHistogram();
    for (let i = 1; i <= 5000; i++) recordMs(h, (i % 97) * 0.37 + 0.05);
    const encoded = encodeHistogram(h);
    expect(encoded).toMatch(/^[A-Za-z0-9+/=]+$/);
    const back = decodeHistogram(encoded);
    const [a, b] = [summarise(back), summarise(h)];
    expect(a.count).toBe(b.count);
    expect(a.percentilesMs).toEqual(b.percentilesMs);
    expect(a.meanMs).toBe(b.meanMs);
    // The encoding keeps counts per bucket, not the exact maximum: the decoded max is its bucket's upper end.
    expect(Math.abs(a.maxMs - b.maxMs) / b.maxMs).toBeLessThan(0.001);
  });
});
