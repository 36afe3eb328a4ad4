// Re-planning a datastore that already runs: its current instance type first — resized for the new workload — and
// the other shapes after it as alternatives, rather than whichever shape is cheapest today. A day-2 change should move
// a cluster to another shape only when someone chooses to (or the current shape cannot serve the workload).
import type { Family, Plan, PlanResult } from "../schemas/plan";
import { hasRanges, type Workload } from "../schemas/workload";
import { pointDesires } from "./desires";
import { planFamily } from "./plan";
import { planWorkload } from "./plan-workload";
import { companionsFor, recommend } from "./recommend";

/** The instance type of a plan's (or a topology's) primary cluster in its home region: the first cluster. */
export function primaryInstanceType(clusters: readonly { instanceType: string }[]): string | undefined {
  return clusters[0]?.instanceType;
}

export interface PlanOnShapeRequest {
  workload: Workload;
  family: Family;
  /** The primary instance type to keep (the datastore's current one, or an alternative someone chose). */
  instanceType: string;
  /** How many plans to return, the kept shape included. */
  alternatives: number;
}

export interface PlanOnShapeResult extends PlanResult {
  /** Whether plans[0] is on the asked-for instance type; false when that shape cannot serve the workload. */
  kept: boolean;
  /** Why the shape cannot serve it (when kept is false). */
  rejection?: string;
}

/**
 * Plans `workload` for `family` with `instanceType` as plan #1 and the cheapest other shapes (one per instance family)
 * after it. When that type cannot serve the workload, the ranked plans come back unchanged with a warning saying why.
 */
export function planOnShape(request: PlanOnShapeRequest): PlanOnShapeResult {
  const { workload, family, instanceType, alternatives } = request;
  const ranked = planWorkload({ workload, family, alternatives });
  // The ranked plans may already hold this shape (for ranges, sized by least regret): use it as it is.
  let kept: Plan | undefined = ranked.plans.find((p) => primaryInstanceType(p.clusters) === instanceType);
  let rejection: string | undefined;
  if (!kept) {
    const pick = recommend(workload).recommendations[0];
    const companions = pick?.family === family ? pick.companions : companionsFor(family, workload);
    const own = planFamily(workload, family, pointDesires(workload), companions, { alternatives: 1, instanceTypes: [instanceType] });
    kept = own.plans[0];
    rejection = own.rejected[0]?.reason;
  }
  if (!kept) {
    const why = rejection ?? `${instanceType} is not offered for ${family} in ${workload.regions[0] ?? "this region"}`;
    return {
      ...ranked,
      kept: false,
      rejection: why,
      warnings: [`The current shape ${instanceType} cannot serve this workload: ${why}. The cheapest shapes that can are shown instead.`, ...ranked.warnings],
    };
  }
  const others = ranked.plans.filter((p) => primaryInstanceType(p.clusters) !== instanceType).slice(0, Math.max(0, alternatives - 1));
  const plans = [kept, ...others].map((p, i) => ({ ...p, rank: i + 1 }));
  const warnings =
    hasRanges(workload) && !ranked.plans.includes(kept) ? [`${instanceType} is sized at the mid values of the ranges.`, ...ranked.warnings] : ranked.warnings;
  return { ...ranked, plans, warnings, kept: true };
}
