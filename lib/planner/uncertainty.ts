// Planning under uncertainty. A range low/mid/high is read as the team's 90% belief: low and high are the 5th and
// 95th percentiles, mid the median. We draw seeded worlds from those beliefs, find the cheapest topology for each
// world, then choose the topology that would have been regretted least across all worlds — over-spending costs a
// little, under-provisioning costs more (the reference's regret: (Δ$)^1.2 over, (1.25·Δ$)^1.2 under). The chosen
// topology is then re-priced at the mid values, so its cost reads as "what this cluster costs", not one sample.
import { regionHardware } from "../catalog";
import type { Companion, Family, Plan, RejectedShape } from "../schemas/plan";
import { isRange, type Workload } from "../schemas/workload";
import { pointDesires, rangedFields, type RangedField } from "./desires";
import { ppf, seedFor, seededRandom } from "./kernel/distribution";
import { round2 } from "./kernel/zonal";
import type { PointDesires, RegionCandidate } from "./model";
import { planFamily, primaryDesires } from "./plan";
import { MODELS } from "./registry";

export const UNCERTAINTY = { simulations: 48, seed: 20171113, rangeConfidence: 0.9, overSpendWeight: 1, underProvisionWeight: 1.25, exponent: 1.2 } as const;

export interface UncertainPlans {
  plans: Plan[];
  rejected: RejectedShape[];
  warnings: string[];
  uncertainty: { simulations: number; seed: number; annualCost: { p5: number; p50: number; p95: number }; explanation: string[] };
}

const clusterCost = (c: RegionCandidate) => c.clusters.reduce((s, k) => s + k.computeCost + k.driveCost, 0);
const candidateCost = (c: RegionCandidate) => clusterCost(c) + c.networkTransferCost + c.backupCost;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Draws `n` seeded samples for each ranged field of the workload. */
export function drawWorlds(w: Workload, n: number, seed: number): PointDesires[] {
  const fields = rangedFields(w);
  const draws = new Map<RangedField, number[]>();
  for (const f of fields) {
    const q = w[f];
    if (!isRange(q)) continue;
    const rnd = seededRandom(seedFor(f, seed));
    const interval = { ...q, confidence: UNCERTAINTY.rangeConfidence, minimum: q.low / 2, maximum: q.high * 2 };
    draws.set(
      f,
      Array.from({ length: n }, () => ppf(interval, rnd())),
    );
  }
  return Array.from({ length: n }, (_, j) => pointDesires(w, (f, q) => draws.get(f)?.[j] ?? (typeof q === "number" ? q : q.mid)));
}

