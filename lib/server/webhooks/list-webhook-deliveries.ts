// A subscription's delivery log, newest first, a page at a time.
import "server-only";
import type { PageQuery } from "@/lib/schemas/datastore";
import type { WebhookDeliveryList } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { findVisibleWebhook, toDeliveryDto } from "./webhook-dto";

export async function listWebhookDeliveries(opts: { actor: Actor; id: string; query: PageQuery }): Promise<WebhookDeliveryList> {
  const { actor, id, query } = opts;
  await findVisibleWebhook(db(), actor, id);
  const own = { subscriptionId: id };
  const rows = await db().webhookDelivery.findMany({
    where: query.cursor ? { ...own, ...afterKey("createdAt", decodeCursor(query.cursor)) } : own,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { items: page.map(toDeliveryDto), nextCursor };
}
