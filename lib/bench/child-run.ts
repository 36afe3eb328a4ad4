// One benchmark in a process of its own: the parent (the worker's benchmark operation, lib/bench/run-in-child.ts)
// sends the profile and the driver to build, this process runs the harness and sends progress and the result back.
// The harness times requests on its event loop; in the worker's process that loop also serves database queries
// (synchronous with SQLite), heartbeats and other operations, whose stalls would show as the store's latency.
import { cassandraDriver } from "./drivers/cassandra";
import { elasticsearchDriver } from "./drivers/elasticsearch";
import { memcachedDriver } from "./drivers/memcached";
import { modelDriver } from "./drivers/model";
import { redisDriver } from "./drivers/redis";
import { startDelayingProxy, type DelayingProxy } from "./delaying-proxy";
import type { BenchDriver } from "./driver";
import { startLocalServer, type LocalServer } from "./local-server";
import { runBenchmark } from "./run-benchmark";
import type { ChildMessage, ChildRequest, DriverSpec } from "./run-in-child";

let server: LocalServer | null = null;
let proxy: DelayingProxy | null = null;

async function driverOf(spec: DriverSpec): Promise<BenchDriver> {
  switch (spec.kind) {
    case "local-server": {
      server = await startLocalServer(spec.server);
      let at = { host: server.host, port: server.port };
      send({
        type: "note",
        message: `Started a local ${spec.server === "redis" ? "redis-server" : "memcached"} on ${at.host}:${at.port} (pid ${server.pid}).`,
      });
      if (spec.delayMs > 0) {
        proxy = await startDelayingProxy(at, spec.delayMs);
        at = { host: proxy.host, port: proxy.port };
        send({ type: "note", message: `Every answer is held ${spec.delayMs} ms by a loopback proxy on ${at.host}:${at.port}.` });
      }
      return spec.server === "redis" ? redisDriver(at) : memcachedDriver({ server: `${at.host}:${at.port}` });
    }
    case "memcached":
      return memcachedDriver({ server: spec.server });
    case "redis":
      return redisDriver({ host: spec.host, port: spec.port });
    case "cassandra":
      return cassandraDriver({ contactPoints: spec.contactPoints, localDataCenter: spec.localDataCenter, port: spec.port });
    case "elasticsearch":
      return elasticsearchDriver({ node: spec.node });
    case "model":
      return modelDriver(spec.name, spec.model, spec.seed);
  }
}

const controller = new AbortController();
const send = (m: ChildMessage, then?: () => void) => process.send?.(m, undefined, {}, () => then?.());

process.on("message", (m: ChildRequest) => {
  if (m.type === "cancel") {
    controller.abort(new Error("cancelled"));
    return;
  }
  driverOf(m.driver)
    .then((driver) =>
      runBenchmark(m.profile, driver, {
        signal: controller.signal,
        onProgress: (progress) => send({ type: "progress", progress }),
        progressIntervalMs: m.progressIntervalMs,
      }),
    )
    // The server and the proxy this process started go with its run, whatever its end.
    .finally(async () => {
      await proxy?.close();
      await server?.stop();
    })
    .then(
      (result) => send({ type: "result", result }, () => process.disconnect?.()),
      (error: unknown) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }, () => process.disconnect?.()),
    );
});
// The parent went away: nothing will read the figures.
process.on("disconnect", () => controller.abort(new Error("parent gone")));
send({ type: "ready" });
