// Deletes a subscription and its delivery log (nothing more is sent to it).
import "server-only";
import type { WebhookDto } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleWebhook, toWebhookDto } from "./webhook-dto";

export async function deleteWebhook(opts: { actor: Actor; id: string }): Promise<WebhookDto> {
  const { actor, id } = opts;
  const row = await findVisibleWebhook(db(), actor, id);
  await db().$transaction(async (tx) => {
    await tx.webhookSubscription.delete({ where: { id } });
    await audit(tx, actor, { action: "webhook.deleted", subjectType: "webhook", subjectId: id, teamId: row.teamId, detail: { url: row.url } });
  });
  return toWebhookDto(row);
}
