// Subscriptions and deliveries as the API returns them (allow-lists), and finding a subscription the caller may see:
// members of its team and portal administrators; anyone else gets the 404 an unknown id gets.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { WebhookEventSchema, type WebhookDeliveryDto, type WebhookDto } from "@/lib/schemas/webhook";
import { hasTeamRole, type Actor } from "../auth/actor";
import type { Tx } from "../db/client";
import { RETRY_POLICY } from "./backoff";

export const WEBHOOK_INCLUDE = { team: { select: { id: true, slug: true, name: true } } } as const;

interface SubscriptionRow {
  id: string;
  url: string;
  events: unknown;
  description: string | null;
  secretPrefix: string;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failureCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  team: { id: string; slug: string; name: string };
}

/** The stored event list; an event type no longer known is left out rather than failing the read. */
export function storedEvents(events: unknown): z.infer<typeof WebhookEventSchema>[] {
  return z
    .array(z.string())
    .catch([])
    .parse(events)
    .flatMap((e) => {
      const parsed = WebhookEventSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
}

export function toWebhookDto(row: SubscriptionRow): WebhookDto {
  return {
    id: row.id,
    team: row.team,
    url: row.url,
    events: storedEvents(row.events),
    description: row.description,
    secretPrefix: row.secretPrefix,
    enabled: row.enabled,
    disabledReason: row.disabledReason === "manual" || row.disabledReason === "failures" ? row.disabledReason : null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failureCount: row.failureCount,
    failureLimit: env.WEBHOOK_FAILURE_LIMIT,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

interface DeliveryRow {
  id: string;
  subscriptionId: string;
  eventType: string;
  webhookId: string;
  payload: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  redeliveryOfId: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  const status = row.status === "delivering" || row.status === "delivered" || row.status === "failed" ? row.status : "pending";
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventType: row.eventType,
    webhookId: row.webhookId,
    status,
    attempts: row.attempts,
    maxAttempts: RETRY_POLICY.maxAttempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastLatencyMs: row.lastLatencyMs,
    lastError: row.lastError,
    responseExcerpt: row.responseExcerpt,
    redeliveryOfId: row.redeliveryOfId,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload,
  };
}

/** Who manages a team's subscriptions: its members (any role) and portal administrators. */
export function managesWebhooksOf(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member");
}

/** The subscription, when the caller manages its team's; otherwise the 404 of an unknown id. */
export async function findVisibleWebhook(tx: Tx, actor: Actor, id: string) {
  const row = await tx.webhookSubscription.findUnique({ where: { id }, include: WEBHOOK_INCLUDE });
  if (!row || !managesWebhooksOf(actor, row.teamId)) throw new AppError("not_found", `No webhook subscription with id "${id}".`);
  return row;
}
