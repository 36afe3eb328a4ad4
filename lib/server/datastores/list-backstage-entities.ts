// The Backstage entity feed: the datastores the actor may see (as listDatastores decides: their teams', every team's
// for platform reviewers and admins), newest first, a keyset page at a time, each as its Backstage entities. The first
// page opens with one System per team that owns a datastore the actor may see, so that every Resource's spec.system
// names an entity of the same feed.
import "server-only";
import type { BackstageEntity, BackstageEntityList } from "@/lib/schemas/backstage";
import type { PageQuery } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { backstageEntities, teamSystemEntity, type FeedContext } from "./backstage-entities";
import { DATASTORE_INCLUDE, toDatastoreDto } from "./datastore-dto";
import { visibleTo } from "./list-datastores";
import { afterKey, decodeCursor, pageOf } from "./page-cursor";

export interface ListBackstageEntitiesOptions {
  actor: Actor;
  query: PageQuery;
  /** The portal's public origin, for links back ("https://portal.example.com"). */
  baseUrl: string;
}

export async function listBackstageEntities({ actor, query, baseUrl }: ListBackstageEntitiesOptions): Promise<BackstageEntityList> {
  const feed: FeedContext = { location: `${baseUrl}/api/v1/backstage/entities` };
  const visible = visibleTo(actor);
  const rows = await db().datastore.findMany({
    where: { AND: [visible, query.cursor !== undefined ? afterKey("createdAt", decodeCursor(query.cursor)) : {}] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: DATASTORE_INCLUDE,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  const systems: BackstageEntity[] = [];
  if (query.cursor === undefined) {
    const teams = await db().team.findMany({
      where: { datastores: { some: visible } },
      select: { id: true, slug: true, name: true },
      orderBy: { slug: "asc" },
    });
    systems.push(...teams.map((team) => teamSystemEntity(team, baseUrl, feed)));
  }
  return { items: [...systems, ...page.flatMap((row) => backstageEntities(toDatastoreDto(row), baseUrl, feed))], nextCursor };
}
