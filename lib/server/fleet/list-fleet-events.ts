// Scheduled events (and impaired checks) of the nodes the actor may see: open ones by default, newest first, one
// keyset page at a time; and the pending events of one datastore or of the actor's teams, soonest deadline first
// (the datastore page's banner, the dashboard).
import "server-only";
import type { FleetEventDto, FleetEventList, FleetEventListQuery } from "@/lib/schemas/fleet";
import { reviewsEveryTeam, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { fleetIsSimulated } from "./fleet-cloud-factory";
import { byDeadline, toFleetEventDto } from "./fleet-dto";

const TEAM = { select: { id: true, slug: true, name: true } } as const;
const EVENT_INCLUDE = {
  node: { select: { instanceId: true, region: true, zone: true, role: true, datastore: { select: { id: true, name: true, team: TEAM } } } },
} as const;

function visibleEvents(actor: Actor) {
  return reviewsEveryTeam(actor) ? {} : { node: { datastore: { teamId: { in: [...actor.roles.keys()] } } } };
}

export async function listFleetEvents({ actor, query }: { actor: Actor; query: FleetEventListQuery }): Promise<FleetEventList> {
  const team = query.team ? await db().team.findFirst({ where: { OR: [{ slug: query.team }, { id: query.team }] }, select: { id: true } }) : undefined;
  if (team === null) return { items: [], nextCursor: null, simulated: fleetIsSimulated() };
  const where = {
    AND: [
      visibleEvents(actor),
      team ? { node: { datastore: { teamId: team.id } } } : {},
      query.datastore ? { datastoreId: query.datastore } : {},
      query.status === "open" ? { resolvedAt: null } : query.status === "resolved" ? { resolvedAt: { not: null } } : {},
      query.cursor !== undefined ? afterKey("firstSeenAt", decodeCursor(query.cursor)) : {},
    ],
  };
  const rows = await db().fleetEvent.findMany({ where, orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }], take: query.limit + 1, include: EVENT_INCLUDE });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.firstSeenAt, id: r.id }));
  return { items: page.map((e) => toFleetEventDto(e, e.node, e.node.datastore)), nextCursor, simulated: fleetIsSimulated() };
}

/** Open events of one datastore or of some teams, soonest deadline first (at most `limit`). */
export async function pendingFleetEvents(scope: { datastoreId: string } | { teamIds: readonly string[] }, limit = 50): Promise<FleetEventDto[]> {
  const rows = await db().fleetEvent.findMany({
    where: {
      resolvedAt: null,
      node: { goneAt: null },
      ...("datastoreId" in scope ? { datastoreId: scope.datastoreId } : { node: { goneAt: null, datastore: { teamId: { in: [...scope.teamIds] } } } }),
    },
    include: EVENT_INCLUDE,
    take: 500,
  });
  return rows
    .sort(byDeadline)
    .slice(0, limit)
    .map((e) => toFleetEventDto(e, e.node, e.node.datastore));
}
