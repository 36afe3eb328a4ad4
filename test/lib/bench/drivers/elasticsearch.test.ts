// The Elasticsearch driver on the official client, with @elastic/elasticsearch-mock standing in for the cluster
// (no Elasticsearch server can run on these machines). The client, its request building, serialisation and error
// types are the real ones; the mock answers at the transport's Connection. Not exercised here: a real cluster's
// HTTP transport (undici pool, keep-alive), index creation and mapping on a real node, refresh and replication,
// and any real latency.
import Mock from "@elastic/elasticsearch-mock";
import { errors } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import { elasticsearchDriver } from "@/lib/bench/drivers/elasticsearch";
import { runBenchmark } from "@/lib/bench/run-benchmark";

type Params = { method: string; path: string; body?: unknown; querystring?: Record<string, unknown> };

/** A mock cluster with one in-memory index, recording every request. */
function mockCluster(opts: { indexExists?: boolean } = {}) {
  const mock = new Mock();
  const docs = new Map<string, { v: string }>();
  const requests: Params[] = [];
  let exists = opts.indexExists ?? false;
  const notFound = (body: Record<string, unknown>) => new errors.ResponseError({ body, statusCode: 404, headers: {}, warnings: null, meta: {} as never });
  mock.add({ method: "HEAD", path: "/:index" }, (p) => {
    requests.push(p as Params);
    return exists ? "" : notFound({});
  });
  mock.add({ method: "PUT", path: "/:index" }, (p) => {
    requests.push(p as Params);
    exists = true;
    return { acknowledged: true, shards_acknowledged: true, index: "ndbench" };
  });
  mock.add({ method: "PUT", path: "/:index/_doc/:id" }, (p) => {
    requests.push(p as Params);
    const id = decodeURIComponent(String(p.path).split("/").pop() ?? "");
    docs.set(id, p.body as { v: string });
    return { _index: "ndbench", _id: id, result: "created", _version: 1 };
  });
  mock.add({ method: "GET", path: "/:index/_doc/:id" }, (p) => {
    requests.push(p as Params);
    const id = decodeURIComponent(String(p.path).split("/").pop() ?? "");
    const doc = docs.get(id);
    return doc ? { _index: "ndbench", _id: id, found: true, _source: doc } : notFound({ _index: "ndbench", _id: id, found: false });
  });
  // The mock's Connection (2.0.1) predates the transport's close(): the client's close() calls it on every connection.
  const Base = mock.getConnection();
  class Connection extends Base {
    override async close(): Promise<void> {}
  }
  return { mock, docs, requests, Connection };
}

describe("elasticsearch driver (official client, mocked cluster)", () => {
  it("creates the index when missing, with one unindexed binary field and strict mapping", async () => {
    const c = mockCluster();
    const d = elasticsearchDriver({ node: "http://127.0.0.1:9200", Connection: c.Connection });
    await d.open({ connections: 4, requestTimeoutMs: 1000 });
    await d.close();
    expect(c.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["HEAD /ndbench", "PUT /ndbench"]);
    expect(c.requests[1]?.body).toEqual({ mappings: { dynamic: "strict", properties: { v: { type: "binary" } } } });
  });

  it("leaves an existing index alone", async () => {
    const c = mockCluster({ indexExists: true });
    const d = elasticsearchDriver({ node: "http://127.0.0.1:9200", index: "bench-2", Connection: c.Connection });
    await d.open({ connections: 1, requestTimeoutMs: 1000 });
    await d.close();
    expect(c.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["HEAD /bench-2"]);
  });

  it("indexes a value as a base64 document by id, reads it back, and tells a miss (404) from a hit", async () => {
    const c = mockCluster({ indexExists: true });
    const d = elasticsearchDriver({ node: "http://127.0.0.1:9200", Connection: c.Connection });
    await d.open({ connections: 1, requestTimeoutMs: 1000 });
    const value = new Uint8Array([0, 1, 2, 250, 255]);
    await d.write("bench:7", value, 0);
    expect(await d.read("bench:7", 0)).toBe(true);
    expect(await d.read("bench:8", 0)).toBe(false);
    await d.close();
    expect(c.requests.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /ndbench/_doc/bench%3A7",
      "GET /ndbench/_doc/bench%3A7",
      "GET /ndbench/_doc/bench%3A8",
    ]);
    expect(c.docs.get("bench:7")).toEqual({ v: Buffer.from(value).toString("base64") });
  });

  it("names failures by kind: HTTP status, timeout, connection", async () => {
    const d = elasticsearchDriver({ node: "http://127.0.0.1:9200" });
    const response = (statusCode: number) =>
      new errors.ResponseError({ body: { error: { type: "es_rejected_execution_exception" } }, statusCode, headers: {}, warnings: null, meta: {} as never });
    expect(d.errorKind(response(429))).toBe("http-429");
    expect(d.errorKind(response(503))).toBe("http-503");
    expect(d.errorKind(new errors.TimeoutError("Request timed out"))).toBe("timeout");
    expect(d.errorKind(new errors.ConnectionError("connect ECONNREFUSED"))).toBe("connection");
  });

  it("runs a profile through the client: rejected writes counted as http-429, reads of written ids found", async () => {
    const c = mockCluster({ indexExists: true });
    let writes = 0;
    // Every fifth write is rejected, as a cluster whose write queue is full answers.
    c.mock.clear({ method: "PUT", path: "/:index/_doc/:id" });
    c.mock.add({ method: "PUT", path: "/:index/_doc/:id" }, (p) => {
      writes++;
      if (writes % 5 === 0)
        return new errors.ResponseError({
          body: { error: { type: "es_rejected_execution_exception" } },
          statusCode: 429,
          headers: {},
          warnings: null,
          meta: {} as never,
        });
      const id = decodeURIComponent(String(p.path).split("/").pop() ?? "");
      c.docs.set(id, p.body as { v: string });
      return { result: "created" };
    });
    const r = await runBenchmark(
      {
        mix: { read: 0.5, write: 0.5 },
        keySpace: { count: 20, distribution: "uniform" },
        valueSize: { kind: "fixed", bytes: 48 },
        rate: 200,
        connections: 2,
        durationS: 1,
        prefill: true,
      },
      elasticsearchDriver({ node: "http://127.0.0.1:9200", Connection: c.Connection }),
    );
    expect(r.driver).toBe("elasticsearch");
    const rejected = r.errors.find((e) => e.kind === "http-429");
    expect(rejected?.count).toBe(r.writes.errors);
    expect(r.writes.errors).toBeGreaterThan(0);
    expect(r.reads.ok).toBeGreaterThan(0);
    expect(r.reads.errors).toBe(0);
    // Prefill wrote the 20 keys (a fifth rejected); reads find every key that was stored.
    expect(r.prefill.keys).toBe(20);
    expect(r.prefill.errors).toBe(4);
    expect(r.reads.hits).toBeLessThanOrEqual(r.reads.ok);
    expect(r.reads.hits).toBeGreaterThan(0);
    for (const doc of c.docs.values()) expect(Buffer.from(doc.v, "base64")).toHaveLength(48);
  });

  it("refuses an index name that is not one", () => {
    expect(() => elasticsearchDriver({ node: "http://127.0.0.1:9200", index: "Bad/Name" })).toThrow(/index "Bad\/Name" must be lowercase/);
  });
});
