// The planner's entry point: which family, then point values fast, or ranges by least regret.
import type { PlanRequest, PlanResult } from "../schemas/plan";
import { hasRanges } from "../schemas/workload";
import { pointDesires } from "./desires";
import { planFamily } from "./plan";
import { companionsFor, recommend } from "./recommend";
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
    extra.push(rejected ? `${family} is not recommended for this workload: ${rejected.reasons.join(" ")}` : `${family} is not the recommended family (${pick?.family ?? "none"} is).`);
  }

  if (hasRanges(w)) {
    const u = planUncertain(w, family, companions, request.alternatives);
    return { family, recommended, plans: u.plans, rejected: u.rejected, warnings: [...extra, ...u.warnings], uncertainty: u.uncertainty };
  }
  const r = planFamily(w, family, pointDesires(w), companions, { alternatives: request.alternatives });
  return { family, recommended, plans: r.plans, rejected: r.rejected, warnings: [...extra, ...r.warnings] };
}
