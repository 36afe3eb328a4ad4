// The replacements queued or running on the datastores of the caller's own teams (a team member's dashboard: what
// the portal will do to their nodes, and when). Reviewers see every team's through each datastore's tab; here a
// person sees their teams', so a platform reviewer's dashboard is not the whole fleet's.
import "server-only";
import type { ScheduledMaintenance } from "@/lib/schemas/maintenance";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { waitingReason } from "../provisioning/operation-rows";

const LIMIT = 50;

export async function listScheduledMaintenance({ actor }: { actor: Actor }): Promise<{ items: ScheduledMaintenance[] }> {
  const teamIds = [...actor.roles.keys()];
  if (teamIds.length === 0) return { items: [] };
  const ops = await db().operation.findMany({
    where: { kind: "replace-nodes", status: { in: ["queued", "running"] }, datastore: { teamId: { in: teamIds } } },
    include: { datastore: { select: { name: true, teamId: true } } },
    orderBy: [{ notBefore: "asc" }, { createdAt: "asc" }],
    take: LIMIT,
  });
  return {
    items: ops.map((op) => ({
      operationId: op.id,
      datastoreId: op.datastoreId,
      datastoreName: op.datastore.name,
      teamId: op.datastore.teamId,
      status: op.status,
      nodes: op.plannedSteps ?? 0,
      done: op.doneSteps,
      notBefore: op.notBefore?.toISOString() ?? null,
      waiting: waitingReason(op),
    })),
  };
}
