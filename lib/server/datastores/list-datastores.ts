// Lists the datastores the actor may see — their own teams', or every team's for reviewers and admins — filtered,
// newest first, one keyset page at a time. Every filter runs in SQL, so a page reads about a page of rows.
import "server-only";
import type { DatastoreList, DatastoreListQuery } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { reviewsEveryTeam } from "../auth/actor";
import { db } from "../db/client";
import { DATASTORE_SUMMARY_SELECT, toDatastoreSummary } from "./datastore-dto";
import { afterKey, decodeCursor, pageOf } from "./page-cursor";

export interface ListDatastoresOptions {
  actor: Actor;
  query: DatastoreListQuery;
}

/** Which rows the actor may see: platform reviewers review every team's plans, so they (and admins) see the whole catalog. */
export function visibleTo(actor: Actor) {
  return reviewsEveryTeam(actor) ? {} : { teamId: { in: [...actor.roles.keys()] } };
}

/**
 * The team a ?team= names, by slug or id, resolved first: `teamId = ?` lets the (teamId, createdAt, id) index order
 * the page, where a join on the team's slug would sort every row of the catalog. Null when no team has that name.
 */
async function teamIdOf(team: string): Promise<string | null> {
  const row = await db().team.findFirst({ where: { OR: [{ slug: team }, { id: team }] }, select: { id: true } });
  return row?.id ?? null;
}

/**
 * Datastore names are lower-case kebab (WorkloadSchema: a-z, 0-9 and dashes). A query with any other character names
 * none, and is answered without asking the database: LIKE would read % and _ as wildcards (Prisma's contains does
 * not escape them on SQLite, which has no default escape character).
 */
const NAME_CHARACTERS = /^[a-z0-9-]+$/;

export async function listDatastores({ actor, query }: ListDatastoresOptions): Promise<DatastoreList> {
  const q = query.q?.toLowerCase();
  if (q !== undefined && !NAME_CHARACTERS.test(q)) return { items: [], nextCursor: null };
  const teamId = query.team === undefined ? undefined : await teamIdOf(query.team);
  if (teamId === null) return { items: [], nextCursor: null };
  const where = {
    AND: [
      visibleTo(actor),
      teamId !== undefined ? { teamId } : {},
      query.family !== undefined ? { family: query.family } : {},
      query.tier !== undefined ? { tier: query.tier } : {},
      query.status !== undefined ? { status: query.status } : {},
      // Names are lower-case, so a lower-cased substring matches the same on SQLite (LIKE) and PostgreSQL (LIKE,
      // case-sensitive) without an ILIKE or a lower() that no index could serve anyway. A substring scan of a few
      // thousand short names is a few milliseconds; a trigram index (pg_trgm) or FTS5 would only pay off for search
      // over longer text (descriptions, tags), which the catalog does not have.
      q !== undefined ? { name: { contains: q } } : {},
      query.region !== undefined ? { regionRows: { some: { region: query.region } } } : {},
      query.cursor !== undefined ? afterKey("createdAt", decodeCursor(query.cursor)) : {},
    ],
  };
  // One more than a page tells whether another page follows. Items are summaries: thresholds and outputs stay unread.
  const rows = await db().datastore.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: DATASTORE_SUMMARY_SELECT,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.map(toDatastoreSummary), nextCursor };
}
