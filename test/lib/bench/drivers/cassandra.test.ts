// The Cassandra driver on DataStax's cassandra-driver. No Cassandra server can run on these machines and the client
// ships no mock, so what is tested is what can be tested honestly:
// - the CQL it runs, its parameters and query options (prepared, at the consistency asked for), and how results and
//   errors map, through a minimal stand-in for the client's connect/execute/shutdown at the edge;
// - the options it builds, accepted by the real Client's constructor;
// - the real Client against a loopback port nothing listens on: open fails with a connection error.
// NOT exercised: the CQL wire protocol against a server, preparing statements on a node, the driver's load balancing
// and token awareness, connection pooling under load, consistency as a cluster enforces it, schema agreement after
// CREATE, server-side timeouts as a real node raises them, and any real latency.
import cassandra from "cassandra-driver";
import { describe, expect, it } from "vitest";
import { cassandraClientOptions, cassandraDriver, cassandraStatements, type CassandraClient } from "@/lib/bench/drivers/cassandra";
import { runBenchmark } from "@/lib/bench/run-benchmark";
import { freeLoopbackPort } from "@/lib/bench/local-server";

type Executed = { query: string; params: unknown[] | undefined; options: { prepare?: boolean; consistency?: number } | undefined };

/** The client surface the driver uses, over a Map: rows come back as the real driver's ResultSet would have them. */
function fakeClient() {
  const rows = new Map<string, Buffer>();
  const executed: Executed[] = [];
  const events: string[] = [];
  let fail: Error | null = null;
  const client: CassandraClient = {
    connect: async () => void events.push("connect"),
    shutdown: async () => void events.push("shutdown"),
    execute: (async (query: string, params?: unknown[], options?: Executed["options"]) => {
      executed.push({ query, params, options });
      if (fail) throw fail;
      if (query.startsWith("INSERT")) rows.set(String(params?.[0]), params?.[1] as Buffer);
      const found = query.startsWith("SELECT") ? rows.get(String(params?.[0])) : undefined;
      return { rows: found ? [{ value: found }] : [], rowLength: found ? 1 : 0 } as unknown as cassandra.types.ResultSet;
    }) as CassandraClient["execute"],
  };
  return { client, rows, executed, events, failWith: (e: Error | null) => (fail = e) };
}

const options = { contactPoints: ["10.0.0.1"], localDataCenter: "us-east-1" };

