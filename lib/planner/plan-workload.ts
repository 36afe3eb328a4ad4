// The planner's entry point: which family, then point values fast, or ranges by least regret.
import type { Companion, Family, PlanRequest, PlanResult } from "../schemas/plan";
import { hasRanges, type Workload } from "../schemas/workload";
import { pointDesires } from "./desires";
import { planFamily } from "./plan";
import { CASSANDRA } from "./models/cassandra";
import { CACHE_HIT_RATE, companionsFor, recommend } from "./recommend";
import { planUncertain } from "./uncertainty";

export class PlannerError extends Error {
  constructor(
    readonly code: "no-family-fits",
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "PlannerError";
  }
}

/** What one design (a set of companions) plans to. */
type DesignResult = Omit<PlanResult, "family" | "recommended">;

function planDesign(w: Workload, family: Family, companions: readonly Companion[], alternatives: number): DesignResult {
  if (hasRanges(w)) {
    const u = planUncertain(w, family, companions, alternatives);
    return { plans: u.plans, rejected: u.rejected, warnings: u.warnings, uncertainty: u.uncertainty };
  }
  const r = planFamily(w, family, pointDesires(w), companions, { alternatives });
  return { plans: r.plans, rejected: r.rejected, warnings: r.warnings };
}

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/**
 * Optional companions (the EVCache tier in front of Cassandra) are priced both ways: the design with them and the
 * design without. The cheaper design whose best plan exists wins — unless the read SLO is tighter than the primary
 * serves alone, when only the design with the cache is offered. Choosing by cost this way means more load can
 * never make the best plan cheaper by switching the cache on.
 */
function planDesigns(w: Workload, family: Family, companions: readonly Companion[], alternatives: number): DesignResult {
  const optional = companions.filter((c) => c.optional);
  if (optional.length === 0) return planDesign(w, family, companions, alternatives);
  const required = companions.filter((c) => !c.optional);
  const withCache = planDesign(w, family, companions, alternatives);
  const cacheOnly = w.readLatencyP99Ms !== undefined && w.readLatencyP99Ms < CASSANDRA.minReadP99Ms;
  const names = optional.map((c) => `an ${c.family === "evcache" ? "EVCache" : c.family} ${c.role} tier`).join(" and ");
  if (cacheOnly) {
    const note = `A ${w.readLatencyP99Ms} ms p99 read SLO is below what ${family} serves alone (about ${CASSANDRA.minReadP99Ms} ms at best), so only the design with ${names} in front is planned; reads that miss it (~${Math.round((1 - CACHE_HIT_RATE) * 100)}%) still take ${family}'s latency.`;
    return { ...withCache, plans: withCache.plans.map((p) => ({ ...p, explanation: [...p.explanation, note] })) };
  }
  const without = planDesign(w, family, required, alternatives);
  const a = withCache.plans[0];
  const b = without.plans[0];
  const useCache = a !== undefined && (b === undefined || a.annualCost < b.annualCost);
  const chosen = useCache ? withCache : without;
  const note =
    a && b
      ? `Priced with ${names} in front (${usd(a.annualCost)} a year) and without (${usd(b.annualCost)}): the ${useCache ? "design with it" : "design without it"} is cheaper, so its plans are shown.`
      : a
        ? `Only the design with ${names} in front can be planned.`
        : b
          ? `The design with ${names} in front cannot be planned (${withCache.warnings[0] ?? "no shape serves it"}); this is the design without it.`
          : undefined;
  return { ...chosen, plans: chosen.plans.map((p) => ({ ...p, explanation: note ? [...p.explanation, note] : p.explanation })) };
}

/** Plans a workload: the recommended family unless one is named, point values fast, ranges by least regret. */
export function planWorkload(request: PlanRequest): PlanResult {
  const w = request.workload;
  const rec = recommend(w);
  const pick = rec.recommendations[0];
  const family = request.family ?? pick?.family;
  if (!family) {
    throw new PlannerError("no-family-fits", rec.warnings[0] ?? "No store family fits this workload; name one in `family` to plan it anyway.", "family");
  }
  const recommended = pick?.family === family;
  const companions = recommended && pick ? pick.companions : companionsFor(family, w);
  const extra: string[] = [];
  if (!recommended) {
    const rejected = rec.rejected.find((r) => r.family === family);
    extra.push(
      rejected
        ? `${family} is not recommended for this workload: ${rejected.reasons.join(" ")}`
        : `${family} is not the recommended family (${pick?.family ?? "none"} is).`,
    );
  }
  const r = planDesigns(w, family, companions, request.alternatives);
  return { family, recommended, ...r, warnings: [...extra, ...r.warnings] };
}
