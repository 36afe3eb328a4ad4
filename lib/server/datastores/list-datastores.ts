// Lists the datastores the actor may see — their own teams', or every team's for reviewers and admins — filtered,
// newest first, one keyset page at a time.
import "server-only";
import type { DatastoreList, DatastoreListQuery } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { reviewsEveryTeam } from "../auth/actor";
import { db } from "../db/client";
import { DATASTORE_INCLUDE, toDatastoreDto, type DatastoreWithRelations } from "./datastore-dto";
import { afterKey, decodeCursor, pageOf, type PageKey } from "./page-cursor";

/** Rows read per round trip while filters that run here (q, region) skip rows. */
const SCAN_BATCH = 200;

export interface ListDatastoresOptions {
  actor: Actor;
  query: DatastoreListQuery;
}

/** Which rows the actor may see: platform reviewers review every team's plans, so they (and admins) see the whole catalog. */
function visibleTo(actor: Actor) {
  return reviewsEveryTeam(actor) ? {} : { teamId: { in: [...actor.roles.keys()] } };
}

/**
 * Name search and region run here rather than in SQL: regions is a JSON array, which SQLite and PostgreSQL filter
 * differently (Prisma's array_contains is PostgreSQL-only), and case-insensitive matching differs too. The catalog
 * holds hundreds of rows, not millions; the scan keeps keyset order, so pages stay stable.
 */
function matchesHere(query: DatastoreListQuery): ((row: DatastoreWithRelations) => boolean) | null {
  const q = query.q?.toLowerCase();
  const region = query.region;
  if (q === undefined && region === undefined) return null;
  return (row) => {
    if (q !== undefined && !row.name.toLowerCase().includes(q)) return false;
    if (region !== undefined && !(Array.isArray(row.regions) && row.regions.includes(region))) return false;
    return true;
  };
}

export async function listDatastores({ actor, query }: ListDatastoresOptions): Promise<DatastoreList> {
  let after: PageKey | null = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const where = {
    ...visibleTo(actor),
    ...(query.team !== undefined ? { team: { OR: [{ slug: query.team }, { id: query.team }] } } : {}),
    ...(query.family !== undefined ? { family: query.family } : {}),
    ...(query.tier !== undefined ? { tier: query.tier } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
  };
  const matches = matchesHere(query);
  const batch = matches ? Math.max(SCAN_BATCH, query.limit + 1) : query.limit + 1;

  // One more than a page tells whether another page follows.
  const found: DatastoreWithRelations[] = [];
  for (;;) {
    const rows = await db().datastore.findMany({
      where: after ? { AND: [where, afterKey("createdAt", after)] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batch,
      include: DATASTORE_INCLUDE,
    });
    for (const row of rows) {
      if (matches && !matches(row)) continue;
      found.push(row);
      if (found.length > query.limit) break;
    }
    const last = rows.at(-1);
    if (found.length > query.limit || rows.length < batch || !last) break;
    after = { at: last.createdAt, id: last.id };
  }

  const { page, nextCursor } = pageOf(found, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.map(toDatastoreDto), nextCursor };
}
