// The simulation's synthetic benchmark target: a harness driver with no server behind it, answering each request
// after a latency drawn from the model of the cluster (the plan's SLO, the load, an injected latency spike). The
// harness runs it like any driver (open loop, progress, cancel), so a synthetic run is shaped like a measured one;
// every place that shows it labels it synthetic.
import "server-only";
import type { BenchDriver } from "@/lib/bench/driver";
import { seededRandom } from "@/lib/bench/sampling";

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
