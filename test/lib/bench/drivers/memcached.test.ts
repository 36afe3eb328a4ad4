// The memcached driver (memjs, binary protocol) against a real memcached from Debian on a free loopback port. What
// it stored is read back with memcached's text protocol over a separate socket. A missing memcached fails these
// tests (CI installs it): nothing is skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memcachedDriver } from "@/lib/bench/drivers/memcached";
import { startLocalServer, type LocalServer } from "@/lib/bench/local-server";
import { runBenchmark } from "@/lib/bench/run-benchmark";
import { rawCommand } from "@/test/support/bench";

const textGet = async (port: number, key: string) => {
  const reply = await rawCommand(port, `get ${key}\r\n`, (r) => r.endsWith("END\r\n"));
  const header = /^VALUE \S+ \d+ (\d+)\r\n/.exec(reply);
  return header ? Buffer.from(reply.slice(header[0].length, header[0].length + Number(header[1])), "latin1") : null;
};
const stat = async (port: number, name: string) => {
  const reply = await rawCommand(port, "stats\r\n", (r) => r.endsWith("END\r\n"));
  return Number(new RegExp(`STAT ${name} (\\d+)`).exec(reply)?.[1] ?? NaN);
};

describe("memcached driver (real memcached)", () => {
  let server: LocalServer;
  let address = "";
  beforeAll(async () => {
    server = await startLocalServer("memcached");
    address = `${server.host}:${server.port}`;
  });
  afterAll(() => server?.stop());

  it("writes values the server stores, reads them back, and tells a miss from a hit", async () => {
    const d = memcachedDriver({ server: address });
    await d.open({ connections: 2, requestTimeoutMs: 1000 });
    try {
      const value = new Uint8Array(300).map((_, i) => (i * 7) % 256);
      await d.write("t:one", value, 0);
      expect(await d.read("t:one", 1)).toBe(true);
      expect(await d.read("t:absent", 0)).toBe(false);
      expect([...((await textGet(server.port, "t:one")) ?? [])]).toEqual([...value]);
    } finally {
      await d.close();
    }
  });

  it("runs a profile on as many connections as it says: every request answered, prefilled keys found", async () => {
    const before = await stat(server.port, "total_connections");
    const r = await runBenchmark(
      {
        mix: { read: 0.9, write: 0.1 },
        keySpace: { count: 400, distribution: "uniform", prefix: "m:" },
        valueSize: {
          kind: "weighted",
          sizes: [
            { bytes: 100, weight: 1 },
            { bytes: 1000, weight: 1 },
          ],
        },
        rate: 500,
        connections: 3,
        warmupS: 1,
        durationS: 2,
        prefill: true,
      },
      memcachedDriver({ server: address }),
    );
    expect(r.driver).toBe("memcached");
    expect(r.errors).toEqual([]);
    expect(r.prefill).toEqual({ keys: 400, errors: 0 });
    expect(r.reads.ok + r.writes.ok).toBe(1000);
    expect(r.reads.hits).toBe(r.reads.ok);
    // The run's three connections, and this probe's own.
    expect(await stat(server.port, "total_connections")).toBe(before + 3 + 1);
    expect(await stat(server.port, "curr_items")).toBeGreaterThanOrEqual(400);
    const size = (await textGet(server.port, "m:7"))?.length;
    expect([100, 1000]).toContain(size);
  });

  it("reports a value over memcached's 1 MiB item limit as a server error", async () => {
    const d = memcachedDriver({ server: address });
    await d.open({ connections: 1, requestTimeoutMs: 2000 });
    try {
      const error = await d.write("t:big", new Uint8Array(2 * 1024 * 1024), 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/too large/i);
      expect(d.errorKind(error)).toBe("server");
    } finally {
      await d.close();
    }
  });

  it("counts requests to a server that went away as connection errors and still finishes the run", async () => {
    const doomed = await startLocalServer("memcached");
    setTimeout(() => void doomed.stop(), 1000);
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
      memcachedDriver({ server: `${doomed.host}:${doomed.port}` }),
    );
    await doomed.stop();
    expect(r.outcome).toBe("completed");
    expect(r.reads.ok + r.writes.ok).toBeGreaterThan(100);
    const byKind = new Map(r.errors.map((e) => [e.kind, e.count]));
    expect(byKind.get("connection") ?? 0).toBeGreaterThan(50);
    // memjs now and then never settles the request that was on the wire when the server died (its own timeout does
    // not fire): the harness counts it as "no-answer" after the drain timeout, at most one per connection.
    expect([...byKind.keys()].filter((k) => k !== "connection" && k !== "no-answer")).toEqual([]);
    expect(byKind.get("no-answer") ?? 0).toBeLessThanOrEqual(2);
    expect(r.errors.reduce((n, e) => n + e.count, 0) + r.reads.ok + r.writes.ok).toBe(600);
  });
});
