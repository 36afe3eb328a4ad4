// Asks for a day-2 change or a decommission of a datastore: its owning team's members. An update re-plans the new
// workload on the server for the datastore's family and queues a preview of the proposed spec; it needs a reviewer
// when cost or topology grows. A decommission needs the datastore's name typed; tier 0 and 1 need a reviewer, other
// tiers queue the destroy at once. One open change per datastore at a time.
import "server-only";
import { AppError } from "@/lib/errors";
import { planOnShape, planWorkload, primaryInstanceType } from "@/lib/planner";
import type { CreateChangeBody, DatastoreChangeDto, DatastoreShape } from "@/lib/schemas/change";
import { topologyClusterOf, type TopologyCluster } from "@/lib/schemas/datastore";
import type { Family, PlanResult } from "@/lib/schemas/plan";
import type { Workload } from "@/lib/schemas/workload";
import { DatastoreSpecSchema, type DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { emitChangeAwaitingReview } from "../webhooks/events";
import type { Tx } from "../db/client";
import type { DatastoreWithRelations } from "../datastores/datastore-dto";
import { changeVerdict, CRITICAL_TIERS, decommissionVerdict, hasCloudResources, ownersAsk } from "../datastores/datastore-actions";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { fromPlannerError } from "../planning/planner-error";
import { requireProvisioner } from "../provisioning/provisioner-status";
import { datastoreSpecOrReason, loadActionContext } from "../provisioning/operation-actions";
import { insertOperation } from "../provisioning/operation-rows";
import { lockDatastore, requireSettings } from "../provisioning/queue-operation";
import { inTransaction } from "../requests/request-store";
import { approvalReasons } from "./approval-reasons";
import { changeDtoFor, shapeOfDatastore, type StoredChangePlan } from "./change-dto";
import { currentWorkloadOf } from "./current-workload";
import { startDecommission } from "./start-decommission";

export interface CreateChangeOptions {
  actor: Actor;
  /** The datastore's id. */
  id: string;
  input: CreateChangeBody;
  /** The idempotent create's transaction; a new one without. */
  tx?: Tx;
}

function conflict(message: string): AppError {
  return new AppError("conflict", message);
}

/** How many plans a change's stored result keeps: the chosen shape and the alternatives the owner was offered. */
const CHANGE_ALTERNATIVES = 5;

/**
 * The new workload re-planned here for the datastore's own family (a client's plan is never trusted), on the shape it
 * runs — resized — unless the owner asked for another instance type. When the current shape cannot serve the new
 * workload, the cheapest one that can; an asked-for shape that cannot is the caller's error.
 */
function replan(
  workload: Workload,
  family: Family,
  current: string | undefined,
  asked: string | undefined,
): { result: PlanResult; plan: PlanResult["plans"][number] } {
  const instanceType = asked ?? current;
  let result: PlanResult & { kept?: boolean; rejection?: string };
  try {
    result = instanceType
      ? planOnShape({ workload, family, instanceType, alternatives: CHANGE_ALTERNATIVES })
      : planWorkload({ workload, family, alternatives: CHANGE_ALTERNATIVES });
  } catch (error) {
    throw fromPlannerError(error);
  }
  if (asked && result.kept === false) {
    throw new AppError("invalid_input", `${asked} cannot serve this workload as ${family}.`, {
      fieldErrors: [{ field: "instanceType", message: `cannot serve this workload: ${result.rejection ?? "no plan on it fits"}` }],
    });
  }
  const plan = result.plans[0];
  if (!plan) {
    throw new AppError(
      "no_family_fits",
      `No instance shape can serve this workload with ${family}: ${result.rejected[0]?.reason ?? "every shape was rejected"}`,
      {
        fieldErrors: [{ field: "workload", message: `no ${family} plan fits this workload` }],
      },
    );
  }
  const { kept: _kept, rejection: _rejection, ...stored } = result;
  return { result: stored, plan };
}

/** The current spec with the new regions, topology and cost; thresholds kept where their role (and family) remain. */
function proposedSpec(current: DatastoreSpec, workload: Workload, plan: PlanResult["plans"][number]): DatastoreSpec {
  const topology: TopologyCluster[] = plan.clusters.map(topologyClusterOf);
  const thresholds = current.thresholds.filter((t) => topology.some((c) => c.role === t.role && c.family === t.family));
  const parsed = DatastoreSpecSchema.safeParse({ ...current, regions: workload.regions, topology, annualCost: plan.annualCost, thresholds });
  if (!parsed.success) {
    throw new AppError("invalid_input", "The re-planned workload does not make a datastore that can be provisioned.", {
      fieldErrors: parsed.error.issues.map((i) => ({ field: "workload", message: `${i.path.join(".")}: ${i.message}` })),
    });
  }
  return parsed.data;
}

async function createUpdate(tx: Tx, actor: Actor, datastore: DatastoreWithRelations, input: Extract<CreateChangeBody, { kind: "update" }>): Promise<string> {
  if (input.workload.tier !== datastore.tier) {
    throw new AppError("invalid_input", "The workload's tier differs from the datastore's.", {
      fieldErrors: [{ field: "workload.tier", message: `must be ${datastore.tier}, the datastore's tier (a new tier is a new request)` }],
    });
  }
  const current = datastoreSpecOrReason(datastore);
  if ("reason" in current) throw conflict(`The datastore cannot be changed: ${current.reason}.`);
  const before = shapeOfDatastore(datastore);
  const { result, plan } = replan(input.workload, datastore.family as Family, primaryInstanceType(before.topology), input.instanceType);
  const spec = proposedSpec(current.spec, input.workload, plan);
  const after: DatastoreShape = { regions: spec.regions, topology: spec.topology, annualCost: plan.annualCost, monthlyCost: plan.monthlyCost };
  const reasons = approvalReasons(before, after);
  await requireSettings(tx, spec);

  const stored: StoredChangePlan = { before, plan: result, workloadBefore: await currentWorkloadOf(tx, datastore) };
  const change = await tx.datastoreChange.create({
    data: {
      datastoreId: datastore.id,
      kind: "update",
      status: reasons.length > 0 ? "pending-approval" : "approved",
      requestedById: actor.userId,
      requestedBy: actor.label,
      workload: JSON.parse(JSON.stringify(input.workload)),
      planResult: JSON.parse(JSON.stringify(stored)),
      spec: JSON.parse(JSON.stringify(spec)),
      annualCost: plan.annualCost,
      monthlyCost: plan.monthlyCost,
      approvalReasons: reasons,
      needsApproval: reasons.length > 0,
      reason: input.reason ?? null,
    },
  });
  // The diff to approve and confirm: previewed at once, whether or not a reviewer must approve first.
  const preview = await insertOperation(tx, { datastoreId: datastore.id, kind: "preview", purpose: "change", changeId: change.id, actor, spec });
  await audit(tx, actor, {
    action: "change.requested",
    subjectType: "datastore",
    subjectId: datastore.id,
    teamId: datastore.teamId,
    detail: {
      changeId: change.id,
      kind: "update",
      status: change.status,
      approvalReasons: reasons,
      annualCost: { before: before.annualCost, after: after.annualCost },
      previewId: preview.id,
      reason: input.reason ?? null,
    },
  });
  await emitChangeAwaitingReview(tx, change.id);
  return change.id;
}

async function createDecommission(
  tx: Tx,
  actor: Actor,
  datastore: DatastoreWithRelations,
  input: Extract<CreateChangeBody, { kind: "decommission" }>,
): Promise<string> {
  const needsApproval = CRITICAL_TIERS.includes(datastore.tier);
  const reasons = needsApproval ? [`tier ${datastore.tier} datastores need a reviewer's approval to decommission`] : [];
  const current = datastoreSpecOrReason(datastore);
  if ("reason" in current) throw conflict(`The datastore cannot be decommissioned: ${current.reason}.`);

  const stored: StoredChangePlan = { before: shapeOfDatastore(datastore) };
  const change = await tx.datastoreChange.create({
    data: {
      datastoreId: datastore.id,
      kind: "decommission",
      status: needsApproval ? "pending-approval" : "approved",
      requestedById: actor.userId,
      requestedBy: actor.label,
      planResult: JSON.parse(JSON.stringify(stored)),
      // The spec the destroy runs with: the stack as it was provisioned.
      spec: JSON.parse(JSON.stringify(current.spec)),
      approvalReasons: reasons,
      needsApproval,
      reason: input.reason ?? null,
    },
  });
  const destroyId = needsApproval ? null : await startDecommission(tx, actor, datastore, change.id, current.spec);
  await audit(tx, actor, {
    action: "change.requested",
    subjectType: "datastore",
    subjectId: datastore.id,
    teamId: datastore.teamId,
    detail: { changeId: change.id, kind: "decommission", status: change.status, approvalReasons: reasons, destroyId, reason: input.reason ?? null },
  });
  await emitChangeAwaitingReview(tx, change.id);
  return change.id;
}

export async function createChange(opts: CreateChangeOptions): Promise<DatastoreChangeDto> {
  const { actor, id, input } = opts;
  return inTransaction(opts.tx, async (tx) => {
    const visible = await findVisibleDatastore(tx, actor, id);
    // The datastore's `actions.change` / `actions.decommission`: who first, then (under the lock) the lifecycle.
    requireAllowed(ownersAsk(actor, visible));
    if (input.kind === "decommission" && input.confirmName !== visible.name) {
      throw new AppError("invalid_input", "The typed name does not match the datastore's.", {
        fieldErrors: [{ field: "confirmName", message: "must be the datastore's name, typed exactly" }],
      });
    }
    // An update always previews; a decommission without approval destroys at once (when there is anything to
    // destroy): both need a provisioner now.
    if (input.kind === "update" || (!CRITICAL_TIERS.includes(visible.tier) && hasCloudResources(visible))) await requireProvisioner();

    const datastore = await lockDatastore(tx, visible.id);
    const ctx = await loadActionContext(tx, datastore);
    requireAllowed(input.kind === "update" ? changeVerdict(actor, ctx) : decommissionVerdict(actor, ctx));
    const changeId = input.kind === "update" ? await createUpdate(tx, actor, datastore, input) : await createDecommission(tx, actor, datastore, input);
    return changeDtoFor(tx, actor, datastore, changeId);
  });
}
