// Helpers for the benchmark harness's tests: an in-process driver (the harness's own logic under test, no server),
// result fixtures built through the same HDR summaries the harness uses, and raw protocol probes that check what a
// driver stored without going through the client under test.
import { createConnection } from "node:net";
import type { BenchDriver } from "@/lib/bench/driver";
import { encodeHistogram, newLatencyHistogram, recordMs, summarise } from "@/lib/bench/latency";
import { BenchProfileSchema, type BenchProfileInput } from "@/lib/bench/profile";
import type { BenchResult, OpStats } from "@/lib/bench/result";

export interface MemoryDriverCall {
  op: "read" | "write";
  key: string;
  conn: number;
  bytes: number;
  at: number;
}

/**
 * A driver over a Map, answering after `delayMs(call)` milliseconds (0: on the next macrotask), or failing with the
 * error `fail(call)` returns. `hang(call)` true leaves the request unanswered for ever.
 */
export function memoryDriver(
  options: {
    delayMs?: (c: MemoryDriverCall) => number;
    fail?: (c: MemoryDriverCall) => (Error & { kind?: string }) | null;
    hang?: (c: MemoryDriverCall) => boolean;
  } = {},
) {
  const store = new Map<string, number>();
  const calls: MemoryDriverCall[] = [];
  const opened: { connections: number; requestTimeoutMs: number }[] = [];
  let closed = 0;
  const answer = <T>(call: MemoryDriverCall, value: () => T): Promise<T> => {
    calls.push(call);
    if (options.hang?.(call)) return new Promise<T>(() => {});
    const error = options.fail?.(call) ?? null;
    const delay = options.delayMs?.(call) ?? 0;
    return new Promise<T>((resolve, reject) => setTimeout(() => (error ? reject(error) : resolve(value())), delay));
  };
  const driver: BenchDriver = {
    name: "memory",
    async open(o) {
      opened.push(o);
    },
    read(key, conn) {
      return answer({ op: "read", key, conn, bytes: 0, at: performance.now() }, () => store.has(key));
    },
    write(key, value, conn) {
      return answer({ op: "write", key, conn, bytes: value.byteLength, at: performance.now() }, () => {
        store.set(key, value.byteLength);
      });
    },
    async close() {
      closed++;
    },
    errorKind(error) {
      return (error as { kind?: string }).kind ?? "server";
    },
  };
  return { driver, store, calls, opened, closedCount: () => closed };
}

export function opStats(latenciesMs: number[], errors = 0): OpStats {
  const h = newLatencyHistogram();
  for (const ms of latenciesMs) recordMs(h, ms);
  const latency = summarise(h);
  return { ok: latenciesMs.length, errors, hits: latenciesMs.length, latency, serviceTime: latency, histogram: encodeHistogram(h) };
}

/** `n` latencies spread evenly between `low` and `high` ms. */
export function spread(n: number, low: number, high: number): number[] {
  return Array.from({ length: n }, (_, i) => low + ((high - low) * i) / Math.max(1, n - 1));
}

export function resultFixture(opts: {
  reads: number[];
  writes: number[];
  profile?: Partial<BenchProfileInput>;
  errors?: BenchResult["errors"];
  mode?: BenchResult["mode"];
  achievedPerSecond?: number;
  outcome?: BenchResult["outcome"];
  driver?: string;
}): BenchResult {
  const profile = BenchProfileSchema.parse({
    mix: { read: 0.5, write: 0.5 },
    keySpace: { count: 1000, distribution: "uniform" },
    valueSize: { kind: "fixed", bytes: 100 },
    rate: 1000,
    connections: 4,
    durationS: 10,
    ...opts.profile,
  });
  const errors = opts.errors ?? [];
  return {
    schemaVersion: 1,
    driver: opts.driver ?? "redis",
    profile,
    mode: opts.mode ?? (profile.rate === "unbounded" ? "closed-loop" : "open-loop"),
    outcome: opts.outcome ?? "completed",
    startedAt: "2026-01-01T00:00:00.000Z",
    measuredS: profile.durationS,
    reads: opStats(opts.reads),
    writes: opStats(opts.writes),
    throughput: {
      targetPerSecond: profile.rate === "unbounded" ? null : profile.rate,
      achievedPerSecond: opts.achievedPerSecond ?? (opts.reads.length + opts.writes.length) / profile.durationS,
      series: [],
    },
    errors,
    warmup: { requests: 0, errors: 0 },
    prefill: { keys: 0, errors: 0 },
  };
}

/**
 * Sends `command` over a fresh TCP connection and resolves with the reply once `done(reply)` says it is complete:
 * memcached's text protocol or Redis's inline commands, read independently of the client under test.
 */
export function rawCommand(port: number, command: string, done: (reply: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete reply to ${JSON.stringify(command)} within 5 s (got ${JSON.stringify(reply)})`));
    }, 5000);
    socket.on("data", (d: Buffer) => {
      reply += d.toString("latin1");
      if (done(reply)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.write(command);
  });
}