export function planUncertain(w: Workload, family: Family, companions: readonly Companion[], alternatives: number): UncertainPlans {
  const model = MODELS[family];
  const [home] = w.regions;
  const hw = regionHardware(home!);
  const worlds = drawWorlds(w, UNCERTAINTY.simulations, UNCERTAINTY.seed).map((d) => primaryDesires(d, companions));

  // 1. The cheapest topology of each world.
  // `cost` is what the topology costs to run (instances and drives): transfer and backup follow the world's traffic
  // and data, not the topology, so they are left out of regret (as the reference does by default); `total` adds
  // them, for the spread of cost.
  interface Topology {
    type: string;
    family: string;
    nodesPerZone: number;
    cost: number;
    total: number;
    perNodeZoneCost: number;
    zones: number;
  }
  const optimal: (Topology | undefined)[] = worlds.map((d) => {
    const c = model.planRegion(d, hw, { maxCandidates: 1, quiet: true }).candidates[0];
    const p = c?.clusters[0];
    if (!c || !p) return undefined;
    return {
      type: p.instance.name,
      family: p.instance.family,
      nodesPerZone: p.nodesPerZone,
      cost: clusterCost(c),
      total: candidateCost(c),
      perNodeZoneCost: p.instance.annualCost,
      zones: p.zones,
    };
  });
  const feasible = optimal.filter((t): t is Topology => t !== undefined);
  const mid = planFamily(w, family, pointDesires(w), companions, { alternatives });
  if (feasible.length === 0) {
    return {
      ...mid,
      uncertainty: {
        simulations: worlds.length,
        seed: UNCERTAINTY.seed,
        annualCost: { p5: 0, p50: 0, p95: 0 },
        explanation: ["No simulated world could be served; showing the plan at the mid values."],
      },
    };
  }

  // 2. How many nodes each instance type needs in each world (a topology's regret depends only on its type and size).
  const need = new Map<string, (number | undefined)[]>();
  const needsOf = (type: string) => {
    let n = need.get(type);
    if (!n)
      need.set(
        type,
        (n = worlds.map((d) => model.planRegion(d, hw, { maxCandidates: 1, instanceTypes: [type], quiet: true }).candidates[0]?.clusters[0]?.nodesPerZone)),
      );
    return n;
  };
  for (const t of feasible) needsOf(t.type);
  /** Worlds in which `nodesPerZone` of `type` are too few (or the type cannot serve the world at all). */
  const shortIn = (type: string, nodesPerZone: number) => needsOf(type).filter((n) => n === undefined || n > nodesPerZone).length;
  const withSimulations = (p: Plan, rank: number): Plan => {
    const primary = p.clusters.find((c) => c.region === home) ?? p.clusters[0]!;
    return { ...p, rank, simulations: { worlds: worlds.length, underProvisioned: shortIn(primary.instanceType, primary.nodesPerZone) } };
  };

  // 3. Regret of each distinct topology across every world.
  const distinct = new Map<string, Topology>();
  for (const t of feasible) {
    const key = `${t.type}×${t.nodesPerZone}`;
    const prev = distinct.get(key);
    if (!prev || t.cost > prev.cost) distinct.set(key, t);
  }
  const regretOf = (t: Topology): number => {
    let total = 0;
    const needs = need.get(t.type)!;
    optimal.forEach((best, j) => {
      const bestCost = best?.cost ?? t.cost;
      const n = needs[j];
      const missingNodes = n === undefined ? t.nodesPerZone : Math.max(0, n - t.nodesPerZone);
      const under = missingNodes * t.perNodeZoneCost * t.zones;
      const over = Math.max(0, t.cost - bestCost);
      total += Math.pow(over * UNCERTAINTY.overSpendWeight, UNCERTAINTY.exponent) + Math.pow(under * UNCERTAINTY.underProvisionWeight, UNCERTAINTY.exponent);
    });
    return total;
  };
  const ranked = [...distinct.values()]
    .map((t) => ({ t, regret: regretOf(t) }))
    .sort((a, b) => a.regret - b.regret || a.t.cost - b.t.cost || a.t.type.localeCompare(b.t.type));

  // 4. Least-regret topologies, one per instance family, re-priced at the mid values.
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const { t } of ranked) {
    if (plans.length >= alternatives) break;
    if (seen.has(t.family)) continue;
    const p = planFamily(w, family, pointDesires(w), companions, {
      alternatives: 1,
      instanceTypes: [t.type],
      minNodesPerZone: t.nodesPerZone,
      minNodesReason: `the least-regret size across ${worlds.length} simulated worlds (${t.nodesPerZone} per zone)`,
    }).plans[0];
    if (!p) continue;
    seen.add(t.family);
    plans.push(withSimulations(p, plans.length + 1));
  }
  for (const p of mid.plans) {
    if (plans.length >= alternatives) break;
    const fam = p.clusters[0]?.instanceType.split(".")[0];
    if (fam && seen.has(fam)) continue;
    if (fam) seen.add(fam);
    plans.push(withSimulations(p, plans.length + 1));
  }

  const costs = feasible.map((t) => t.total).sort((a, b) => a - b);
  const spread = { p5: round2(quantile(costs, 0.05)), p50: round2(quantile(costs, 0.5)), p95: round2(quantile(costs, 0.95)) };
  const chosen = ranked[0]!.t;
  const shown = plans[0]?.clusters.find((c) => c.region === home && c.instanceType === chosen.type);
  const fields = rangedFields(w).join(", ");
  const explanation = [
    `Simulated ${worlds.length} worlds from the ranges of ${fields} (low and high read as the 5th and 95th percentiles; seed ${UNCERTAINTY.seed}, so the answer is reproducible).`,
    `The cheapest cluster per world costs ${fmt(spread.p5)} to ${fmt(spread.p95)} a year in ${home} (median ${fmt(spread.p50)}).`,
    `Least regret: ${chosen.nodesPerZone} × ${chosen.type} per zone — under-provisioning is weighted ${UNCERTAINTY.underProvisionWeight}× over-spending, transfer and backup (which follow the traffic, not the cluster) left out; the plan is priced at the mid values${
      shown && shown.nodesPerZone > chosen.nodesPerZone ? `, which need ${shown.nodesPerZone} per zone` : ""
    }.`,
  ];
  const top = plans[0];
  const cheaper = plans.filter((p) => top && p.annualCost < top.annualCost && p.simulations);
  if (top?.simulations && cheaper.length > 0) {
    explanation.push(
      `Cheaper plans rank lower because they fall short more often: ${cheaper
        .map(
          (p) =>
            `#${p.rank} is ${fmt(top.annualCost - p.annualCost)} cheaper but has too few nodes in ${p.simulations!.underProvisioned} of ${worlds.length} worlds`,
        )
        .join("; ")}; #1 falls short in ${top.simulations.underProvisioned}.`,
    );
  }
  const infeasible = optimal.length - feasible.length;
  const warnings = [...mid.warnings];
  if (infeasible > 0)
    warnings.push(`${infeasible} of ${worlds.length} simulated worlds could not be served by any shape; the high end of the ranges may be out of reach.`);
  return { plans, rejected: mid.rejected, warnings, uncertainty: { simulations: worlds.length, seed: UNCERTAINTY.seed, annualCost: spread, explanation } };
}

function fmt(v: number): string {
  return `$${Math.round(v).toLocaleString("en-US")}`;
}
