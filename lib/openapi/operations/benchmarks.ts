// Benchmark runs: start one against a cluster of a datastore, follow it, cancel it, compare two (issue 15).
import { z } from "zod";
import {
  BenchComparisonSchema,
  BenchRunListSchema,
  BenchRunSchema,
  CompareBenchRunsQuerySchema,
  DerivedBenchProfileSchema,
  StartBenchRunBodySchema,
} from "../../schemas/bench-run";
import { EmptyBodySchema } from "../../schemas/request";
import { BODY_ERRORS, type ApiOperation } from "./shared";

/** ?region=&role= of the derived profile: the cluster (default: the first region, its first role). */
export const BenchClusterQuerySchema = z.strictObject({
  region: z.string("must be a string").min(1, "must not be empty").max(40, "must be at most 40 characters").optional(),
  role: z.string("must be a string").min(1, "must not be empty").max(40, "must be at most 40 characters").optional(),
});

export const BENCHMARKS = {
  listBenchRuns: {
    method: "GET",
    path: "/api/v1/datastores/{id}/benchmarks",
    summary: "A datastore's benchmark runs",
    description:
      "Newest first (at most 100): each run's status, cluster, driver and target (synthetic: the simulation's model, no load sent), profile, live progress and result; and whether the caller may start one.",
    tag: "datastores",
    response: { status: 200, description: "The runs.", schema: BenchRunListSchema },
    errors: ["not_found", "internal"],
  },
  startBenchRun: {
    method: "POST",
    path: "/api/v1/datastores/{id}/benchmarks",
    summary: "Benchmark a cluster of a datastore",
    description:
      "The owning team's members and reviewers, on an active datastore. Queues a `benchmark` operation that the worker runs like the others (one operation per datastore at a time): NdBench-style load against one cluster (region × role, default the first of each) with a full `profile`, or one derived from the datastore's workload with `derive` options (default: the load of one node, capped for a short run: GET …/benchmarks/profile shows it). In simulated mode EVCache and Dynomite run for real against a local memcached / redis-server; the other families get a synthetic result from the cluster's model, labelled so. Answers 202 with the run; follow it at /api/v1/benchmarks/{id} (or its operation's stream). Audited.",
    tag: "datastores",
    body: StartBenchRunBodySchema,
    bodyName: "benchmark",
    bodyOptional: true,
    response: { status: 202, description: "The queued run.", schema: BenchRunSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  getDefaultBenchProfile: {
    method: "GET",
    path: "/api/v1/datastores/{id}/benchmarks/profile",
    summary: "The benchmark profile a cluster gets by default",
    description:
      "Derived from the workload the datastore was sized for: its read/write mix, item sizes and key count (capped), the load of one node of the cluster (capped), a short run; with a note for every assumption and cap, the derive options used, the driver and the target a run would have now, and the clusters a run can target.",
    tag: "datastores",
    query: BenchClusterQuerySchema,
    response: { status: 200, description: "The derived profile.", schema: DerivedBenchProfileSchema },
    errors: ["invalid_input", "not_found", "conflict", "internal"],
  },
  compareBenchRuns: {
    method: "GET",
    path: "/api/v1/benchmarks/compare",
    summary: "Compare two benchmark runs",
    description:
      "Deltas per percentile (reads and writes), throughput and errors of a candidate run against a baseline, and the verdict an upgrade campaign's gate reaches: pass only when no p99 is above the candidate datastore's SLA threshold, no gated percentile regressed beyond `maxRegressionPct` (default 20 %), and the error rate held; runs that cannot be compared honestly (cancelled, different profiles, too few samples) fail the gate with the reason. The thresholds used and where each came from (sla, default, override). 409 while either run has no result.",
    tag: "datastores",
    query: CompareBenchRunsQuerySchema,
    response: { status: 200, description: "The comparison.", schema: BenchComparisonSchema },
    errors: ["invalid_input", "not_found", "conflict", "internal"],
  },
  getBenchRun: {
    method: "GET",
    path: "/api/v1/benchmarks/{id}",
    summary: "A benchmark run",
    description:
      "Its status, cluster, target, profile, live progress (about once a second while it runs: the per-second throughput and p99 series) and result.",
    tag: "datastores",
    response: { status: 200, description: "The run.", schema: BenchRunSchema },
    errors: ["not_found", "internal"],
  },
  cancelBenchRun: {
    method: "POST",
    path: "/api/v1/benchmarks/{id}/cancel",
    summary: "Cancel a benchmark run",
    description:
      "Its operation's cancel: a queued run at once, a running one stops sending and keeps its figures so far (outcome cancelled). The owning team's members and reviewers; a finished run is a 409. Audited.",
    tag: "datastores",
    body: EmptyBodySchema,
    bodyName: "cancellation",
    bodyOptional: true,
    response: { status: 202, description: "The run, cancelled or asked to stop.", schema: BenchRunSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
