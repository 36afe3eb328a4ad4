// The benchmark measures response times as a client at the stated rate sees them. A real TCP server (node:net,
// speaking enough of Redis's protocol for the real ioredis driver) answers at once, except that once it has served a
// set number of requests it holds every answer for one second. At 200 requests/s on 4 connections about 200
// requests fall due during that second: each of them waits, so they must all show up in the open-loop latencies,
// while a closed-loop measurement of the same server sees four slow samples among thousands and reports a p99 as if
// nothing happened.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisDriver } from "@/lib/bench/drivers/redis";
import { decodeHistogram } from "@/lib/bench/latency";
import { runBenchmark } from "@/lib/bench/run-benchmark";

const STALL_MS = 1000;

/** Parses complete RESP arrays of bulk strings off the front of `buf`; returns the commands and the rest. */
function parseCommands(buf: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let at = 0;
  outer: while (at < buf.length) {
    if (buf[at] !== 0x2a /* * */) throw new Error(`unexpected RESP byte ${buf[at]}`);
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const n = Number(buf.toString("latin1", at + 1, lineEnd));
    let p = lineEnd + 2;
    const args: string[] = [];
    for (let i = 0; i < n; i++) {
      const end = buf.indexOf("\r\n", p);
      if (end < 0) break outer;
      const len = Number(buf.toString("latin1", p + 1, end));
      if (end + 2 + len + 2 > buf.length) break outer;
      args.push(buf.toString("latin1", end + 2, end + 2 + len));
      p = end + 2 + len + 2;
    }
    commands.push(args);
    at = p;
  }
  return { commands, rest: buf.subarray(at) };
}

/**
 * A Redis-speaking server that stalls every answer for STALL_MS once it has served `stallAfter` GET/SET requests, or
 * at the first request after the clock passes `stallAt`.
 */
function stallingServer() {
  const state = { served: 0, stallAfter: Infinity, stallAt: Infinity, stallUntil: 0, stalls: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      const parsed = parseCommands(Buffer.concat([pending, chunk]));
      pending = parsed.rest;
      for (const [name] of parsed.commands) {
        const command = (name ?? "").toUpperCase();
        const reply = command === "GET" ? "$-1\r\n" : "+OK\r\n";
        if (command !== "GET" && command !== "SET") {
          socket.write(reply);
          if (command === "QUIT") socket.end();
          continue;
        }
        state.served++;
        const now = Date.now();
        if (state.served === state.stallAfter || (now >= state.stallAt && state.stallUntil < state.stallAt)) {
          state.stallUntil = now + STALL_MS;
          state.stalls++;
        }
        const hold = state.stallUntil - now;
        if (hold > 0) setTimeout(() => socket.writable && socket.write(reply), hold);
        else socket.write(reply);
      }
    });
  });
  return {
    state,
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("coordinated omission", () => {
  const server = stallingServer();
  let port = 0;
  beforeAll(async () => {
    port = await server.listen();
  });
  afterAll(() => server.close());

  it("shows a 1 s server stall in the open-loop p99 at the stated rate; a closed loop hides it", async () => {
    const profile = {
      mix: { read: 0.5, write: 0.5 },
      keySpace: { count: 1000, distribution: "uniform" as const },
      valueSize: { kind: "fixed" as const, bytes: 32 },
      connections: 4,
      warmupS: 1,
      durationS: 4,
      requestTimeoutMs: 5000,
    };

    // Open loop at 200/s: the stall starts about 1.5 s into the measurement (request 500 of the schedule).
    server.state.served = 0;
    server.state.stallAfter = 500;
    const open = await runBenchmark({ ...profile, rate: 200 }, redisDriver({ host: "127.0.0.1", port }));
    expect(server.state.stalls).toBe(1);
    const measured = open.reads.ok + open.writes.ok;
    expect(measured).toBe(800);
    expect(open.errors).toEqual([]);
    // ~200 requests fell due during the stall and waited up to a second: a quarter of the samples.
    for (const op of [open.reads, open.writes]) {
      expect(op.latency.percentilesMs.p99).toBeGreaterThanOrEqual(700);
      expect(op.latency.percentilesMs.p95).toBeGreaterThanOrEqual(400);
      expect(op.latency.maxMs).toBeGreaterThanOrEqual(900);
      // Many samples, not one: at least 10 % of them waited a quarter of a second or more (the stored histogram, µs).
      expect(decodeHistogram(op.histogram).getValueAtPercentile(90)).toBeGreaterThanOrEqual(250_000);
    }
    // The same run's service times (from sending, as a closed-loop tool counts) see only the ≤ 4 requests that were
    // on the wire when the stall began: below 1 %, so their p99 misses the stall. (Bounds are half the stall, not a
    // speed: this machine may be loaded, but a p99 that had seen the stall would be a full second.)
    for (const op of [open.reads, open.writes]) expect(op.serviceTime.percentilesMs.p99).toBeLessThan(STALL_MS / 2);
    expect(Math.max(open.reads.serviceTime.maxMs, open.writes.serviceTime.maxMs)).toBeGreaterThanOrEqual(900);
    // The per-second series shows the stall too: the seconds after it answer the backlog.
    expect(Math.max(...open.throughput.series.map((p) => p.p99Ms ?? 0))).toBeGreaterThanOrEqual(700);

    // Closed loop against the same server, stalling 1 s into the measurement (a closed loop's request count at a
    // given time depends on the machine's speed): 4 connections wait a second, once.
    server.state.stallAfter = Infinity;
    server.state.stallAt = Date.now() + 2000;
    const closed = await runBenchmark({ ...profile, rate: "unbounded", durationS: 3 }, redisDriver({ host: "127.0.0.1", port }));
    expect(server.state.stalls).toBe(2);
    expect(closed.mode).toBe("closed-loop");
    const closedMax = Math.max(closed.reads.latency.maxMs, closed.writes.latency.maxMs);
    expect(closedMax).toBeGreaterThanOrEqual(900);
    // Four slow samples among more than a thousand: under 1 %, below the p99.
    expect(closed.reads.ok + closed.writes.ok).toBeGreaterThan(1000);
    for (const op of [closed.reads, closed.writes]) expect(op.latency.percentilesMs.p99).toBeLessThan(STALL_MS / 2);
  });
});
