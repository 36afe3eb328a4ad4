// The worker's side of a `benchmark` operation: runs the harness against the run's target and writes what it sees
// into the bench_runs row — progress about once a second (the live chart), the result at the end. Never Pulumi.
// Simulated EVCache and Dynomite run for real against a memcached / redis-server started for the run (behind a
// delaying proxy while a latency spike is injected: real, measured latency); the other families run the harness
// against the model of the cluster (synthetic, labelled so). Cancel is the operation's: the harness stops sending,
// and its result (outcome "cancelled", the figures so far) is kept.
import "server-only";
import { computeSyntheticRun, modelLatency, type LatencyModel } from "@/lib/bench/drivers/model";
import { BenchProfileSchema, type BenchProfile } from "@/lib/bench/profile";
import type { BenchResult, ThroughputPoint } from "@/lib/bench/result";
import type { BenchProgress } from "@/lib/bench/run-benchmark";
import { runInChild, type DriverSpec } from "@/lib/bench/run-in-child";
import type { BenchRunProgress } from "@/lib/schemas/bench-run";
import { DatastoreOutputsSchema, type EngineEvent } from "@/lib/schemas/operation";
import type { OperationRow } from "../provisioning/operation-rows";
import { FamilySchema, type Family } from "@/lib/schemas/plan";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { loadSimModel } from "../health/simulation-model";
import { EngineError, type EngineResult } from "../provisioning/engine-contract";
import { benchClustersOf, latencySpikeFactor, localServerKindOf, PORT_OF_FAMILY } from "./bench-target";
import { LOCAL_SERVER_NOISE_FLOOR_MS } from "./compare-bench-runs";

type Row = OperationRow;
type BenchRunRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["benchRun"]["findUnique"]>>>;

export interface BenchmarkRun {
  op: Pick<Row, "id" | "datastoreId">;
  signal: AbortSignal;
  onEvent: (event: EngineEvent) => void;
}

/** Progress is written at most this often (the live chart reads it; SQLite need not take more). */
const PROGRESS_MS = 1000;

/** Where the simulated cluster's latency SLO comes from when the model has no plan for it. */
const FALLBACK_SLO_MS = 2.5;

const NO_CHANGES: EngineResult = { summary: {}, changes: [], outputs: null };

/** Writes progress snapshots in order, at most once a second; `flush` writes the last one and waits. */
function progressWriter(runId: string) {
  const series: ThroughputPoint[] = [];
  let latest: BenchRunProgress | null = null;
  let writtenAt = 0;
  let chain = Promise.resolve();
  const write = (snapshot: BenchRunProgress) => {
    chain = chain
      .then(() => db().benchRun.update({ where: { id: runId }, data: { progress: JSON.parse(JSON.stringify(snapshot)) } }))
      .then(
        () => undefined,
        (error: unknown) => log.warn("could not write a benchmark's progress", { runId, error: errorFields(error) }),
      );
  };
  return {
    onProgress(p: BenchProgress | { phase: "starting" }) {
      if ("lastSecond" in p && p.lastSecond && (series.length === 0 || (series[series.length - 1]?.second ?? -1) < p.lastSecond.second))
        series.push(p.lastSecond);
      latest =
        "elapsedS" in p
          ? {
              phase: p.phase,
              elapsedS: Math.round(p.elapsedS * 10) / 10,
              sent: p.sent,
              answered: p.answered,
              errors: p.errors,
              backlog: p.backlog,
              series: [...series],
            }
          : { phase: "starting", elapsedS: 0, sent: 0, answered: 0, errors: 0, backlog: 0, series: [] };
      const now = Date.now();
      if (now - writtenAt >= PROGRESS_MS || latest.phase === "starting") {
        writtenAt = now;
        write(latest);
      }
    },
    /** The last snapshot, with the result's full series. */
    async flush(result: BenchResult | null): Promise<void> {
      if (latest && result) latest = { ...latest, series: result.throughput.series };
      if (latest) write(latest);
      await chain;
    },
  };
}

