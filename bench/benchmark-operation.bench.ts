// npx tsx --conditions=react-server bench/benchmark-operation.bench.ts — what the portal's benchmark operation adds on top of the harness
// (bench/harness.bench.ts measures the harness against redis-benchmark and memaslap): the harness run in a child
// process as the worker runs it (lib/bench/run-in-child.ts) against the same harness in this process, the delaying
// proxy that carries a simulated latency spike (at 0 ms: its own cost), and the time to compute a synthetic run.
// Closed loop, GET of 100-byte values on 16 connections against a local redis-server. Figures to read, not targets:
// the machine is shared.
import { loadavg } from "node:os";
import { computeSyntheticRun } from "../lib/bench/drivers/model";
import { redisDriver } from "../lib/bench/drivers/redis";
import { startLocalServer } from "../lib/bench/local-server";
import { BenchProfileSchema } from "../lib/bench/profile";
import type { BenchResult } from "../lib/bench/result";
import { runBenchmark } from "../lib/bench/run-benchmark";
import { runInChild } from "../lib/bench/run-in-child";
import { startDelayingProxy } from "../lib/bench/delaying-proxy";

const profile = BenchProfileSchema.parse({
  name: "operation overhead",
  mix: { read: 1, write: 0 },
  keySpace: { count: 10_000, distribution: "uniform" },
  valueSize: { kind: "fixed", bytes: 100 },
  rate: "unbounded",
  connections: 16,
  warmupS: 1,
  durationS: 3,
  prefill: true,
});

async function main() {
  const server = await startLocalServer("redis");
  const rows: { how: string; perSecond: number; p50Ms: number; p99Ms: number; wallS: number }[] = [];
  const row = async (how: string, run: () => Promise<BenchResult>) => {
    const t0 = performance.now();
    const r = await run();
    rows.push({
      how,
      perSecond: Math.round(r.throughput.achievedPerSecond),
      p50Ms: r.reads.latency.percentilesMs.p50,
      p99Ms: r.reads.latency.percentilesMs.p99,
      wallS: Math.round((performance.now() - t0) / 100) / 10,
    });
  };
  try {
    for (let i = 0; i < 2; i++) {
      await row("in this process", () => runBenchmark(profile, redisDriver({ host: server.host, port: server.port })));
      await row("child process (worker)", () => runInChild(profile, { kind: "redis", host: server.host, port: server.port }));
      const proxy = await startDelayingProxy({ host: server.host, port: server.port }, 0);
      await row("child + proxy at 0 ms", () => runInChild(profile, { kind: "redis", host: proxy.host, port: proxy.port }));
      await proxy.close();
    }
  } finally {
    await server.stop();
  }
  const synthetic = BenchProfileSchema.parse({ ...profile, rate: 2000, durationS: 10, connections: 20 });
  const t0 = performance.now();
  const s = computeSyntheticRun(synthetic, { p99ReadMs: 2, p99WriteMs: 2 }, "cassandra", new Date());
  const computeMs = Math.round(performance.now() - t0);

  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} on a shared 2-core machine`,
  );
  console.log("how                      requests/s   p50 ms   p99 ms   wall s (boot, prefill, warm-up included)");
  for (const r of rows)
    console.log(
      `${r.how.padEnd(24)} ${String(r.perSecond).padStart(10)} ${String(r.p50Ms).padStart(8)} ${String(r.p99Ms).padStart(8)} ${String(r.wallS).padStart(8)}`,
    );
  console.log(
    `synthetic run of 2,000/s for 10 s (${s.reads.ok} requests) computed in ${computeMs} ms; p99 ${s.reads.latency.percentilesMs.p99} ms for a model p99 of 2 ms`,
  );
}

void main();
