// The outbox: an event becomes one delivery row per subscription that wants it, written in the caller's transaction —
// the transaction of the state change it reports. A rollback takes the deliveries with it (no event for a change
// that did not happen); a commit keeps them until the worker has delivered them (no event lost with a crash).
import "server-only";
import type { WEBHOOK_PING, WebhookEvent } from "@/lib/schemas/webhook";
import type { Tx } from "../db/client";
import { newWebhookId } from "./signing";
import { storedEvents } from "./webhook-dto";

/** The body of every message (Standard Webhooks): what happened, when, and a summary of the resource. */
export interface WebhookPayload {
  type: WebhookEvent | typeof WEBHOOK_PING;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * Queues `type` for every enabled subscription of the team that asked for it. `data` is built only when one did, so
 * a state change of a team without webhooks costs one indexed read. Returns how many deliveries were queued.
 */
export async function emitWebhookEvent(
  tx: Tx,
  type: WebhookEvent,
  teamId: string,
  data: () => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<number> {
  const subscriptions = await tx.webhookSubscription.findMany({ where: { teamId, enabled: true }, select: { id: true, events: true } });
  const wanting = subscriptions.filter((s) => storedEvents(s.events).includes(type));
  if (wanting.length === 0) return 0;
  const now = new Date();
  const payload: WebhookPayload = { type, timestamp: now.toISOString(), data: await data() };
  await queueDeliveries(
    tx,
    wanting.map((s) => s.id),
    payload,
    now,
  );
  return wanting.length;
}

/** One delivery of `payload` per subscription, due now, each under its own webhook-id. */
export async function queueDeliveries(tx: Tx, subscriptionIds: readonly string[], payload: WebhookPayload, now = new Date()): Promise<void> {
  const body = JSON.stringify(payload);
  await tx.webhookDelivery.createMany({
    data: subscriptionIds.map((subscriptionId) => ({
      subscriptionId,
      eventType: payload.type,
      webhookId: newWebhookId(),
      payload: body,
      status: "pending",
      nextAttemptAt: now,
    })),
  });
}
