// A capacity plan for a workload: the recommended (or named) family sized in every region, ranked by cost.
import "server-only";
import { planWorkload } from "@/lib/planner";
import type { PlanRequest, PlanResult } from "@/lib/schemas";
import { fromPlannerError } from "./planner-error";

/** Planning stores nothing: it is a what-if on the caller's input (auth lands in route()). */
export function planCapacity(opts: { request: PlanRequest }): PlanResult {
  try {
    return planWorkload(opts.request);
  } catch (error) {
    throw fromPlannerError(error);
  }
}
