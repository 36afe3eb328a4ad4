// Plans a workload in the browser: the same pure planner the API uses, run on every valid change.
import { planWorkload, recommend } from "@/lib/planner";
import { WorkloadSchema, type Family, type PlanResult, type RecommendationResult, type Workload } from "@/lib/schemas";

export type FamilyChoice = Family | "recommended";

export type LivePlan =
  | { status: "invalid" }
  | { status: "no-family"; workload: Workload; recommendation: RecommendationResult }
  | { status: "planned"; workload: Workload; recommendation: RecommendationResult; family: Family; result: PlanResult }
  | { status: "failed"; workload: Workload; recommendation: RecommendationResult; family: Family; message: string };

/** How many ranked plans to show: the pick plus alternatives. */
export const ALTERNATIVES = 5;

/**
 * @param workloadJson the workload input as JSON — a string so callers can memoise on its value and replan
 *   only when the workload itself changed, not on every render.
 */
export function computeLivePlan(workloadJson: string, choice: FamilyChoice): LivePlan {
  const parsed = WorkloadSchema.safeParse(JSON.parse(workloadJson));
  if (!parsed.success) return { status: "invalid" };
  const workload = parsed.data;
  const recommendation = recommend(workload);
  const family = choice === "recommended" ? recommendation.recommendations[0]?.family : choice;
  if (!family) return { status: "no-family", workload, recommendation };
  try {
    const result = planWorkload({ workload, family, alternatives: ALTERNATIVES });
    return { status: "planned", workload, recommendation, family, result };
  } catch (error) {
    // The planner reports unplannable workloads by throwing; the page shows why instead of breaking.
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", workload, recommendation, family, message };
  }
}
