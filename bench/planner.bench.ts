// npm run bench — time per recommendation + full plan for the five canonical workloads, with point values and
// with ranges. Targets on the 2-core build machine: point < 2 ms, ranged < 100 ms (replan on every keystroke).
// Netflix's reference planner takes 48–125 ms and 7–20 s for the same two jobs.
import { performance } from "node:perf_hooks";
import { planWorkload, recommend } from "../lib/planner";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";
import { PlanRequestSchema, WorkloadSchema, type WorkloadInput } from "../lib/schemas";

function ranged(w: WorkloadInput): WorkloadInput {
  const spread = (v: unknown) => (typeof v === "number" && v > 0 ? { low: v * 0.5, mid: v, high: v * 2 } : v);
  return {
    ...w,
    readsPerSecond: spread(w.readsPerSecond) as number,
    writesPerSecond: spread(w.writesPerSecond) as number,
    datasetGiB: spread(w.datasetGiB) as number,
  };
}

function measure(fn: () => unknown, iterations: number): { median: number; p99: number; mean: number } {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(); // warm the JIT
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p99: at(0.99), mean: times.reduce((s, t) => s + t, 0) / times.length };
}

const rows: string[][] = [];
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 3 : 1);
let worstPoint = 0;
let worstRanged = 0;
for (const c of CANONICAL_USE_CASES) {
  for (const [kind, input, n] of [
    ["point", c.workload, 300],
    ["ranged", ranged(c.workload), 30],
  ] as const) {
    const workload = WorkloadSchema.parse(input);
    const request = PlanRequestSchema.parse({ workload });
    const run = () => {
      const rec = recommend(workload);
      return { rec, plan: planWorkload(request) };
    };
    const { plan } = run();
    const m = measure(run, n);
    if (kind === "point") worstPoint = Math.max(worstPoint, m.median);
    else worstRanged = Math.max(worstRanged, m.median);
    rows.push([
      c.id,
      kind,
      plan.family,
      plan.plans[0] ? `$${Math.round(plan.plans[0].annualCost).toLocaleString("en-US")}` : "—",
      fmt(m.median),
      fmt(m.p99),
      String(n),
    ]);
  }
}

const header = ["workload", "kind", "family", "annual cost", "median ms", "p99 ms", "runs"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join("  ");
console.log(`recommendation + full plan, Node ${process.version}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`worst median: point ${fmt(worstPoint)} ms (target < 2 ms), ranged ${fmt(worstRanged)} ms (target < 100 ms)`);
