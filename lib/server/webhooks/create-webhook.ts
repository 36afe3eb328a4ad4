// A team's new webhook subscription. Its URL passes the SSRF guard as it resolves now (and again at every delivery);
// the signing secret is in this answer only and sealed at rest.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CreateWebhookBody, WebhookWithSecret } from "@/lib/schemas/webhook";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { newSubscriptionId, newWebhookSecret, sealWebhookSecret, secretPrefix } from "./signing";
import { requireAllowedTarget } from "./target";
import { managesWebhooksOf, toWebhookDto, WEBHOOK_INCLUDE } from "./webhook-dto";

function requireManages(actor: Actor, teamId: string): void {
  if (!managesWebhooksOf(actor, teamId))
    throw new AppError("forbidden", "You can only add webhooks for a team you belong to.", {
      fieldErrors: [{ field: "teamId", message: "is not one of your teams" }],
    });
}

/**
 * What may be checked before the create's transaction opens: that the caller manages the team (first, so that no
 * name is resolved for an outsider), then the URL as its host resolves now (a lookup may take seconds, and with
 * SQLite an open transaction holds every write). The API route runs it as its `prepare` step.
 */
export async function checkWebhookCreate(actor: Actor, body: CreateWebhookBody): Promise<void> {
  requireManages(actor, body.teamId);
  await requireAllowedTarget(body.url);
}

/** The URL's host name is resolved here unless `targetChecked` says the caller ran checkWebhookCreate already. */
export async function createWebhook(opts: { actor: Actor; body: CreateWebhookBody; tx?: Tx; targetChecked?: true }): Promise<WebhookWithSecret> {
  const { actor, body } = opts;
  requireManages(actor, body.teamId);
  const team = await (opts.tx ?? db()).team.findUnique({ where: { id: body.teamId }, select: { id: true } });
  if (!team) throw new AppError("not_found", `No team with id "${body.teamId}".`, { fieldErrors: [{ field: "teamId", message: "is not a team" }] });
  if (!opts.targetChecked) await requireAllowedTarget(body.url);

  const id = newSubscriptionId();
  const secret = newWebhookSecret();
  const write = async (tx: Tx) => {
    const row = await tx.webhookSubscription.create({
      data: {
        id,
        teamId: body.teamId,
        url: body.url,
        events: [...body.events],
        description: body.description || null,
        secretCipher: sealWebhookSecret(id, secret),
        secretPrefix: secretPrefix(secret),
        createdById: actor.userId,
        createdBy: actor.label,
      },
      include: WEBHOOK_INCLUDE,
    });
    await audit(tx, actor, {
      action: "webhook.created",
      subjectType: "webhook",
      subjectId: id,
      teamId: body.teamId,
      detail: { url: body.url, events: body.events },
    });
    return row;
  };
  const row = opts.tx ? await write(opts.tx) : await db().$transaction(write);
  return { ...toWebhookDto(row), secret };
}