/** The family of the run's cluster (from the datastore's topology). */
async function familyOf(run: BenchRunRow): Promise<Family> {
  const d = await db().datastore.findUniqueOrThrow({
    where: { id: run.datastoreId },
    select: { id: true, name: true, requestId: true, topology: true, family: true },
  });
  const cluster = benchClustersOf(d).find((c) => c.region === run.region && c.role === run.role);
  if (cluster) return cluster.family;
  const family = FamilySchema.safeParse(d.family);
  if (!family.success) throw new EngineError({ code: "input", message: `The datastore's family ${d.family} is not benchmarked.` });
  return family.data;
}

/** The simulated cluster's p99 SLOs and the load the plan sized one share of it for. */
async function simulatedCluster(run: BenchRunRow, profile: BenchProfile) {
  const model = await loadSimModel(run.datastoreId);
  const cluster = model?.clusters.find((c) => c.region === run.region && c.role === run.role);
  const planned = cluster ? cluster.readsPerSecond + cluster.writesPerSecond : null;
  const nodes = benchClustersOf(
    await db().datastore.findUniqueOrThrow({ where: { id: run.datastoreId }, select: { id: true, name: true, requestId: true, topology: true } }),
  ).find((c) => c.region === run.region && c.role === run.role)?.nodes;
  const perNode = planned !== null && nodes ? planned / nodes : null;
  const rate = profile.rate === "unbounded" ? null : profile.rate;
  return {
    sloP99ReadMs: cluster?.readLatencyP99Ms || FALLBACK_SLO_MS,
    sloP99WriteMs: cluster?.writeLatencyP99Ms || FALLBACK_SLO_MS,
    loadFactor: perNode && rate ? rate / perNode : 1,
  };
}

