// The plan a datastore's clusters were sized by, and the workload it was sized for: its last applied workload
// change's (the server's re-plan, kept under `plan` in the change's planResult column: changes/change-dto.ts), else
// its request's chosen plan. Stored JSON, returned as stored: each reader parses the clusters it needs leniently.
import "server-only";
import { z } from "zod";
import type { Tx } from "../db/client";

const PlansSchema = z.object({ plans: z.array(z.object({ rank: z.number(), clusters: z.array(z.unknown()) })) });
const ChangePlanSchema = z.object({ plan: PlansSchema });

export interface SizedPlan {
  /** The plan's clusters as stored (empty when no plan reads). */
  clusters: unknown[];
  /** The workload the plan was sized for, as stored. */
  workload: unknown;
}

export async function sizedPlanOf(client: Tx, datastore: { id: string; requestId: string }): Promise<SizedPlan> {
  const applied = await client.datastoreChange.findFirst({
    where: { datastoreId: datastore.id, kind: "update", status: "applied" },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { planResult: true, workload: true },
  });
  const fromChange = ChangePlanSchema.safeParse(applied?.planResult);
  if (applied && fromChange.success) return { clusters: fromChange.data.plan.plans[0]?.clusters ?? [], workload: applied.workload };
  const request = await client.request.findUnique({ where: { id: datastore.requestId }, select: { planResult: true, chosenRank: true, workload: true } });
  const plans = PlansSchema.safeParse(request?.planResult);
  const chosen = plans.success ? (plans.data.plans.find((p) => p.rank === (request?.chosenRank ?? 1)) ?? plans.data.plans[0]) : undefined;
  return { clusters: chosen?.clusters ?? [], workload: applied?.workload ?? request?.workload };
}
