// Benchmark runs: a datastore's list (polled while one is queued or running), one run (polled every second while it
// runs: its progress is the live chart), the profile a run gets by default, the comparison of two runs, and starting
// and cancelling a run. The list's key sits under the datastore's, so invalidating the datastore refreshes it too.
import { queryOptions } from "@tanstack/react-query";
import type { BenchComparison, BenchRun, BenchRunList, DerivedBenchProfile, StartBenchRunBody } from "@/lib/schemas/bench-run";
import { newIdempotencyKey } from "./api";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export type { BenchComparison, BenchRun, BenchRunList, DerivedBenchProfile, StartBenchRunBody };

export const benchmarkKeys = {
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "benchmarks"] as const,
  profile: (datastoreId: string, cluster: BenchCluster | undefined) =>
    [...datastoreKeys.one(datastoreId), "benchmarks", "profile", cluster ? `${cluster.region}|${cluster.role}` : null] as const,
  one: (id: string) => ["benchmarks", id] as const,
  compare: (baseline: string, candidate: string, maxRegressionPct: number | undefined) =>
    ["benchmarks", "compare", baseline, candidate, maxRegressionPct ?? null] as const,
};

/** Whether a run may still move: its operation is waiting or working. */
export const isLive = (run: Pick<BenchRun, "status">) => run.status === "queued" || run.status === "running";

export const datastoreBenchmarksQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.ofDatastore(datastoreId),
    queryFn: ({ signal }) => apiClient.get("listBenchRuns", { params: { id: datastoreId }, signal }),
    refetchInterval: (q) => (q.state.data?.runs.some(isLive) ? 2_000 : 30_000),
  });

/** One run; every second while it runs (the worker writes its progress about once a second). */
export const benchmarkQuery = (id: string) =>
  queryOptions({
    queryKey: benchmarkKeys.one(id),
    queryFn: ({ signal }) => apiClient.get("getBenchRun", { params: { id }, signal }),
    refetchInterval: (q) => (q.state.data && !isLive(q.state.data) ? false : 1_000),
  });

/** A cluster of the datastore a run loads: its region and role. */
export interface BenchCluster {
  region: string;
  role: string;
}

/** The profile a run on `cluster` gets by default (the first cluster when none is named): its rate is one node's load. */
export const benchmarkProfileQuery = (datastoreId: string, cluster?: BenchCluster) =>
  queryOptions({
    queryKey: benchmarkKeys.profile(datastoreId, cluster),
    queryFn: ({ signal }) => apiClient.get("getDefaultBenchProfile", { params: { id: datastoreId }, query: cluster ?? {}, signal }),
    staleTime: 60_000,
  });

/** Two finished runs' comparison never changes (unless the thresholds do): read once. */
export const benchmarkCompareQuery = (baseline: string, candidate: string, maxRegressionPct?: number) =>
  queryOptions({
    queryKey: benchmarkKeys.compare(baseline, candidate, maxRegressionPct),
    queryFn: ({ signal }) => apiClient.get("compareBenchRuns", { query: { baseline, candidate, maxRegressionPct }, signal }),
    staleTime: 60_000,
    retry: false,
  });

export const startBenchmark = (datastoreId: string, body: StartBenchRunBody, idempotencyKey = newIdempotencyKey()) =>
  apiClient.get("startBenchRun", { params: { id: datastoreId }, body, idempotencyKey });

export const cancelBenchmark = (id: string) => apiClient.get("cancelBenchRun", { params: { id } });
