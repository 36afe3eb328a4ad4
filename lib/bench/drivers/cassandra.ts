import cassandra from "cassandra-driver";
import { commonErrorKind, type BenchDriver, type DriverOpenOptions } from "../driver";

export const CASSANDRA_CONSISTENCIES = ["ONE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM", "ALL"] as const;
export type CassandraConsistency = (typeof CASSANDRA_CONSISTENCIES)[number];

const CONSISTENCY_CODES: Record<CassandraConsistency, number> = {
  ONE: cassandra.types.consistencies.one,
  LOCAL_ONE: cassandra.types.consistencies.localOne,
  QUORUM: cassandra.types.consistencies.quorum,
  LOCAL_QUORUM: cassandra.types.consistencies.localQuorum,
  ALL: cassandra.types.consistencies.all,
};

export interface CassandraDriverOptions {
  contactPoints: string[];
  localDataCenter: string;
  port?: number;
  credentials?: { username: string; password: string };
  /** Where the benchmark's table lives; created when missing (NdBench's CQL plugin does the same). */
  keyspace?: string;
  table?: string;
  /** Replication of a keyspace the driver creates, in the local data centre (Netflix runs RF=3 per region). */
  replicationFactor?: number;
  /** LOCAL_QUORUM by default: "read your writes" in the region, as the portal plans Cassandra. */
  consistency?: CassandraConsistency;
  /** Create the keyspace and table when missing (default true). */
  createSchema?: boolean;
  /** Builds the client; the driver's own Client by default. Tests pass a stand-in for the server side. */
  createClient?: (options: cassandra.ClientOptions) => CassandraClient;
}

/** The part of cassandra-driver's Client the adapter uses. */
export type CassandraClient = Pick<cassandra.Client, "connect" | "execute" | "shutdown">;

const IDENTIFIER = /^[a-z][a-z0-9_]{0,47}$/;

/** The CQL the driver runs, from its options: identifiers are checked because CQL cannot bind them. */
export function cassandraStatements(options: Pick<CassandraDriverOptions, "keyspace" | "table" | "replicationFactor" | "localDataCenter">) {
  const keyspace = options.keyspace ?? "ndbench";
  const table = options.table ?? "kv";
  for (const [what, name] of [
    ["keyspace", keyspace],
    ["table", table],
  ] as const) {
    if (!IDENTIFIER.test(name))
      throw new RangeError(`cassandra driver: ${what} "${name}" must be a lowercase CQL identifier (a-z, 0-9, _; at most 48 characters)`);
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.localDataCenter))
    throw new RangeError(`cassandra driver: localDataCenter "${options.localDataCenter}" is not a data centre name`);
  const rf = options.replicationFactor ?? 3;
  if (!Number.isInteger(rf) || rf < 1 || rf > 9) throw new RangeError("cassandra driver: replicationFactor must be a whole number from 1 to 9");
  return {
    createKeyspace: `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', '${options.localDataCenter}': ${rf}}`,
    createTable: `CREATE TABLE IF NOT EXISTS ${keyspace}.${table} (key text PRIMARY KEY, value blob)`,
    read: `SELECT value FROM ${keyspace}.${table} WHERE key = ?`,
    write: `INSERT INTO ${keyspace}.${table} (key, value) VALUES (?, ?)`,
  };
}

/**
 * The client's options for a run: `connections` connections to each local host (the driver multiplexes requests
 * over them; the harness still sends at most `connections` at a time), the request timeout as the socket read
 * timeout, no speculative retries.
 */
export function cassandraClientOptions(options: CassandraDriverOptions, open: DriverOpenOptions): cassandra.ClientOptions {
  return {
    contactPoints: options.contactPoints,
    localDataCenter: options.localDataCenter,
    credentials: options.credentials,
    protocolOptions: options.port ? { port: options.port } : undefined,
    pooling: { coreConnectionsPerHost: { [cassandra.types.distance.local]: open.connections, [cassandra.types.distance.remote]: 1 } },
    socketOptions: { readTimeout: open.requestTimeoutMs, connectTimeout: Math.max(open.requestTimeoutMs, 1000) },
    policies: { retry: new cassandra.policies.retry.FallthroughRetryPolicy() },
  };
}

/**
 * Cassandra on DataStax's Node.js driver: a read is a prepared SELECT of one partition, a write a prepared INSERT of
 * a blob, both at the configured consistency. One client; the harness's connection number is not used, because the
 * driver picks the connection (and the replica) itself.
 */
export function cassandraDriver(options: CassandraDriverOptions): BenchDriver {
  const cql = cassandraStatements(options);
  const consistency = CONSISTENCY_CODES[options.consistency ?? "LOCAL_QUORUM"];
  const queryOptions = { prepare: true, consistency };
  let client: CassandraClient | null = null;
  const live = (): CassandraClient => {
    if (!client) throw new Error("cassandra driver: not open");
    return client;
  };
  return {
    name: "cassandra",
    async open(open) {
      const create = options.createClient ?? ((o: cassandra.ClientOptions) => new cassandra.Client(o));
      client = create(cassandraClientOptions(options, open));
      await client.connect();
      if (options.createSchema ?? true) {
        await client.execute(cql.createKeyspace);
        await client.execute(cql.createTable);
      }
    },
    async read(key) {
      const result = await live().execute(cql.read, [key], queryOptions);
      return result.rowLength > 0;
    },
    async write(key, value) {
      await live().execute(cql.write, [key, Buffer.from(value.buffer, value.byteOffset, value.byteLength)], queryOptions);
    },
    async close() {
      const closing = client;
      client = null;
      await closing?.shutdown();
    },
    errorKind(error) {
      const codes = cassandra.types.responseErrorCodes;
      if (error instanceof cassandra.errors.OperationTimedOutError) return "timeout";
      if (error instanceof cassandra.errors.NoHostAvailableError || error instanceof cassandra.errors.BusyConnectionError) return "connection";
      if (error instanceof cassandra.errors.ResponseError) {
        if (error.code === codes.readTimeout || error.code === codes.writeTimeout) return "server-timeout";
        if (error.code === codes.unavailableException) return "unavailable";
        if (error.code === codes.overloaded) return "overloaded";
        return "server";
      }
      return commonErrorKind(error);
    },
  };
}
