// GET /api/v1/benchmarks/{id} — a benchmark run with its progress and result
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getBenchRun } from "@/lib/server/bench/get-bench-run";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getBenchRun, ({ actor, params }) => getBenchRun({ actor, id: params.id })),
);
