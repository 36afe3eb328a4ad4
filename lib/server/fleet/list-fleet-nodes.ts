// The fleet page's query: the live nodes of every datastore the actor may see (their teams'; every team's for
// reviewers and admins), filtered by team, instance family, region, generation, image, engine version and pending
// events, newest first, one keyset page at a time; and per facet its values with the count each would show — the
// other facets' filters applied, not its own, so a person sees what choosing another value would give.
import "server-only";
import { familyOfType, instanceGeneration } from "@/lib/catalog/instance-generation";
import { FACET_NAMES, type FacetName, type FacetValue, type FleetNodeList, type FleetNodeListQuery } from "@/lib/schemas/fleet";
import { reviewsEveryTeam, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { fleetIsSimulated } from "./fleet-cloud-factory";
import { FLEET_NODE_INCLUDE, toFleetNodeDto, toRefreshJobDto } from "./fleet-dto";

type Where = Record<string, unknown>;

/** Nodes of the datastores the actor may see. */
export function visibleNodes(actor: Actor): Where {
  return reviewsEveryTeam(actor) ? {} : { datastore: { teamId: { in: [...actor.roles.keys()] } } };
}

async function teamIdOf(team: string): Promise<string> {
  const row = await db().team.findFirst({ where: { OR: [{ slug: team }, { id: team }] }, select: { id: true } });
  // No such team: a filter that matches nothing (the page then says so), not an error.
  return row?.id ?? "\u0000none";
}

const OPEN = { resolvedAt: null };

export async function listFleetNodes({ actor, query }: { actor: Actor; query: FleetNodeListQuery }): Promise<FleetNodeList> {
  const base: Where = { AND: [{ goneAt: null }, visibleNodes(actor), query.datastore ? { datastoreId: query.datastore } : {}] };
  const teamId = query.team === undefined ? undefined : await teamIdOf(query.team);

  // Family and generation are properties of the instance type: resolved to the visible types that have them.
  const types = (await db().fleetNode.groupBy({ by: ["instanceType"], where: base, _count: { _all: true } })).map((t) => t.instanceType);
  const typesWhere = (keep: (type: string) => boolean): Where => ({ instanceType: { in: types.filter(keep) } });

  const filters: Record<FacetName, Where | null> = {
    team: teamId === undefined ? null : { datastore: { teamId } },
    family: query.family === undefined ? null : typesWhere((t) => familyOfType(t) === query.family),
    region: query.region === undefined ? null : { region: query.region },
    generation: query.generation === undefined ? null : typesWhere((t) => instanceGeneration(t) === query.generation),
    image: query.image === undefined ? null : { imageId: query.image },
    engineVersion: query.engineVersion === undefined ? null : { engineVersion: query.engineVersion },
    pendingEvents: query.pendingEvents === undefined ? null : query.pendingEvents ? { events: { some: OPEN } } : { events: { none: OPEN } },
  };
  const whereWithout = (skip: FacetName | null): Where => ({
    AND: [base, ...FACET_NAMES.filter((f) => f !== skip).flatMap((f) => (filters[f] ? [filters[f]] : []))],
  });

  const where = whereWithout(null);
  const [rows, total, facets, lastJob] = await Promise.all([
    db().fleetNode.findMany({
      where: query.cursor !== undefined ? { AND: [where, afterKey("firstSeenAt", decodeCursor(query.cursor))] } : where,
      orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      include: FLEET_NODE_INCLUDE,
    }),
    db().fleetNode.count({ where }),
    facetCounts(whereWithout),
    db().fleetRefreshJob.findFirst({
      where: { status: { in: ["succeeded", "failed"] }, OR: [{ datastoreId: null }, ...(query.datastore ? [{ datastoreId: query.datastore }] : [])] },
      orderBy: { finishedAt: "desc" },
    }),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.firstSeenAt, id: r.id }));
  const simulated = fleetIsSimulated();
  return {
    items: page.map(toFleetNodeDto),
    nextCursor,
    total,
    facets,
    simulated,
    lastRefresh: lastJob ? toRefreshJobDto(lastJob) : null,
    actions: { refresh: reviewsEveryTeam(actor) || (query.datastore !== undefined && total > 0), injectEvents: actor.isAdmin && simulated },
  };
}

const sortValues = (values: FacetValue[]) => values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));

function tally(entries: Iterable<[string, string, number]>): FacetValue[] {
  const out = new Map<string, FacetValue>();
  for (const [value, label, count] of entries) {
    const v = out.get(value);
    if (v) v.count += count;
    else out.set(value, { value, label, count });
  }
  return sortValues([...out.values()]);
}

async function facetCounts(whereWithout: (skip: FacetName | null) => Where): Promise<Record<FacetName, FacetValue[]>> {
  type Column = "datastoreId" | "instanceType" | "region" | "imageId" | "engineVersion";
  const group = async (by: Column, skip: FacetName): Promise<[string, number][]> => {
    const rows = (await db().fleetNode.groupBy({ by: [by], where: whereWithout(skip), _count: { _all: true } })) as unknown as ({
      _count: { _all: number };
    } & Record<Column, string>)[];
    return rows.map((r) => [r[by], r._count._all]);
  };
  const [byDatastore, byTypeForFamily, byTypeForGeneration, byRegion, byImage, byVersion, pending, notPending] = await Promise.all([
    group("datastoreId", "team"),
    group("instanceType", "family"),
    group("instanceType", "generation"),
    group("region", "region"),
    group("imageId", "image"),
    group("engineVersion", "engineVersion"),
    db().fleetNode.count({ where: { AND: [whereWithout("pendingEvents"), { events: { some: OPEN } }] } }),
    db().fleetNode.count({ where: { AND: [whereWithout("pendingEvents"), { events: { none: OPEN } }] } }),
  ]);
  const datastores = await db().datastore.findMany({
    where: { id: { in: byDatastore.map(([id]) => id) } },
    select: { id: true, team: { select: { slug: true, name: true } } },
  });
  const teamOf = new Map(datastores.map((d) => [d.id, d.team]));
  return {
    team: tally(
      byDatastore.flatMap(([id, n]) => {
        const team = teamOf.get(id);
        return team ? [[team.slug, team.name, n] as [string, string, number]] : [];
      }),
    ),
    family: tally(byTypeForFamily.map(([t, n]) => [familyOfType(t), familyOfType(t), n])),
    generation: tally(
      byTypeForGeneration.map(([t, n]) => [instanceGeneration(t), instanceGeneration(t) === "previous" ? "Previous generation" : "Current generation", n]),
    ),
    region: tally(byRegion.map(([r, n]) => [r, r, n])),
    image: tally(byImage.map(([i, n]) => [i, i, n])),
    engineVersion: tally(byVersion.map(([v, n]) => [v, v, n])),
    pendingEvents: [
      { value: "true", label: "With pending events", count: pending },
      { value: "false", label: "No pending events", count: notPending },
    ],
  };
}
