// Revokes an API token: its creator or a portal admin. Revoking twice is harmless (the first time stands).
// Someone else's token answers 404, so token ids cannot be probed.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Token } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { TOKEN_INCLUDE, toTokenDto } from "./token-dto";

export async function revokeToken(opts: { actor: Actor; tokenId: string }): Promise<Token> {
  const { actor, tokenId } = opts;
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, include: TOKEN_INCLUDE });
    if (!token || (token.createdById !== actor.userId && !canAdminister(actor)))
      throw new AppError("not_found", `No token with id "${tokenId}" that you may revoke.`);
    if (token.revokedAt) return toTokenDto(token);
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() }, include: TOKEN_INCLUDE });
    await audit(tx, actor, {
      action: "token.revoked",
      subjectType: "token",
      subjectId: token.id,
      teamId: token.teamId,
      detail: { name: token.name, prefix: token.prefix },
    });
    return toTokenDto(revoked);
  });
}
