// Grants or withdraws portal administration (portal admins only). Nobody withdraws their own: that is how a portal
// loses its last administrator.
import "server-only";
import { AppError } from "@/lib/errors";
import type { AdminUser } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { ADMIN_USER_INCLUDE, toAdminUserDto } from "./access-dto";

export async function setUserAdmin(opts: { actor: Actor; userId: string; isAdmin: boolean }): Promise<AdminUser> {
  const { actor, userId, isAdmin } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators change who administers the portal.");
  if (userId === actor.userId && !isAdmin) throw new AppError("conflict", "You cannot withdraw your own administrator rights; ask another administrator.");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { isAdmin: true } });
    if (!user) throw new AppError("not_found", `No user with id "${userId}".`);
    if (user.isAdmin !== isAdmin) {
      await tx.user.update({ where: { id: userId }, data: { isAdmin } });
      await audit(tx, actor, { action: isAdmin ? "user.admin-granted" : "user.admin-revoked", subjectType: "user", subjectId: userId });
    }
    return toAdminUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, include: ADMIN_USER_INCLUDE }));
  });
}
