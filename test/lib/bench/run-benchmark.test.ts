// The harness's own rules, with an in-process driver (no server): schedule, mix, warm-up, errors, cancellation,
// progress and the shape of the result. Counts rest on the schedule (request i is due at i / rate), not on timing,
// so they hold on a loaded machine; the few timing bounds are loose.
import { describe, expect, it } from "vitest";
import { decodeHistogram } from "@/lib/bench/latency";
import { BenchProfileError, type BenchProfileInput } from "@/lib/bench/profile";
import { BenchResultSchema } from "@/lib/bench/result";
import { runBenchmark, type BenchProgress } from "@/lib/bench/run-benchmark";
import { memoryDriver } from "@/test/support/bench";

const base: BenchProfileInput = {
  mix: { read: 0.5, write: 0.5 },
  keySpace: { count: 100, distribution: "uniform" },
  valueSize: { kind: "fixed", bytes: 64 },
  rate: 200,
  connections: 4,
  durationS: 1,
};

describe("runBenchmark", () => {
  it("sends exactly rate × duration measured requests and rate × warm-up warm-up requests, on the connections it opened", async () => {
    const m = memoryDriver();
    const r = await runBenchmark({ ...base, rate: 200, warmupS: 1, durationS: 1 }, m.driver);
    expect(r.reads.ok + r.writes.ok).toBe(200);
    expect(r.warmup).toEqual({ requests: 200, errors: 0 });
    expect(m.calls).toHaveLength(400);
    expect(m.opened).toEqual([{ connections: 4, requestTimeoutMs: 2000 }]);
    expect(Math.max(...m.calls.map((c) => c.conn))).toBeLessThan(4);
    expect(m.closedCount()).toBe(1);
    expect(r).toMatchObject({ mode: "open-loop", outcome: "completed", driver: "memory", throughput: { targetPerSecond: 200 } });
    expect(r.measuredS).toBe(1);
  });

  it("keeps to the schedule: requests go out at the target rate, not as fast as the driver answers", async () => {
    const m = memoryDriver();
    await runBenchmark({ ...base, rate: 100, durationS: 2 }, m.driver);
    const first = m.calls[0]?.at ?? 0;
    const last = m.calls[m.calls.length - 1]?.at ?? 0;
    // 200 requests due over 1.99 s; an instant driver would have finished them in milliseconds if not held back.
    expect(m.calls).toHaveLength(200);
    expect(last - first).toBeGreaterThan(1900);
    // At no point are many more requests sent than were due by then.
    for (const [i, c] of m.calls.entries()) expect(c.at - first).toBeGreaterThanOrEqual(i * 10 - 20);
  });

  it("leaves the warm-up out of every figure", async () => {
    // Requests sent in the first 0.8 s take 2 s; later ones answer at once. Only the later ones are measured, so no
    // measured latency comes near 2 s (the bound is half of it: not a speed, this machine may be loaded).
    let t0 = 0;
    const m = memoryDriver({ delayMs: (c) => ((t0 ||= c.at), c.at - t0 < 800 ? 2000 : 0) });
    const r = await runBenchmark({ ...base, rate: 100, connections: 256, warmupS: 1, durationS: 1 }, m.driver);
    expect(r.warmup.requests).toBe(100);
    expect(r.reads.ok + r.writes.ok).toBe(100);
    expect(r.reads.latency.maxMs).toBeLessThan(1000);
    expect(r.writes.latency.maxMs).toBeLessThan(1000);
    expect(r.throughput.series.reduce((n, p) => n + p.reads + p.writes, 0)).toBe(100);
  });

  it("sends the profile's mix, value sizes and keys", async () => {
    const m = memoryDriver();
    const r = await runBenchmark(
      {
        ...base,
        mix: { read: 0.3, write: 0.7 },
        rate: 1000,
        durationS: 2,
        valueSize: { kind: "uniform", minBytes: 10, maxBytes: 20 },
        keySpace: { count: 50, distribution: "uniform", prefix: "t:" },
      },
      m.driver,
    );
    const reads = m.calls.filter((c) => c.op === "read").length;
    expect(reads / m.calls.length).toBeGreaterThan(0.25);
    expect(reads / m.calls.length).toBeLessThan(0.35);
    expect(r.reads.ok).toBe(reads);
    const sizes = m.calls.filter((c) => c.op === "write").map((c) => c.bytes);
    expect(Math.min(...sizes)).toBe(10);
    expect(Math.max(...sizes)).toBe(20);
    for (const c of m.calls) expect(c.key).toMatch(/^t:(\d|[1-4]\d)$/);
  });

  it("sends the same sequence for the same seed", async () => {
    const a = memoryDriver();
    const b = memoryDriver();
    await runBenchmark({ ...base, seed: 9 }, a.driver);
    await runBenchmark({ ...base, seed: 9 }, b.driver);
    expect(b.calls.map((c) => `${c.op} ${c.key} ${c.bytes}`)).toEqual(a.calls.map((c) => `${c.op} ${c.key} ${c.bytes}`));
  });

  it("prefills every key before the schedule, so reads find them", async () => {
    const m = memoryDriver();
    const r = await runBenchmark({ ...base, prefill: true, keySpace: { count: 300, distribution: "zipfian" } }, m.driver);
    expect(r.prefill).toEqual({ keys: 300, errors: 0 });
    expect(m.store.size).toBe(300);
    expect(r.reads.hits).toBe(r.reads.ok);
    expect(r.reads.ok).toBeGreaterThan(0);
  });

  it("counts reads of missing keys as misses, not errors", async () => {
    const m = memoryDriver();
    const r = await runBenchmark({ ...base, mix: { read: 1, write: 0 } }, m.driver);
    expect(r.reads.ok).toBe(200);
    expect(r.reads.hits).toBe(0);
    expect(r.errors).toEqual([]);
  });

  it("counts errors by kind, keeps a sample message, and leaves them out of the latencies", async () => {
    let n = 0;
    const m = memoryDriver({
      fail: () => {
        n++;
        if (n % 10 === 0) return Object.assign(new Error("request timed out after 5 ms"), { kind: "timeout" });
        if (n % 25 === 1) return Object.assign(new Error("NOAUTH Authentication required"), { kind: "server" });
        return null;
      },
      delayMs: () => 1,
    });
    const r = await runBenchmark({ ...base, rate: 500, durationS: 1 }, m.driver);
    expect(r.errors).toEqual([
      { kind: "timeout", count: 50, sample: "Error: request timed out after 5 ms" },
      { kind: "server", count: 20, sample: "Error: NOAUTH Authentication required" },
    ]);
    expect(r.reads.errors + r.writes.errors).toBe(70);
    expect(r.reads.ok + r.writes.ok).toBe(430);
    expect(r.reads.latency.count + r.writes.latency.count).toBe(430);
    expect(r.throughput.series.reduce((t, p) => t + p.errors, 0)).toBe(70);
  });

  it("stops waiting for a request that never answers: it is 'no-answer', and what could not be sent behind it 'not-sent'", async () => {
    // One connection; the 10th request hangs, so the 90 due after it never go out.
    const m = memoryDriver({ hang: () => m.calls.length === 10 });
    const started = performance.now();
    const r = await runBenchmark({ ...base, connections: 1, rate: 100, durationS: 1 }, m.driver, { drainTimeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.reads.ok + r.writes.ok).toBe(9);
    expect(r.errors).toEqual([
      { kind: "not-sent", count: 90, sample: expect.stringMatching(/not sent within 300 ms/) },
      { kind: "no-answer", count: 1, sample: expect.stringMatching(/no answer within 300 ms/) },
    ]);
    expect(r.outcome).toBe("completed");
  });

  it("stops on abort: what was sent is measured and the result says cancelled", async () => {
    const controller = new AbortController();
    const m = memoryDriver();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const r = await runBenchmark({ ...base, rate: 100, durationS: 30 }, m.driver, { signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.outcome).toBe("cancelled");
    expect(r.measuredS).toBeLessThan(3);
    expect(r.reads.ok + r.writes.ok).toBe(m.calls.length);
    expect(r.errors).toEqual([]);
    expect(m.closedCount()).toBe(1);
  });

  it("reports progress while it runs: phase, counts, backlog and the last whole second", async () => {
    const seen: BenchProgress[] = [];
    const m = memoryDriver();
    await runBenchmark({ ...base, rate: 200, warmupS: 1, durationS: 2 }, m.driver, { onProgress: (p) => seen.push(p), progressIntervalMs: 250 });
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(["warmup", "measure"]));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.sent).toBeGreaterThanOrEqual(seen[i - 1]!.sent);
    const withSecond = seen.filter((p) => p.lastSecond !== null);
    expect(withSecond.length).toBeGreaterThan(0);
    expect(withSecond[0]!.lastSecond).toMatchObject({ second: 0, reads: expect.any(Number), writes: expect.any(Number) });
    expect(() => JSON.stringify(seen)).not.toThrow();
  });

  it("runs closed-loop at rate 'unbounded': each connection sends when the last request answered", async () => {
    const inFlight = new Set<number>();
    let overlap = false;
    const m = memoryDriver({
      delayMs: (c) => {
        if (inFlight.has(c.conn)) overlap = true;
        inFlight.add(c.conn);
        setTimeout(() => inFlight.delete(c.conn), 1);
        return 1;
      },
    });
    const r = await runBenchmark({ ...base, rate: "unbounded", connections: 2, durationS: 1 }, m.driver);
    expect(r.mode).toBe("closed-loop");
    expect(r.throughput.targetPerSecond).toBeNull();
    expect(r.reads.ok + r.writes.ok).toBeGreaterThan(10);
    expect(r.reads.latency).toEqual(r.reads.serviceTime);
    expect(overlap).toBe(false);
  });

  it("returns plain JSON that the result schema accepts, with histograms that decode to the summarised counts", async () => {
    const m = memoryDriver({ delayMs: () => 2 });
    const r = await runBenchmark({ ...base, warmupS: 1 }, m.driver);
    const back = BenchResultSchema.parse(JSON.parse(JSON.stringify(r)));
    expect(back).toEqual(r);
    expect(decodeHistogram(r.reads.histogram).totalCount).toBe(r.reads.latency.count);
    expect(decodeHistogram(r.writes.histogram).totalCount).toBe(r.writes.latency.count);
    expect(r.reads.latency.percentilesMs.p50).toBeGreaterThanOrEqual(2);
  });

  it("rejects an invalid profile naming the fields, before opening the driver", async () => {
    const m = memoryDriver();
    const error = await runBenchmark({ ...base, connections: 0, mix: { read: 0.5, write: 0.6 } }, m.driver).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchProfileError);
    expect((error as BenchProfileError).errors.map((e) => e.field).sort()).toEqual(["connections", "mix"]);
    expect((error as Error).message).toMatch(/connections: must be a whole number from 1 to 1,024/);
    expect(m.opened).toEqual([]);
  });

  it("counts a driver that throws instead of rejecting as an error, and still closes it", async () => {
    const m = memoryDriver();
    m.driver.write = () => {
      throw new Error("synchronous driver bug");
    };
    const r = await runBenchmark({ ...base, mix: { read: 0, write: 1 } }, m.driver);
    expect(m.closedCount()).toBe(1);
    expect(r.errors[0]).toMatchObject({ kind: "server", count: 200, sample: "Error: synchronous driver bug" });
  });
});
