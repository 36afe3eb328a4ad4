// What each page prefetches: the same use-case the API handler runs, stored under the same query key (and in the
// same shape) as the browser's queryOptions factory in lib/query, so the client finds it in its cache.
import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import type { Actor } from "@/lib/server/auth/actor";
import { listTeams } from "@/lib/server/access/list-teams";
import { listUsers } from "@/lib/server/access/list-users";
import { getDatastore } from "@/lib/server/datastores/get-datastore";
import { etagOf } from "@/lib/server/http/etag";
import { listAuditEvents } from "@/lib/server/datastores/list-audit-events";
import { listDatastores } from "@/lib/server/datastores/list-datastores";
import { getRequest } from "@/lib/server/requests/get-request";
import { listRequests } from "@/lib/server/requests/list-requests";
import { hasReviewQueue, listReviewQueue } from "@/lib/server/reviews/list-review-queue";
import type { Me } from "@/lib/schemas/access";
import { ReviewQueueQuerySchema } from "@/lib/schemas/review";
import { reviewKeys } from "@/lib/query/reviews";
import { listTokens } from "@/lib/server/tokens/list-tokens";
import { UserListQuerySchema, TokenListQuerySchema } from "@/lib/schemas/access";
import { DatastoreListQuerySchema, PageQuerySchema } from "@/lib/schemas/datastore";
import { RequestListQuerySchema } from "@/lib/schemas/request";
import { adminKeys } from "@/lib/query/admin";
import { datastoreKeys, type DatastoreFilters } from "@/lib/query/datastores";
import { requestKeys, type RequestFilters } from "@/lib/query/requests";
import { tokenKeys } from "@/lib/query/tokens";

export type Fill = (client: QueryClient, actor: Actor) => Promise<void>;

export const prefetchRequest =
  (id: string): Fill =>
  async (client, actor) => {
    const request = await getRequest({ actor, id });
    client.setQueryData(requestKeys.one(id), { data: request, etag: etagOf(request.version) });
  };

export const prefetchRequests =
  (filters: RequestFilters): Fill =>
  async (client, actor) => {
    const query = RequestListQuerySchema.parse({ status: filters.status, teamId: filters.teamId, mine: filters.mine ? "true" : undefined });
    client.setQueryData(requestKeys.list(filters), { pages: [await listRequests({ actor, query })], pageParams: [undefined] });
  };

/** The review queue's first page (its size comes with it), for people who review some team's work. */
export const prefetchReviews: Fill = async (client, actor) => {
  if (!(await hasReviewQueue(actor))) return;
  const page = await listReviewQueue({ actor, query: ReviewQueueQuerySchema.parse({}) });
  client.setQueryData(reviewKeys.queue, { pages: [page], pageParams: [undefined] });
  client.setQueryData(reviewKeys.count, page.waiting);
};

/** The dashboard: each of the person's teams' requests and datastores, and the review queue for reviewers. */
export function dashboardFills(me: Me): Fill[] {
  return [...me.teams.flatMap((t) => [prefetchRequests({ teamId: t.id }), prefetchDatastores({ team: t.slug })]), prefetchReviews];
}

/** The review queue page (nothing for people who are not reviewers: the page tells them so). */
export const reviewQueueFills = (): Fill[] => [prefetchReviews];

export const prefetchDatastore =
  (id: string): Fill =>
  async (client, actor) => {
    const [datastore, audit] = await Promise.all([getDatastore({ actor, id }), listAuditEvents({ actor, id, query: PageQuerySchema.parse({ limit: "100" }) })]);
    client.setQueryData(datastoreKeys.one(id), { data: datastore, etag: etagOf(datastore.version) });
    client.setQueryData(datastoreKeys.audit(id), audit.items);
  };

export const prefetchDatastores =
  (filters: DatastoreFilters): Fill =>
  async (client, actor) => {
    const page = await listDatastores({ actor, query: DatastoreListQuerySchema.parse(filters) });
    client.setQueryData(datastoreKeys.list(filters), { pages: [page], pageParams: [undefined] });
  };

export const prefetchTokens: Fill = async (client, actor) => {
  client.setQueryData(tokenKeys.all, (await listTokens({ actor, query: TokenListQuerySchema.parse({ limit: "200" }) })).items);
};

export const prefetchAdmin: Fill = async (client, actor) => {
  const [users, teams] = await Promise.all([listUsers({ actor, query: UserListQuerySchema.parse({ limit: "200" }) }), listTeams({ actor })]);
  client.setQueryData(adminKeys.users, users.items);
  client.setQueryData(adminKeys.teams, teams.items);
};
