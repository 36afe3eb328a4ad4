// Grants or withdraws portal administration and platform review (portal admins only). Nobody withdraws their own
// administration: that is how a portal loses its last administrator.
import "server-only";
import { AppError } from "@/lib/errors";
import type { AdminUser, UpdateUserBody } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { ADMIN_USER_INCLUDE, toAdminUserDto } from "./access-dto";

export async function updateUser(opts: { actor: Actor; userId: string; body: UpdateUserBody }): Promise<AdminUser> {
  const { actor, userId, body } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators change who administers the portal or reviews for every team.");
  if (userId === actor.userId && body.isAdmin === false)
    throw new AppError("conflict", "You cannot withdraw your own administrator rights; ask another administrator.");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { isAdmin: true, platformReviewer: true } });
    if (!user) throw new AppError("not_found", `No user with id "${userId}".`);
    if (body.isAdmin !== undefined && user.isAdmin !== body.isAdmin) {
      await tx.user.update({ where: { id: userId }, data: { isAdmin: body.isAdmin } });
      await audit(tx, actor, { action: body.isAdmin ? "user.admin-granted" : "user.admin-revoked", subjectType: "user", subjectId: userId });
    }
    if (body.platformReviewer !== undefined && user.platformReviewer !== body.platformReviewer) {
      await tx.user.update({ where: { id: userId }, data: { platformReviewer: body.platformReviewer } });
      await audit(tx, actor, {
        action: body.platformReviewer ? "user.platform-reviewer-granted" : "user.platform-reviewer-revoked",
        subjectType: "user",
        subjectId: userId,
      });
    }
    return toAdminUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, include: ADMIN_USER_INCLUDE }));
  });
}
