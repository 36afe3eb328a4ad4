// Changes a subscription's URL (checked by the SSRF guard again), events or description, or disables and enables
// it. Enabling starts afresh: the failure count goes back to 0 and deliveries that waited are sent.
import "server-only";
import type { UpdateWebhookBody, WebhookDto } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db } from "../db/client";
import { requireAllowedTarget } from "./target";
import { findVisibleWebhook, storedEvents, toWebhookDto, WEBHOOK_INCLUDE } from "./webhook-dto";

export async function updateWebhook(opts: { actor: Actor; id: string; body: UpdateWebhookBody }): Promise<WebhookDto> {
  const { actor, id, body } = opts;
  const current = await findVisibleWebhook(db(), actor, id);
  if (body.url !== undefined && body.url !== current.url) await requireAllowedTarget(body.url);
  const toggled = body.enabled !== undefined && body.enabled !== current.enabled;
  return db().$transaction(async (tx) => {
    const row = await tx.webhookSubscription.update({
      where: { id },
      data: {
        ...(body.url !== undefined ? { url: body.url } : {}),
        ...(body.events !== undefined ? { events: [...body.events] } : {}),
        ...(body.description !== undefined ? { description: body.description || null } : {}),
        ...(toggled && body.enabled ? { enabled: true, disabledReason: null, disabledAt: null, failureCount: 0 } : {}),
        ...(toggled && !body.enabled ? { enabled: false, disabledReason: "manual", disabledAt: new Date() } : {}),
        version: { increment: 1 },
      },
      include: WEBHOOK_INCLUDE,
    });
    const changed = {
      ...(body.url !== undefined && body.url !== current.url ? { url: { before: current.url, after: body.url } } : {}),
      ...(body.events !== undefined ? { events: { before: storedEvents(current.events), after: body.events } } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
    };
    if (Object.keys(changed).length > 0)
      await audit(tx, actor, { action: "webhook.updated", subjectType: "webhook", subjectId: id, teamId: row.teamId, detail: changed });
    if (toggled)
      await audit(tx, actor, {
        action: body.enabled ? "webhook.enabled" : "webhook.disabled",
        subjectType: "webhook",
        subjectId: id,
        teamId: row.teamId,
        detail: body.enabled ? { failureCountBefore: current.failureCount } : { reason: "manual" },
      });
    return toWebhookDto(row);
  });
}
