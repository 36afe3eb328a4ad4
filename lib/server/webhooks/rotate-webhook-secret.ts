// A new signing secret for a subscription, shown in this answer only; the old one stops signing at once (deliveries
// still waiting are signed with the new one when they go out).
import "server-only";
import type { WebhookWithSecret } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db } from "../db/client";
import { newWebhookSecret, sealWebhookSecret, secretPrefix } from "./signing";
import { findVisibleWebhook, toWebhookDto, WEBHOOK_INCLUDE } from "./webhook-dto";

export async function rotateWebhookSecret(opts: { actor: Actor; id: string }): Promise<WebhookWithSecret> {
  const { actor, id } = opts;
  const current = await findVisibleWebhook(db(), actor, id);
  const secret = newWebhookSecret();
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.webhookSubscription.update({
      where: { id },
      data: { secretCipher: sealWebhookSecret(id, secret), secretPrefix: secretPrefix(secret), version: { increment: 1 } },
      include: WEBHOOK_INCLUDE,
    });
    await audit(tx, actor, {
      action: "webhook.secret-rotated",
      subjectType: "webhook",
      subjectId: id,
      teamId: current.teamId,
      detail: { before: current.secretPrefix, after: updated.secretPrefix },
    });
    return updated;
  });
  return { ...toWebhookDto(row), secret };
}
