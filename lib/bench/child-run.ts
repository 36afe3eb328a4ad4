// One benchmark in a process of its own: the parent (the worker's benchmark operation, lib/bench/run-in-child.ts)
// sends the profile and the driver to build, this process runs the harness and sends progress and the result back.
// The harness times requests on its event loop; in the worker's process that loop also serves database queries
// (synchronous with SQLite), heartbeats and other operations, whose stalls would show as the store's latency.
import { cassandraDriver } from "./drivers/cassandra";
import { elasticsearchDriver } from "./drivers/elasticsearch";
import { memcachedDriver } from "./drivers/memcached";
import { modelDriver } from "./drivers/model";
import { redisDriver } from "./drivers/redis";
import type { BenchDriver } from "./driver";
import { runBenchmark } from "./run-benchmark";
import type { ChildMessage, ChildRequest, DriverSpec } from "./run-in-child";

function driverOf(spec: DriverSpec): BenchDriver {
  switch (spec.kind) {
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
  runBenchmark(m.profile, driverOf(m.driver), {
    signal: controller.signal,
    onProgress: (progress) => send({ type: "progress", progress }),
    progressIntervalMs: m.progressIntervalMs,
  }).then(
    (result) => send({ type: "result", result }, () => process.disconnect?.()),
    (error: unknown) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }, () => process.disconnect?.()),
  );
});
// The parent went away: nothing will read the figures.
process.on("disconnect", () => controller.abort(new Error("parent gone")));
send({ type: "ready" });
