// The maintenance scheduler: for each active datastore with open cloud events (retirement, stop, reboot, system
// maintenance, an impaired status check) that nothing answers yet, ONE replace-nodes operation for the affected
// nodes, planned up front in the family's order (replacement_steps) and placed at the start of the LAST maintenance
// window that ends before the earliest deadline — as soon as possible when none fits, saying so. Tier 0/1 waits for
// a reviewer unless the team's policy is automatic. The events point at the operation, so each is answered once;
// a datastore that already has a replacement queued or running waits for it (its refresh resolves what it fixed).
import "server-only";
import { describeWindow, placeReplacement, type Placement } from "@/lib/maintenance/maintenance-windows";
import { planReplacement } from "@/lib/maintenance/replacement-plan";
import { WEEKDAYS, type MaintenanceWindow } from "@/lib/schemas/maintenance";
import { FamilySchema, type Family } from "@/lib/schemas/plan";
import type { OperationEventData } from "@/lib/schemas/operation";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { errorFields, log } from "../log";
import { DATASTORE_INCLUDE } from "../datastores/datastore-dto";
import { appendEvents, insertOperation } from "../provisioning/operation-rows";
import { specOfDatastore } from "../provisioning/spec";
import { emitDatastoreEvent } from "../webhooks/events";

/** The event codes a replacement answers (EC2 scheduled events, plus the inventory's impaired status check). */
export const REPLACEABLE_EVENT_CODES = [
  "instance-retirement",
  "instance-stop",
  "instance-reboot",
  "system-reboot",
  "system-maintenance",
  "status-impaired",
] as const;

export interface ScheduleResult {
  /** Operation ids queued by this run. */
  scheduled: string[];
}

const iso = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function placementMessage(placement: Placement, windows: readonly MaintenanceWindow[], deadline: Date | null): string {
  if (placement.kind === "window") {
    const w = windows.find((x) => {
      const s = placement.window.start;
      return s.getUTCDay() === x.weekday && s.getUTCHours() * 60 + s.getUTCMinutes() === x.startMinute;
    });
    return `Scheduled in the maintenance window ${w ? describeWindow(w, WEEKDAYS) : ""} from ${iso(placement.window.start)} to ${iso(placement.window.end)}: the last window that ends before the earliest deadline (${deadline ? iso(deadline) : "none"}).`.replace(
      "window  from",
      "window from",
    );
  }
  const why = {
    "no-windows": "the datastore has no maintenance windows",
    "no-deadline": "an impaired node has no deadline: it is replaced now",
    "no-window-fits": `no maintenance window ends before the earliest deadline (${deadline ? iso(deadline) : "none"})`,
  }[placement.reason];
  return `Scheduled as soon as possible: ${why}.`;
}