/** The cluster's endpoint (real mode): the discovery name the stack output for the family, on its clients' port. */
async function endpointDriver(run: BenchRunRow, family: Family): Promise<DriverSpec> {
  const d = await db().datastore.findUniqueOrThrow({ where: { id: run.datastoreId }, select: { outputs: true } });
  const outputs = DatastoreOutputsSchema.safeParse(d.outputs);
  const host = outputs.success ? outputs.data.regions[run.region]?.endpoints[family] : undefined;
  if (!host) throw new EngineError({ code: "input", message: `The stack has no ${family} endpoint in ${run.region}: provision it (or refresh) first.` });
  const port = PORT_OF_FAMILY[family];
  switch (family) {
    case "evcache":
      return { kind: "memcached", server: `${host}:${port}` };
    case "dynomite":
      return { kind: "redis", host, port };
    case "cassandra":
      return { kind: "cassandra", contactPoints: [host], localDataCenter: run.region, port };
    case "elasticsearch":
      return { kind: "elasticsearch", node: `http://${host}:${port}` };
    case "graph":
      throw new EngineError({ code: "input", message: "The harness has no driver for graph clusters." });
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * A synthetic run: computed from the model at once (the same profile and model give the same figures, whatever the
 * machine is doing), then played out in real time — progress each second, as a measured run shows it — so a cancel
 * keeps the seconds played so far.
 */
async function paceSynthetic(
  profile: BenchProfile,
  model: LatencyModel,
  name: string,
  signal: AbortSignal,
  onProgress: (p: BenchProgress) => void,
): Promise<BenchResult> {
  const startedAt = new Date();
  const full = computeSyntheticRun(profile, model, name, startedAt);
  const total = profile.warmupS + profile.durationS;
  let sent = 0;
  for (let s = 0; s < total; s++) {
    await sleep(1000, signal);
    if (signal.aborted) {
      const measured = Math.max(0, s - profile.warmupS);
      const partial = computeSyntheticRun({ ...profile, durationS: Math.max(1, measured) }, model, name, startedAt);
      return { ...partial, profile, outcome: "cancelled", measuredS: measured };
    }
    const point = s >= profile.warmupS ? (full.throughput.series[s - profile.warmupS] ?? null) : null;
    sent += point ? point.reads + point.writes : 0;
    onProgress({ phase: s < profile.warmupS ? "warmup" : "measure", elapsedS: s + 1, sent, answered: sent, errors: 0, backlog: 0, lastSecond: point });
  }
  return full;
}

export async function runBenchmarkOperation({ op, signal, onEvent }: BenchmarkRun): Promise<EngineResult> {
  const run = await db().benchRun.findUnique({ where: { operationId: op.id } });
  if (!run) throw new EngineError({ code: "input", message: "The operation has no benchmark run." });
  const profile = BenchProfileSchema.parse(run.profile);
  const family = await familyOf(run);
  onEvent({ type: "started", kind: "benchmark" });
  const progress = progressWriter(run.id);
  progress.onProgress({ phase: "starting" });
  const spike = await latencySpikeFactor(db(), run.datastoreId, run);
  const note = (message: string) => onEvent({ type: "diagnostic", severity: "info", message });

  let result: BenchResult | null = null;
  try {
    if (signal.aborted) throw new EngineError({ code: "cancelled", message: "The benchmark was cancelled before it started." });
    let driver: DriverSpec | null;
    if (run.target === "local-server") {
      const kind = localServerKindOf(family);
      if (!kind) throw new EngineError({ code: "input", message: `No local server stands in for ${family}.` });
      let delayMs = 0;
      if (spike > 1) {
        const sim = await simulatedCluster(run, profile);
        // What the spike adds to the model's p99 (40 % of the SLO, times the factor less one), and at least twice the
        // noise floor a comparison of local runs allows per unit of factor: a spike is never lost in the noise.
        const perUnit = Math.max(0.4 * Math.max(sim.sloP99ReadMs, sim.sloP99WriteMs), 2 * LOCAL_SERVER_NOISE_FLOOR_MS);
        delayMs = Math.round((spike - 1) * perUnit * 100) / 100;
        note(`A simulated latency spike (×${spike}) is active on ${run.region} ${run.role}: every answer is held ${delayMs} ms by a loopback proxy.`);
      }
      // The child starts the server (and the proxy) and stops them after the run, also when this process dies.
      driver = { kind: "local-server", server: kind, delayMs };
    } else if (run.target === "synthetic") {
      const sim = await simulatedCluster(run, profile);
      const model = modelLatency({ ...sim, spikeFactor: spike });
      note(
        `Synthetic: no load is sent; the model of the cluster answers at p99 ${Math.round(model.p99ReadMs * 100) / 100} ms (reads) and ${Math.round(model.p99WriteMs * 100) / 100} ms (writes)${spike > 1 ? `, a latency spike ×${spike} included` : ""}.`,
      );
      result = await paceSynthetic(profile, model, run.driver, signal, (p) => progress.onProgress(p));
      driver = null;
    } else {
      driver = await endpointDriver(run, family);
    }
    // In a process of its own: this one's database work and other operations must not show as the store's latency.
    if (driver)
      result = await runInChild(profile, driver, { signal, onProgress: (p) => progress.onProgress(p), onNote: note, progressIntervalMs: PROGRESS_MS });
  } finally {
    await progress.flush(result);
    await db().benchRun.update({
      where: { id: run.id },
      data: { finishedAt: new Date(), ...(result ? { result: JSON.parse(JSON.stringify(result)) } : {}) },
    });
  }
  if (!result) throw new EngineError({ code: "engine", message: "The benchmark ended without a result." });
  if (result.outcome === "cancelled") throw new EngineError({ code: "cancelled", message: "The benchmark was cancelled; the figures up to then are kept." });
  const read = result.reads.latency.percentilesMs.p99;
  const write = result.writes.latency.percentilesMs.p99;
  note(`Measured ${Math.round(result.throughput.achievedPerSecond)} requests/s; p99 ${read} ms (reads), ${write} ms (writes).`);
  return NO_CHANGES;
}
