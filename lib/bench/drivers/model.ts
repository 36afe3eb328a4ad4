// The simulation's synthetic benchmark target: a harness driver with no server behind it, answering each request
// after a latency drawn from the model of the cluster (the plan's SLO, the load, an injected latency spike). The
// harness runs it like any driver (open loop, progress, cancel), so a synthetic run is shaped like a measured one;
// every place that shows it labels it synthetic.
import type { BenchDriver } from "../driver";
import type { BenchProfile } from "../profile";
import { RunRecorder } from "../recorder";
import type { BenchResult } from "../result";
import { seededRandom } from "../sampling";

export interface LatencyModel {
  /** The p99 the model answers reads and writes with, in milliseconds. */
  p99ReadMs: number;
  p99WriteMs: number;
}

/** Log-normal latencies of this spread (p99 ≈ 3.2 × the median): a service time's long right tail. */
const SIGMA = 0.5;
const Z99 = 2.326;

/**
 * The model of a cluster at a given load: 40 % of its latency SLO at the planned load (the simulated metrics' level,
 * lib/server/health/simulation.ts), rising with the square root of any load above the plan, times a latency spike.
 */
export function modelLatency(input: {
  sloP99ReadMs: number;
  sloP99WriteMs: number;
  /** The profile's rate against what the plan sizes this share of the cluster for (1: as planned). */
  loadFactor: number;
  spikeFactor: number;
}): LatencyModel {
  const f = Math.sqrt(Math.max(1, input.loadFactor)) * input.spikeFactor;
  return { p99ReadMs: 0.4 * input.sloP99ReadMs * f, p99WriteMs: 0.4 * input.sloP99WriteMs * f };
}

export function modelDriver(name: string, model: LatencyModel, seed: number): BenchDriver {
  const random = seededRandom(seed ^ 0x5eed);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const normal = () => {
    // Box–Muller on the seeded generator.
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const answer = (p99: number) => {
    const median = p99 / Math.exp(Z99 * SIGMA);
    const ms = median * Math.exp(SIGMA * normal());
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  };
  return {
    name,
    open: async () => {},
    read: async () => {
      await answer(model.p99ReadMs);
      return true;
    },
    write: (_key, _value) => answer(model.p99WriteMs),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    errorKind: () => "model",
  };
}

/** Requests a synthetic run computes at most (a run of 1,000,000/s for an hour is not simulated request by request). */
export const MAX_SYNTHETIC_REQUESTS = 2_000_000;

/**
 * A synthetic run computed, not timed: the profile's open-loop schedule (request i due at i / rate; closed loop: as
 * fast as the connections turn over) served on its connections by the model's latencies, in virtual time. The same
 * profile and model always give the same figures, whatever else the machine is doing: a timer-driven model would
 * measure the machine's scheduler as much as the model (a 1 ms timer granularity, stalls under load).
 */
export function computeSyntheticRun(profile: BenchProfile, model: LatencyModel, name: string, startedAt: Date): BenchResult {
  const random = seededRandom(profile.seed ^ 0x5eed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const latency = (p99: number) => (p99 / Math.exp(Z99 * SIGMA)) * Math.exp(SIGMA * normal());
  const measureStart = profile.warmupS * 1000;
  const endMs = measureStart + profile.durationS * 1000;
  const closed = profile.rate === "unbounded";
  const rate = closed ? null : (profile.rate as number);
  const free = new Array<number>(profile.connections).fill(0);
  const done: { op: "read" | "write"; due: number; sent: number; at: number }[] = [];
  let warmupRequests = 0;
  for (let i = 0; done.length + warmupRequests < MAX_SYNTHETIC_REQUESTS; i++) {
    // The connection free first takes the next request (one request at a time on each, as the harness sends).
    let conn = 0;
    for (let c = 1; c < free.length; c++) if ((free[c] ?? 0) < (free[conn] ?? 0)) conn = c;
    const due = rate === null ? (free[conn] ?? 0) : (i * 1000) / rate;
    if (due >= endMs) break;
    const op = random() < profile.mix.read ? "read" : "write";
    const sent = Math.max(due, free[conn] ?? 0);
    const at = sent + latency(op === "read" ? model.p99ReadMs : model.p99WriteMs);
    free[conn] = at;
    if (due < measureStart) warmupRequests++;
    else done.push({ op, due, sent, at });
  }
  done.sort((a, b) => a.at - b.at);
  const rec = new RunRecorder(measureStart);
  for (const r of done) rec.answered(r.op, r.due, r.sent, r.at, true);
  const reads = rec.reads.stats();
  const writes = rec.writes.stats();
  const measuredS = profile.durationS;
  const spanS = Math.max(measuredS, (rec.lastDoneAt - measureStart) / 1000);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    schemaVersion: 1,
    driver: name,
    profile,
    mode: closed ? "closed-loop" : "open-loop",
    outcome: "completed",
    startedAt: startedAt.toISOString(),
    measuredS,
    reads,
    writes,
    throughput: { targetPerSecond: rate, achievedPerSecond: spanS > 0 ? round3((reads.ok + writes.ok) / spanS) : 0, series: rec.throughput() },
    errors: [],
    warmup: { requests: warmupRequests, errors: 0 },
    prefill: { keys: profile.prefill ? profile.keySpace.count : 0, errors: 0 },
  };
}