/** Places one replacement for the datastore's unanswered events; returns its id, or null when nothing was placed. */
async function scheduleFor(tx: Tx, datastoreId: string, now: Date): Promise<string | null> {
  // The datastore's row lock (as queueing takes it, provisioning/queue-operation's lockDatastore, not imported: the
  // worker imports this file): two schedulers never both place a replacement for it.
  await tx.$executeRaw`UPDATE "datastores" SET "version" = "version" WHERE "id" = ${datastoreId}`;
  const datastore = await tx.datastore.findUniqueOrThrow({ where: { id: datastoreId }, include: DATASTORE_INCLUDE });
  if (datastore.status !== "active") return null;
  const unanswered = () =>
    tx.fleetEvent.findMany({
      where: { datastoreId, resolvedAt: null, operationId: null, code: { in: [...REPLACEABLE_EVENT_CODES] }, node: { goneAt: null } },
      include: { node: true },
      orderBy: { firstSeenAt: "asc" },
    });
  let open = await unanswered();
  if (open.length === 0) return null;

  // One replacement at a time per datastore. One still queued and not yet approved is superseded by a new one that
  // covers its nodes and the new events' (events seen a minute apart go out in one rolling replacement, planned
  // together); once it runs or a reviewer approved it, an event on a node it covers is answered by it and the
  // others wait for it to end.
  const busy = await tx.operation.findFirst({
    where: { datastoreId, kind: "replace-nodes", status: { in: ["queued", "running"] } },
    include: { replacementSteps: { select: { instanceId: true } } },
  });
  let superseded: string | null = null;
  if (busy?.status === "queued" && busy.approvedAt === null) {
    const cancelled = await tx.operation.updateMany({
      where: { id: busy.id, status: "queued" },
      data: { status: "cancelled", finishedAt: now, error: { code: "cancelled", message: "Superseded by a replacement that also covers newer events." } },
    });
    if (cancelled.count === 1) {
      superseded = busy.id;
      await tx.fleetEvent.updateMany({ where: { operationId: busy.id, resolvedAt: null }, data: { operationId: null } });
      open = await unanswered();
    }
  } else if (busy) {
    const covered = new Set(busy.replacementSteps.map((s) => s.instanceId));
    const answered = open.filter((e) => covered.has(e.node.instanceId)).map((e) => e.id);
    if (answered.length > 0) await tx.fleetEvent.updateMany({ where: { id: { in: answered } }, data: { operationId: busy.id } });
    return null;
  }

  const spec = specOfDatastore(datastore);
  const familyOfRole: Record<string, Family> = {};
  for (const c of spec.topology) {
    const family = FamilySchema.safeParse(c.family);
    if (family.success) familyOfRole[c.role] = family.data;
  }
  const nodes = await tx.fleetNode.findMany({ where: { datastoreId, goneAt: null } });
  const plan = planReplacement({ familyOfRole, nodes, replace: open.map((e) => e.node.instanceId) });
  if ("rejected" in plan) {
    log.warn("maintenance could not plan a replacement", { datastoreId, rejected: plan.rejected });
    return null;
  }

  const windows = await tx.maintenanceWindow.findMany({ where: { datastoreId }, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] });
  const deadlines = open.map((e) => e.deadline);
  const deadline = deadlines.includes(null) ? null : new Date(Math.min(...deadlines.map((d) => (d as Date).getTime())));
  const placement = placeReplacement(windows, now, deadline);
  const team = await tx.team.findUniqueOrThrow({ where: { id: datastore.teamId }, select: { autoMaintenance: true } });
  const approvalRequired = datastore.tier <= 1 && !team.autoMaintenance;

  const op = await insertOperation(tx, {
    datastoreId,
    kind: "replace-nodes",
    purpose: "maintenance",
    actor: null,
    spec,
    plannedSteps: plan.steps.length,
    notBefore: placement.kind === "window" ? placement.window.start : null,
    approvalRequired,
  });
  await tx.replacementStep.createMany({
    data: plan.steps.map((s) => ({
      operationId: op.id,
      seq: s.seq,
      batch: s.batch,
      region: s.region,
      zone: s.zone,
      role: s.role,
      groupName: s.groupName,
      instanceId: s.instanceId,
      status: "pending",
    })),
  });
  await tx.fleetEvent.updateMany({ where: { id: { in: open.map((e) => e.id) } }, data: { operationId: op.id } });

  const reasons = [...new Set(open.map((e) => `${e.code} on ${e.node.instanceId}`))].join(", ");
  const notes: OperationEventData[] = [
    { type: "diagnostic", severity: "info", message: `Replacing ${plan.steps.length} node${plan.steps.length === 1 ? "" : "s"} for ${reasons}.` },
    {
      type: "diagnostic",
      severity: placement.kind === "asap" && placement.reason === "no-window-fits" ? "warning" : "info",
      message: placementMessage(placement, windows, deadline),
    },
  ];
  if (approvalRequired)
    notes.push({
      type: "diagnostic",
      severity: "info",
      message: `Tier ${datastore.tier}: waits for a reviewer's approval (the team's policy is not automatic maintenance).`,
    });
  if (superseded) {
    notes.unshift({
      type: "diagnostic",
      severity: "info",
      message: `Supersedes operation ${superseded}, which had not started: one replacement for all pending events.`,
    });
    await appendEvents(tx, superseded, [{ type: "status", status: "cancelled", message: `Superseded by operation ${op.id}, which also covers newer events.` }]);
  }
  await appendEvents(tx, op.id, notes);
  const detail = {
    operationId: op.id,
    kind: op.kind,
    purpose: op.purpose,
    instanceIds: plan.steps.map((s) => s.instanceId),
    notBefore: op.notBefore?.toISOString() ?? null,
    deadline: deadline?.toISOString() ?? null,
    approvalRequired,
  };
  await audit(tx, null, { action: "maintenance.scheduled", subjectType: "datastore", subjectId: datastoreId, teamId: datastore.teamId, detail });
  await emitDatastoreEvent(tx, "maintenance.scheduled", datastoreId, {
    maintenance: { ...detail, events: open.map((e) => ({ instanceId: e.node.instanceId, code: e.code, deadline: e.deadline?.toISOString() ?? null })) },
  });
  return op.id;
}

/**
 * Events whose replacement failed or was interrupted, and that nobody retried, are unanswered again: the deadline
 * still comes. A cancelled replacement stays the answer (a person decided; they may retry it).
 */
async function reopenUnansweredEvents(): Promise<void> {
  const dead = await db().operation.findMany({
    where: { kind: "replace-nodes", status: { in: ["failed", "interrupted"] } },
    select: { id: true },
  });
  if (dead.length === 0) return;
  const retried = new Set(
    (await db().operation.findMany({ where: { retryOfId: { in: dead.map((d) => d.id) } }, select: { retryOfId: true } })).map((r) => r.retryOfId),
  );
  const ids = dead.map((d) => d.id).filter((id) => !retried.has(id));
  if (ids.length > 0) await db().fleetEvent.updateMany({ where: { resolvedAt: null, operationId: { in: ids } }, data: { operationId: null } });
}

/** One pass over every datastore with unanswered events; a datastore that fails is logged and the rest go on. */
export async function scheduleMaintenance({ now = new Date() }: { now?: Date } = {}): Promise<ScheduleResult> {
  await reopenUnansweredEvents();
  const pending = await db().fleetEvent.findMany({
    where: { resolvedAt: null, operationId: null, code: { in: [...REPLACEABLE_EVENT_CODES] } },
    distinct: ["datastoreId"],
    select: { datastoreId: true },
  });
  const scheduled: string[] = [];
  for (const { datastoreId } of pending) {
    try {
      const id = await db().$transaction((tx) => scheduleFor(tx, datastoreId, now), { maxWait: 10_000, timeout: 15_000 });
      if (id) {
        scheduled.push(id);
        log.info("maintenance scheduled", { datastoreId, operationId: id });
      }
    } catch (error) {
      log.error("maintenance scheduling failed for a datastore; it is tried again at the next run", { datastoreId, error: errorFields(error) });
    }
  }
  return { scheduled };
}
