// A new API token for automation: scoped to one team and a role no higher than the creator's own there, expiring.
// The secret is in this answer only; the database keeps its SHA-256.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CreatedToken, CreateTokenBody } from "@/lib/schemas/access";
import { hasTeamRole, type Actor } from "../auth/actor";
import { newTokenSecret } from "../auth/tokens";
import { audit } from "../audit";
import { db } from "../db/client";
import { TOKEN_INCLUDE, toTokenDto } from "./token-dto";

const DAY_MS = 86_400_000;

export async function createToken(opts: { actor: Actor; body: CreateTokenBody }): Promise<CreatedToken> {
  const { actor, body } = opts;
  // A token minting tokens would outlive its own expiry and revocation.
  if (actor.kind === "token") throw new AppError("forbidden", "API tokens cannot create tokens; sign in to create one.");
  if (!hasTeamRole(actor, body.teamId, "member"))
    throw new AppError("forbidden", "You can only create tokens for a team you belong to.", {
      fieldErrors: [{ field: "teamId", message: "is not one of your teams" }],
    });
  if (!hasTeamRole(actor, body.teamId, body.role))
    throw new AppError("forbidden", `Your role in this team is below "${body.role}"; a token cannot hold more than you do.`, {
      fieldErrors: [{ field: "role", message: "is above your own role in the team" }],
    });
  if (body.platformReviewer && !actor.platformReviewer) {
    throw new AppError("forbidden", "Only platform reviewers can create a token that reviews every team's requests.", {
      fieldErrors: [{ field: "platformReviewer", message: "you do not hold the platform-reviewer grant" }],
    });
  }
  const team = await db().team.findUnique({ where: { id: body.teamId }, select: { id: true } });
  if (!team) throw new AppError("not_found", `No team with id "${body.teamId}".`, { fieldErrors: [{ field: "teamId", message: "is not a team" }] });

  const { secret, prefix, hash } = newTokenSecret();
  const token = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: body.name,
        prefix,
        hash,
        teamId: body.teamId,
        role: body.role,
        platformReviewer: body.platformReviewer,
        createdById: actor.userId,
        expiresAt: new Date(Date.now() + body.expiresInDays * DAY_MS),
      },
      include: TOKEN_INCLUDE,
    });
    await audit(tx, actor, {
      action: "token.created",
      subjectType: "token",
      subjectId: row.id,
      teamId: row.teamId,
      detail: { name: row.name, prefix, role: row.role, platformReviewer: row.platformReviewer, expiresAt: row.expiresAt.toISOString() },
    });
    return row;
  });
  return { ...toTokenDto(token), secret };
}
