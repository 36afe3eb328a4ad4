// GET, POST /api/v1/datastores/{id}/benchmarks — a datastore's benchmark runs, or start one
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listBenchRuns } from "@/lib/server/bench/get-bench-run";
import { startBenchRun } from "@/lib/server/bench/start-bench-run";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listBenchRuns, ({ actor, params }) => listBenchRuns({ actor, datastoreId: params.id })),
  defineRoute(API_OPERATIONS.startBenchRun, ({ actor, params, body }) => startBenchRun({ actor, datastoreId: params.id, body: body ?? {} })),
);