describe("cassandra driver (DataStax client, fake server edge)", () => {
  it("creates keyspace and table if missing, then reads and writes with prepared statements at LOCAL_QUORUM", async () => {
    const f = fakeClient();
    let built: cassandra.ClientOptions | undefined;
    const d = cassandraDriver({ ...options, createClient: (o) => ((built = o), f.client) });
    await d.open({ connections: 6, requestTimeoutMs: 750 });
    const value = new Uint8Array([9, 8, 7]);
    await d.write("bench:1", value, 0);
    expect(await d.read("bench:1", 3)).toBe(true);
    expect(await d.read("bench:2", 5)).toBe(false);
    await d.close();

    expect(f.events).toEqual(["connect", "shutdown"]);
    expect(f.executed.map((e) => e.query)).toEqual([
      "CREATE KEYSPACE IF NOT EXISTS ndbench WITH replication = {'class': 'NetworkTopologyStrategy', 'us-east-1': 3}",
      "CREATE TABLE IF NOT EXISTS ndbench.kv (key text PRIMARY KEY, value blob)",
      "INSERT INTO ndbench.kv (key, value) VALUES (?, ?)",
      "SELECT value FROM ndbench.kv WHERE key = ?",
      "SELECT value FROM ndbench.kv WHERE key = ?",
    ]);
    const insert = f.executed[2];
    expect(insert?.params?.[0]).toBe("bench:1");
    expect([...(insert?.params?.[1] as Buffer)]).toEqual([9, 8, 7]);
    for (const e of f.executed.slice(2)) expect(e.options).toEqual({ prepare: true, consistency: cassandra.types.consistencies.localQuorum });
    expect(built?.pooling?.coreConnectionsPerHost?.[cassandra.types.distance.local]).toBe(6);
    expect(built?.socketOptions?.readTimeout).toBe(750);
  });

  it("uses the keyspace, table, replication and consistency it is given, and can skip the schema", async () => {
    const f = fakeClient();
    const d = cassandraDriver({ ...options, keyspace: "perf", table: "kv2", consistency: "LOCAL_ONE", createSchema: false, createClient: () => f.client });
    await d.open({ connections: 1, requestTimeoutMs: 1000 });
    await d.read("k", 0);
    expect(f.executed).toEqual([
      { query: "SELECT value FROM perf.kv2 WHERE key = ?", params: ["k"], options: { prepare: true, consistency: cassandra.types.consistencies.localOne } },
    ]);
    expect(cassandraStatements({ localDataCenter: "eu-west-1", replicationFactor: 2 }).createKeyspace).toBe(
      "CREATE KEYSPACE IF NOT EXISTS ndbench WITH replication = {'class': 'NetworkTopologyStrategy', 'eu-west-1': 2}",
    );
  });

  it("refuses identifiers it would have to splice into CQL unchecked", () => {
    expect(() => cassandraDriver({ ...options, keyspace: "x; DROP KEYSPACE prod" })).toThrow(/keyspace .* must be a lowercase CQL identifier/);
    expect(() => cassandraDriver({ ...options, table: "Kv" })).toThrow(/table "Kv"/);
    expect(() => cassandraDriver({ ...options, localDataCenter: "dc1'} AND durable_writes = false --" })).toThrow(/localDataCenter/);
    expect(() => cassandraDriver({ ...options, replicationFactor: 0 })).toThrow(/replicationFactor/);
  });

  it("names the client's failures by kind", () => {
    const d = cassandraDriver(options);
    const codes = cassandra.types.responseErrorCodes;
    expect(d.errorKind(new cassandra.errors.OperationTimedOutError("The host 10.0.0.1:9042 did not reply before timeout 750 ms"))).toBe("timeout");
    expect(d.errorKind(new cassandra.errors.NoHostAvailableError({}, "All host(s) tried for query failed"))).toBe("connection");
    expect(d.errorKind(new cassandra.errors.ResponseError(codes.readTimeout, "Operation timed out - received only 1 responses"))).toBe("server-timeout");
    expect(d.errorKind(new cassandra.errors.ResponseError(codes.writeTimeout, "Operation timed out"))).toBe("server-timeout");
    expect(d.errorKind(new cassandra.errors.ResponseError(codes.unavailableException, "Cannot achieve consistency level LOCAL_QUORUM"))).toBe("unavailable");
    expect(d.errorKind(new cassandra.errors.ResponseError(codes.overloaded, "Overloaded"))).toBe("overloaded");
    expect(d.errorKind(new cassandra.errors.ResponseError(codes.invalid, "unconfigured table kv"))).toBe("server");
  });

  it("runs a profile through the adapter: counts from the schedule, errors by kind", async () => {
    const f = fakeClient();
    let n = 0;
    const base = f.client.execute;
    f.client.execute = ((q: string, p?: unknown[], o?: Executed["options"]) => {
      if (q.startsWith("SELECT") && ++n % 4 === 0)
        return Promise.reject(new cassandra.errors.ResponseError(cassandra.types.responseErrorCodes.readTimeout, "read timeout"));
      return base(q, p as never, o as never);
    }) as CassandraClient["execute"];
    const r = await runBenchmark(
      {
        mix: { read: 0.5, write: 0.5 },
        keySpace: { count: 50, distribution: "uniform" },
        valueSize: { kind: "fixed", bytes: 40 },
        rate: 200,
        connections: 2,
        durationS: 1,
        prefill: true,
      },
      cassandraDriver({ ...options, createClient: () => f.client }),
    );
    expect(r.driver).toBe("cassandra");
    expect(r.prefill).toEqual({ keys: 50, errors: 0 });
    expect(r.reads.ok + r.reads.errors + r.writes.ok).toBe(200);
    expect(r.errors).toEqual([{ kind: "server-timeout", count: r.reads.errors, sample: "ResponseError: read timeout" }]);
    expect(r.reads.hits).toBe(r.reads.ok);
    expect(f.events).toEqual(["connect", "shutdown"]);
  });

  it("builds options the real client accepts, and the real client fails to open against a closed loopback port", async () => {
    const port = await freeLoopbackPort();
    const built = cassandraClientOptions({ contactPoints: ["127.0.0.1"], localDataCenter: "dc1", port }, { connections: 2, requestTimeoutMs: 500 });
    expect(() => new cassandra.Client(built)).not.toThrow();
    const d = cassandraDriver({ contactPoints: ["127.0.0.1"], localDataCenter: "dc1", port });
    const error = await d.open({ connections: 2, requestTimeoutMs: 500 }).catch((e: unknown) => e);
    await d.close();
    expect(error).toBeInstanceOf(cassandra.errors.NoHostAvailableError);
    expect(d.errorKind(error)).toBe("connection");
  });
});
