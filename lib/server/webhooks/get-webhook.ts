// One webhook subscription (its team's members and portal administrators; anyone else: 404).
import "server-only";
import type { WebhookDto } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleWebhook, toWebhookDto } from "./webhook-dto";

export async function getWebhook(opts: { actor: Actor; id: string }): Promise<WebhookDto> {
  return toWebhookDto(await findVisibleWebhook(db(), opts.actor, opts.id));
}
