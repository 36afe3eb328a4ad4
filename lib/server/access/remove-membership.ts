// Removes a person from a team (portal admins only). Tokens that person created for the team stop working with it:
// they are revoked in the same transaction, since a token never holds more than its creator.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Team } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { TEAM_INCLUDE, toTeamDto } from "./access-dto";

export async function removeMembership(opts: { actor: Actor; teamId: string; userId: string }): Promise<Team> {
  const { actor, teamId, userId } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators manage team memberships.");
  return db().$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId } } });
    if (!existing) throw new AppError("not_found", "That person is not a member of this team.");
    await tx.membership.delete({ where: { id: existing.id } });
    const revoked = await tx.apiToken.updateMany({ where: { teamId, createdById: userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, actor, {
      action: "membership.removed",
      subjectType: "team",
      subjectId: teamId,
      teamId,
      detail: { userId, role: existing.role, tokensRevoked: revoked.count },
    });
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, include: TEAM_INCLUDE });
    return toTeamDto(team, actor);
  });
}
