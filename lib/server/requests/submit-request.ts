// Submits a draft (or a request with changes requested) for review. Pins the recommendation and the plan result,
// both recomputed here from the stored workload: a plan a client computed is never trusted (nor accepted).
import "server-only";
import { AppError, invalidInput } from "@/lib/errors";
import { planWorkload, recommend } from "@/lib/planner";
import { EDITABLE_STATUSES, FamilySchema, WorkloadSchema, type RequestDetailDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { requireAllowed, requireNotForbidden } from "../auth/verdict";
import { audit } from "../audit";
import { emitRequestEvent } from "../webhooks/events";
import { db } from "../db/client";
import { checkIfMatch, type IfMatch } from "../http/etag";
import { fromPlannerError } from "../planning/planner-error";
import { submitVerdict } from "./request-actions";
import { findVisibleRequest, inTransaction, requestDetail } from "./request-store";
import { planLine } from "./request-summary";

/** How many ranked plans are pinned: the pick and the alternatives a reviewer may choose instead. */
export const PINNED_PLANS = 4;

export async function submitRequest(opts: { actor: Actor; id: string; ifMatch?: IfMatch }): Promise<RequestDetailDto> {
  const { actor, id } = opts;
  const row = await findVisibleRequest(db(), actor, id);
  const verdict = submitVerdict(actor, row);
  requireNotForbidden(verdict);
  checkIfMatch(opts.ifMatch, row.version, "request");
  requireAllowed(verdict);

  // Planning is pure and CPU-bound: outside the transaction, on the version read above (the update checks it).
  // A draft saved before the workload's physical ceilings existed still reads; submitting it checks them (422).
  const checked = WorkloadSchema.safeParse(row.workload);
  if (!checked.success) throw invalidInput(checked.error, "stored workload", ["workload"]);
  const workload = checked.data;
  const family = row.family === null ? undefined : FamilySchema.parse(row.family);
  const recommendation = recommend(workload);
  let planResult;
  try {
    planResult = planWorkload({ workload, family, alternatives: PINNED_PLANS });
  } catch (error) {
    throw fromPlannerError(error);
  }
  const chosen = planResult.plans[0];
  if (!chosen) {
    throw new AppError(
      "no_family_fits",
      `No instance shape can serve this workload with ${planResult.family}: ${planResult.rejected[0]?.reason ?? "every shape was rejected"}`,
      {
        fieldErrors: [{ field: "workload", message: `no ${planResult.family} plan fits this workload` }],
      },
    );
  }

  return inTransaction(undefined, async (tx) => {
    const submittedAt = new Date();
    const { count } = await tx.request.updateMany({
      where: { id, version: row.version, status: { in: [...EDITABLE_STATUSES] } },
      data: {
        status: "submitted",
        recommendation,
        planResult,
        chosenRank: chosen.rank,
        chosenPlan: planLine(planResult.family, chosen),
        thresholds: chosen.thresholds,
        submittedAt,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError("conflict", "The request changed while it was being submitted; read it again and submit again.");
    await audit(tx, actor, {
      action: "request.submitted",
      subjectType: "request",
      subjectId: id,
      teamId: row.teamId,
      detail: { family: planResult.family, chosenRank: chosen.rank, annualCost: chosen.annualCost },
    });
    await emitRequestEvent(tx, "request.submitted", id);
    return requestDetail(tx, actor, id);
  });
}
