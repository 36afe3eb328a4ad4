// The webhook subscriptions the caller manages, newest first: one team's (?teamId=), or every team they belong to;
// portal administrators see every team's.
import "server-only";
import { AppError } from "@/lib/errors";
import type { WebhookList, WebhookListQuery } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { managesWebhooksOf, toWebhookDto, WEBHOOK_INCLUDE } from "./webhook-dto";

export async function listWebhooks(opts: { actor: Actor; query: WebhookListQuery }): Promise<WebhookList> {
  const { actor, query } = opts;
  if (query.teamId && !managesWebhooksOf(actor, query.teamId))
    throw new AppError("forbidden", "You can only list the webhooks of a team you belong to.", {
      fieldErrors: [{ field: "teamId", message: "is not one of your teams" }],
    });
  const teams = query.teamId ? { teamId: query.teamId } : actor.isAdmin ? {} : { teamId: { in: [...actor.roles.keys()] } };
  const where = query.cursor ? { ...teams, ...afterKey("createdAt", decodeCursor(query.cursor)) } : teams;
  const rows = await db().webhookSubscription.findMany({
    where,
    include: WEBHOOK_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { items: page.map(toWebhookDto), nextCursor };
}
