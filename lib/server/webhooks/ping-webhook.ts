// A test message to one subscription (type webhook.ping), through the same queue, signing and log as every event.
import "server-only";
import { AppError } from "@/lib/errors";
import { WEBHOOK_PING, type WebhookDeliveryDto } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { WebhookPayload } from "./emit-event";
import { newWebhookId } from "./signing";
import { findVisibleWebhook, toDeliveryDto } from "./webhook-dto";

export async function pingWebhook(opts: { actor: Actor; id: string }): Promise<WebhookDeliveryDto> {
  const { actor, id } = opts;
  const subscription = await findVisibleWebhook(db(), actor, id);
  if (!subscription.enabled) throw new AppError("conflict", "The webhook is disabled; enable it to send a test.");
  const now = new Date();
  const payload: WebhookPayload = {
    type: WEBHOOK_PING,
    timestamp: now.toISOString(),
    data: { subscriptionId: id, team: subscription.team, sentBy: actor.label },
  };
  const row = await db().webhookDelivery.create({
    data: { subscriptionId: id, eventType: WEBHOOK_PING, webhookId: newWebhookId(), payload: JSON.stringify(payload), status: "pending", nextAttemptAt: now },
  });
  return toDeliveryDto(row);
}
