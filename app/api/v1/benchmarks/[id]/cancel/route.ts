// POST /api/v1/benchmarks/{id}/cancel — cancels a queued run, asks a running one to stop (its figures so far are kept)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { cancelBenchRun } from "@/lib/server/bench/cancel-bench-run";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.cancelBenchRun, ({ actor, params }) => cancelBenchRun({ actor, id: params.id })),
);
