// Which store family fits a workload, why, and why not the others.
import "server-only";
import { recommend } from "@/lib/planner";
import type { RecommendationResult, Workload } from "@/lib/schemas";
import { fromPlannerError } from "./planner-error";

/** Recommending is pure computation on the caller's own input: any authenticated caller may (auth lands in route()). */
export function recommendStore(opts: { workload: Workload }): RecommendationResult {
  try {
    return recommend(opts.workload);
  } catch (error) {
    throw fromPlannerError(error);
  }
}
