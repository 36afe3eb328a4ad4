// Sends a past delivery again: a new queue entry with the same webhook-id and body (receivers that deduplicate by
// webhook-id treat it as the same message), attempted by the worker with the usual retries.
import "server-only";
import { AppError } from "@/lib/errors";
import type { WebhookDeliveryDto } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleWebhook, toDeliveryDto } from "./webhook-dto";

export async function redeliverWebhook(opts: { actor: Actor; id: string; deliveryId: string }): Promise<WebhookDeliveryDto> {
  const { actor, id, deliveryId } = opts;
  const subscription = await findVisibleWebhook(db(), actor, id);
  const original = await db().webhookDelivery.findFirst({ where: { id: deliveryId, subscriptionId: id } });
  if (!original) throw new AppError("not_found", `No delivery with id "${deliveryId}" for this webhook.`);
  if (!subscription.enabled) throw new AppError("conflict", "The webhook is disabled; enable it to redeliver.");
  return db().$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({
      data: {
        subscriptionId: id,
        eventType: original.eventType,
        webhookId: original.webhookId,
        payload: original.payload,
        status: "pending",
        nextAttemptAt: new Date(),
        redeliveryOfId: original.id,
      },
    });
    await audit(tx, actor, {
      action: "webhook.redelivered",
      subjectType: "webhook",
      subjectId: id,
      teamId: subscription.teamId,
      detail: { deliveryId: row.id, of: original.id, webhookId: original.webhookId },
    });
    return toDeliveryDto(row);
  });
}
