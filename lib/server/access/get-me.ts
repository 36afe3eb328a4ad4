// The caller as the API sees them: the person, whether they administer the portal, and the teams and roles this
// credential may act with (a token: only its own team and role).
import "server-only";
import { AppError } from "@/lib/errors";
import type { Me } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { ALLOWED, forbidden, toAction } from "../auth/verdict";
import { db } from "../db/client";
import { reviewQueueVerdict } from "../reviews/list-review-queue";

export async function getMe(opts: { actor: Actor }): Promise<Me> {
  const { actor } = opts;
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true, email: true } });
  if (!user) throw new AppError("unauthenticated", "The account behind this credential no longer exists.");
  const teams = await db().team.findMany({ where: { id: { in: [...actor.roles.keys()] } }, orderBy: { slug: "asc" } });
  const token = actor.tokenId ? await db().apiToken.findUnique({ where: { id: actor.tokenId }, select: { id: true, name: true, expiresAt: true } }) : null;
  return {
    kind: actor.kind === "token" ? "token" : "session",
    user,
    isAdmin: actor.isAdmin,
    platformReviewer: actor.platformReviewer,
    teams: teams.flatMap((t) => {
      const role = actor.roles.get(t.id);
      return role ? [{ id: t.id, slug: t.slug, name: t.name, role }] : [];
    }),
    token: token ? { id: token.id, name: token.name, expiresAt: token.expiresAt.toISOString() } : null,
    actions: {
      review: toAction(await reviewQueueVerdict(actor)),
      administer: toAction(canAdminister(actor) ? ALLOWED : forbidden("Users, teams and provisioning settings are managed by portal administrators.")),
    },
  };
}
