// A datastore's maintenance, as its tab shows it: the weekly windows and when the next opens, the pending cloud
// events with their deadlines (and the replacement answering each), and its replacements with their steps.
import "server-only";
import { nextOpening } from "@/lib/maintenance/maintenance-windows";
import type { MaintenanceOverview, MaintenanceReplacement, MaintenanceWindow, ReplacementStepDto } from "@/lib/schemas/maintenance";
import type { Actor } from "../auth/actor";
import { canEditDatastore, canReviewTeam } from "../auth/policy";
import { db, type Tx } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { waitingReason } from "../provisioning/operation-rows";

/** Replacements listed: the most recent ones. */
const REPLACEMENTS_SHOWN = 10;

export async function loadWindows(client: Tx, datastoreId: string): Promise<MaintenanceWindow[]> {
  const rows = await client.maintenanceWindow.findMany({ where: { datastoreId }, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] });
  return rows.map((w) => ({ weekday: w.weekday, startMinute: w.startMinute, durationMinutes: w.durationMinutes }));
}

export function nextOpensAt(windows: readonly MaintenanceWindow[], now = new Date()): string | null {
  return nextOpening(windows, now)?.start.toISOString() ?? null;
}

export async function getMaintenance({ actor, id }: { actor: Actor; id: string }): Promise<MaintenanceOverview> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const [windows, events, ops] = await Promise.all([
    loadWindows(db(), datastore.id),
    db().fleetEvent.findMany({
      where: { datastoreId: datastore.id, resolvedAt: null },
      include: { node: true },
      orderBy: [{ deadline: "asc" }, { firstSeenAt: "asc" }],
    }),
    db().operation.findMany({
      where: { datastoreId: datastore.id, kind: "replace-nodes" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: REPLACEMENTS_SHOWN,
      include: { replacementSteps: { orderBy: { seq: "asc" } } },
    }),
  ]);
  const replacements: MaintenanceReplacement[] = ops.map((op) => ({
    operationId: op.id,
    status: op.status,
    notBefore: op.notBefore?.toISOString() ?? null,
    approvalRequired: op.approvalRequired,
    approvedAt: op.approvedAt?.toISOString() ?? null,
    approvedBy: op.approvedBy,
    waiting: waitingReason(op),
    createdAt: op.createdAt.toISOString(),
    steps: op.replacementSteps.map((s): ReplacementStepDto => ({
      seq: s.seq,
      batch: s.batch,
      region: s.region,
      zone: s.zone,
      role: s.role,
      instanceId: s.instanceId,
      status: s.status as ReplacementStepDto["status"],
      replacementInstanceId: s.replacementInstanceId,
      error: s.error,
    })),
  }));
  return {
    windows,
    nextOpensAt: nextOpensAt(windows),
    events: events.map((e) => ({
      id: e.id,
      instanceId: e.node.instanceId,
      region: e.node.region,
      zone: e.node.zone,
      role: e.node.role,
      code: e.code,
      description: e.description,
      deadline: e.deadline?.toISOString() ?? null,
      operationId: e.operationId,
    })),
    replacements,
    canEdit: canEditDatastore(actor, datastore.teamId),
    canApprove: canReviewTeam(actor, datastore.teamId),
  };
}
