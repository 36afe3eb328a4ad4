// GET /api/v1/benchmarks/compare?baseline=&candidate= — two runs' deltas and the gate's verdict
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getBenchComparison } from "@/lib/server/bench/compare-bench-runs";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.compareBenchRuns, ({ actor, query }) =>
    getBenchComparison({
      actor,
      baseline: query.baseline,
      candidate: query.candidate,
      ...(query.maxRegressionPct !== undefined ? { maxRegressionPct: query.maxRegressionPct } : {}),
    }),
  ),
);
