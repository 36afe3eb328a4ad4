// A proposal's plan and what it costs against now: the workload re-planned the way a day-2 change re-plans it on the
// server (create-change.ts: planOnShape on the shape asked for, resized), so the cost the tab shows is the cost the
// change will show.
import "server-only";
import { planOnShape, primaryInstanceType, PlannerError } from "@/lib/planner";
import type { Family } from "@/lib/schemas/plan";
import type { ShapeCostSchema } from "@/lib/schemas/runway";
import type { Workload } from "@/lib/schemas/workload";
import type { z } from "zod";

type ShapeCost = z.infer<typeof ShapeCostSchema>;

export interface ProposalPlan {
  proposed: ShapeCost | null;
  costDelta: { monthly: number; annual: number } | null;
  planError: string | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Re-plans `workload` for `family` on `instanceType` (the cheapest shape that can serve it when that one cannot). */
export function proposalPlan(workload: Workload, family: Family, instanceType: string, current: ShapeCost): ProposalPlan {
  let plan;
  try {
    const result = planOnShape({ workload, family, instanceType, alternatives: 1 });
    plan = result.plans[0];
    if (!plan) return { proposed: null, costDelta: null, planError: result.warnings[0] ?? `No ${family} plan serves this workload.` };
  } catch (error) {
    if (error instanceof PlannerError) return { proposed: null, costDelta: null, planError: error.message };
    throw error;
  }
  const proposed: ShapeCost = {
    instanceType: primaryInstanceType(plan.clusters) ?? instanceType,
    nodes: plan.clusters.reduce((n, c) => n + c.nodes, 0),
    monthlyCost: plan.monthlyCost,
    annualCost: plan.annualCost,
  };
  return {
    proposed,
    costDelta: { monthly: round2(plan.monthlyCost - current.monthlyCost), annual: round2(plan.annualCost - current.annualCost) },
    planError: null,
  };
}
