// Records a reviewer's decision on a submitted request. Approving may pick another pinned plan or adjust the
// thresholds, creates the datastore record (status "approved") with its thresholds and, when the organisation
// settings cover its regions, queues its first preview — all in one transaction. Exactly one decision wins: the
// update is conditional on the request still being submitted at the version read.
import "server-only";
import { topologyClusterOf } from "@/lib/schemas/datastore";
import { toThresholdRow } from "@/lib/server/datastores/threshold-rows";
import { AppError } from "@/lib/errors";
import { MODELS } from "@/lib/planner";
import {
  PlanResultSchema,
  StoredWorkloadSchema,
  ThresholdSchema,
  type Decision,
  type Family,
  type Plan,
  type RequestDetailDto,
  type ReviewDecisionBody,
  type Threshold,
} from "@/lib/schemas";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { requireAllowed, requireNotForbidden } from "../auth/verdict";
import { audit } from "../audit";
import { emitRequestEvent } from "../webhooks/events";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { checkIfMatch, type IfMatch } from "../http/etag";
import { DATASTORE_INCLUDE, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { regionRowsCreate } from "../datastores/region-rows";
import { errorFields, log } from "../log";
import { insertOperation } from "../provisioning/operation-rows";
import { specOfDatastore } from "../provisioning/spec";
import { loadOrgSettings, missingSettings } from "../settings/provisioning-settings";
import { decideVerdict } from "./request-actions";
import { findVisibleRequest, inTransaction, requestDetail, usersById, type RequestWithRelations } from "./request-store";
import { planLine } from "./request-summary";

const STATUS_OF = { approved: "approved", "changes-requested": "changes-requested", rejected: "rejected" } as const satisfies Record<Decision, string>;

/** The plan the reviewer approves, and its thresholds: the reviewer's, else the pinned ones of that plan. */
function chosenPlan(row: RequestWithRelations, input: ReviewDecisionBody): { family: Family; plan: Plan; thresholds: Threshold[] } {
  const planResult = PlanResultSchema.parse(row.planResult);
  const rank = input.chosenRank ?? row.chosenRank ?? 1;
  const plan = planResult.plans.find((p) => p.rank === rank);
  if (!plan) {
    throw new AppError("invalid_input", `The request has plans ranked 1 to ${planResult.plans.length}; there is no plan ${rank}.`, {
      fieldErrors: [{ field: "chosenRank", message: `must be a pinned plan's rank (1 to ${planResult.plans.length})` }],
    });
  }
  const pinned = input.chosenRank === undefined && row.thresholds !== null ? z.array(ThresholdSchema).parse(row.thresholds) : plan.thresholds;
  const thresholds = input.thresholds ?? pinned;
  // A threshold watches one of the plan's clusters: its family and role must be among them.
  const families = new Set(plan.clusters.map((c) => c.family));
  const roles = new Set(plan.clusters.map((c) => c.role));
  const fieldErrors = (input.thresholds ?? []).flatMap((t, i) => [
    ...(families.has(t.family) ? [] : [{ field: `thresholds.${i}.family`, message: `must be a family of the chosen plan (${[...families].join(", ")})` }]),
    ...(roles.has(t.role) ? [] : [{ field: `thresholds.${i}.role`, message: `must be a role of the chosen plan (${[...roles].join(", ")})` }]),
  ]);
  if (fieldErrors.length > 0) throw new AppError("invalid_input", "Some thresholds do not match the chosen plan's clusters.", { fieldErrors });
  return { family: planResult.family, plan, thresholds };
}

async function createDatastore(tx: Tx, row: RequestWithRelations, plan: Plan, thresholds: Threshold[], contacts: string[]): Promise<DatastoreWithRelations> {
  const workload = StoredWorkloadSchema.parse(row.workload);
  const engine = MODELS[plan.family].engine;
  return tx.datastore.create({
    data: {
      name: row.name,
      teamId: row.teamId,
      requestId: row.id,
      family: plan.family,
      tier: workload.tier,
      status: "approved",
      regions: workload.regions,
      regionRows: regionRowsCreate(workload.regions),
      // The provisioning facts of each cluster (the catalog's TopologyClusterSchema), not the sizing working.
      topology: plan.clusters.map(topologyClusterOf),
      engine: engine.name,
      engineVersion: engine.version,
      annualCost: plan.annualCost,
      monthlyCost: plan.monthlyCost,
      contacts,
      pagerTarget: null,
      thresholds: {
        create: thresholds.map(toThresholdRow),
      },
    },
    include: DATASTORE_INCLUDE,
  });
}

/**
 * Queues the new datastore's first preview (what provisioning would create) as the approving reviewer, when the
 * organisation settings cover it. Never fails the approval: without settings nothing is queued (queueing later
 * answers 409 naming what is missing), and the engine is not consulted (the preview waits for a worker that can run it).
 */
async function queueFirstPreview(tx: Tx, actor: Actor, row: DatastoreWithRelations): Promise<void> {
  const { id: datastoreId, teamId } = row;
  let spec;
  try {
    spec = specOfDatastore(row);
    if (missingSettings(spec, await loadOrgSettings(tx)).length > 0) return;
  } catch (error) {
    // Stored settings or a datastore the program cannot take: the approval stands; provisioning will say why.
    log.warn("approval queued no preview", { datastoreId, error: errorFields(error) });
    return;
  }
  const op = await insertOperation(tx, { datastoreId, kind: "preview", purpose: "provision", actor, spec });
  await audit(tx, actor, {
    action: "operation.queued",
    subjectType: "datastore",
    subjectId: datastoreId,
    teamId,
    detail: { operationId: op.id, kind: op.kind, purpose: op.purpose },
  });
}

export async function reviewRequest(opts: { actor: Actor; id: string; input: ReviewDecisionBody; ifMatch?: IfMatch }): Promise<RequestDetailDto> {
  const { actor, id, input } = opts;
  const row = await findVisibleRequest(db(), actor, id);
  const verdict = decideVerdict(actor, row);
  requireNotForbidden(verdict);
  checkIfMatch(opts.ifMatch, row.version, "request");
  requireAllowed(verdict);
  const approval = input.decision === "approved" ? chosenPlan(row, input) : null;
  const requester = (await usersById(db(), [row.createdById])).get(row.createdById);

  try {
    return await inTransaction(undefined, async (tx) => {
      const decidedAt = new Date();
      const { count } = await tx.request.updateMany({
        where: { id, status: "submitted", version: row.version },
        data: {
          status: STATUS_OF[input.decision],
          decidedAt,
          version: { increment: 1 },
          ...(approval ? { chosenRank: approval.plan.rank, chosenPlan: planLine(approval.family, approval.plan), thresholds: approval.thresholds } : {}),
        },
      });
      if (count === 0) throw new AppError("conflict", "Another decision on this request was recorded first; read it again.");
      const decision = await tx.reviewDecision.create({
        data: { requestId: id, reviewerId: actor.userId, decision: input.decision, comment: input.comment ?? null },
      });
      await audit(tx, actor, {
        action: `request.${input.decision}`,
        subjectType: "request",
        subjectId: id,
        teamId: row.teamId,
        detail: { decisionId: decision.id, ...(approval ? { chosenRank: approval.plan.rank, thresholdsAdjusted: input.thresholds !== undefined } : {}) },
      });
      if (approval) {
        const datastore = await createDatastore(tx, row, approval.plan, approval.thresholds, requester ? [requester.email] : []);
        await audit(tx, actor, {
          action: "datastore.created",
          subjectType: "datastore",
          subjectId: datastore.id,
          teamId: row.teamId,
          detail: { requestId: id, family: approval.plan.family },
        });
        await queueFirstPreview(tx, actor, datastore);
      }
      await emitRequestEvent(tx, input.decision === "changes-requested" ? "request.changes_requested" : `request.${input.decision}`, id);
      return requestDetail(tx, actor, id);
    });
  } catch (error) {
    // (teamId, name) is unique among datastores: an earlier approval already took this name.
    if (isUniqueViolation(error))
      throw new AppError("conflict", `The team already has a datastore named ${row.name}; request changes so that the team can rename it.`, { cause: error });
    throw error;
  }
}
