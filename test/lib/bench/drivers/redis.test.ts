// The Redis driver (ioredis) against a real redis-server from Debian, started on a free loopback port. What it
// stored is checked with raw inline commands over a separate socket, not through the client under test. A missing
// redis-server fails these tests (CI installs it): nothing is skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisDriver } from "@/lib/bench/drivers/redis";
import { startLocalServer, type LocalServer } from "@/lib/bench/local-server";
import { runBenchmark } from "@/lib/bench/run-benchmark";
import { rawCommand } from "@/test/support/bench";

const integer = (reply: string) => Number(/^:(\d+)\r\n/.exec(reply)?.[1] ?? NaN);
const redisInline = (port: number, command: string) => rawCommand(port, `${command}\r\n`, (r) => r.endsWith("\r\n"));

describe("redis driver (real redis-server)", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer("redis");
  });
  afterAll(() => server?.stop());

  it("writes values the server stores, reads them back, and tells a miss from a hit", async () => {
    const d = redisDriver({ host: server.host, port: server.port });
    await d.open({ connections: 2, requestTimeoutMs: 1000 });
    try {
      const value = new Uint8Array(300).map((_, i) => i % 251);
      await d.write("t:one", value, 1);
      expect(await d.read("t:one", 0)).toBe(true);
      expect(await d.read("t:absent", 1)).toBe(false);
    } finally {
      await d.close();
    }
    expect(integer(await redisInline(server.port, "STRLEN t:one"))).toBe(300);
    const bytes = await rawCommand(server.port, "GETRANGE t:one 250 255\r\n", (r) => /^\$\d+\r\n[\s\S]*\r\n$/.test(r) && r.length >= 6 + 4 + 2);
    expect([...Buffer.from(bytes.split("\r\n")[1] ?? "", "latin1")]).toEqual([250, 0, 1, 2, 3, 4]);
  });

  it("runs a profile: every request answered, prefilled keys found, values of the profile's size", async () => {
    await redisInline(server.port, "FLUSHALL");
    const r = await runBenchmark(
      {
        mix: { read: 0.8, write: 0.2 },
        keySpace: { count: 500, distribution: "zipfian", prefix: "p:" },
        valueSize: { kind: "fixed", bytes: 128 },
        rate: 500,
        connections: 4,
        warmupS: 1,
        durationS: 2,
        prefill: true,
      },
      redisDriver({ host: server.host, port: server.port }),
    );
    expect(r.driver).toBe("redis");
    expect(r.errors).toEqual([]);
    expect(r.prefill).toEqual({ keys: 500, errors: 0 });
    expect(r.reads.ok + r.writes.ok).toBe(1000);
    expect(r.reads.hits).toBe(r.reads.ok);
    expect(r.reads.latency.count).toBe(r.reads.ok);
    expect(r.reads.latency.percentilesMs.p50).toBeGreaterThan(0);
    expect(integer(await redisInline(server.port, "DBSIZE"))).toBe(500);
    expect(integer(await redisInline(server.port, "STRLEN p:0"))).toBe(128);
  });

  it("counts requests to a server that went away as connection errors and still finishes the run", async () => {
    const doomed = await startLocalServer("redis");
    setTimeout(() => void doomed.stop(), 1000);
    const started = performance.now();
    const r = await runBenchmark(
      {
        mix: { read: 0.5, write: 0.5 },
        keySpace: { count: 100, distribution: "uniform" },
        valueSize: { kind: "fixed", bytes: 16 },
        rate: 200,
        connections: 2,
        durationS: 3,
        requestTimeoutMs: 500,
      },
      redisDriver({ host: doomed.host, port: doomed.port }),
    );
    await doomed.stop();
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(r.outcome).toBe("completed");
    expect(r.reads.ok + r.writes.ok).toBeGreaterThan(100);
    // Every failure is the lost connection: refused or closed sockets, and the commands in flight when it dropped.
    expect(r.errors.map((e) => e.kind)).toEqual(["connection"]);
    expect(r.errors[0]?.count ?? 0).toBeGreaterThan(100);
    expect(r.errors.reduce((n, e) => n + e.count, 0) + r.reads.ok + r.writes.ok).toBe(600);
  });

  it("fails to open against a port nothing listens on, with a connection error", async () => {
    const d = redisDriver({ host: "127.0.0.1", port: 1 });
    const error = await d.open({ connections: 1, requestTimeoutMs: 500 }).catch((e: unknown) => e);
    await d.close();
    expect(error).toBeInstanceOf(Error);
    expect(d.errorKind(error)).toBe("connection");
  });
});
