import { Client, errors, type ClientOptions } from "@elastic/elasticsearch";
import { commonErrorKind, type BenchDriver } from "../driver";

export interface ElasticsearchDriverOptions {
  /** The cluster's URL, e.g. http://127.0.0.1:9200. */
  node: string;
  auth?: ClientOptions["auth"];
  /** The benchmark's index (created when missing, with one stored, unindexed binary field). */
  index?: string;
  createIndex?: boolean;
  /** The client's Connection class; tests pass @elastic/elasticsearch-mock's. */
  Connection?: ClientOptions["Connection"];
}

const INDEX = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * Elasticsearch on its official client: a read is a GET of one document by id, a write an index of one document
 * `{v: <value, base64>}` by id (no refresh: as an application writes). One client with an HTTP pool of
 * `connections` sockets; the harness's connection number is not used, the client's pool picks the socket.
 */
export function elasticsearchDriver(options: ElasticsearchDriverOptions): BenchDriver {
  const index = options.index ?? "ndbench";
  if (!INDEX.test(index)) throw new RangeError(`elasticsearch driver: index "${index}" must be lowercase letters, digits, _ and - (at most 100)`);
  let client: Client | null = null;
  const live = (): Client => {
    if (!client) throw new Error("elasticsearch driver: not open");
    return client;
  };
  return {
    name: "elasticsearch",
    async open({ connections, requestTimeoutMs }) {
      client = new Client({
        node: options.node,
        auth: options.auth,
        requestTimeout: requestTimeoutMs,
        maxRetries: 0,
        compression: false,
        agent: { connections },
        ...(options.Connection ? { Connection: options.Connection } : {}),
      });
      if (options.createIndex ?? true) {
        if (!(await client.indices.exists({ index }))) {
          try {
            await client.indices.create({ index, mappings: { dynamic: "strict", properties: { v: { type: "binary" } } } });
          } catch (error) {
            // Another run created it between the check and the create: that is the state wanted.
            if (!(error instanceof errors.ResponseError && error.body?.error?.type === "resource_already_exists_exception")) throw error;
          }
        }
      }
    },
    async read(key) {
      const doc = await live().get({ index, id: key }, { ignore: [404] });
      return doc.found;
    },
    async write(key, value) {
      await live().index({ index, id: key, document: { v: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") } });
    },
    async close() {
      const closing = client;
      client = null;
      await closing?.close();
    },
    errorKind(error) {
      if (error instanceof errors.TimeoutError) return "timeout";
      if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) return "connection";
      // 429 (rejected: the write queue is full) and 503 are what an overloaded cluster answers: keep them apart.
      if (error instanceof errors.ResponseError) return `http-${error.statusCode ?? "error"}`;
      return commonErrorKind(error);
    },
  };
}
