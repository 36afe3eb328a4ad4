// A new local account (portal admins only). Open sign-up is off, so this is how people get in; without a password
// in the body the portal generates one and returns it this once.
import "server-only";
import { AppError } from "@/lib/errors";
import type { AdminUser, CreateUserBody } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { ADMIN_USER_INCLUDE, toAdminUserDto } from "./access-dto";
import { createLocalAccount, generatePassword } from "./local-account";

export async function createUser(opts: { actor: Actor; body: CreateUserBody }): Promise<AdminUser & { password?: string }> {
  const { actor, body } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators create users.");
  const generated = body.password === undefined ? generatePassword() : undefined;
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await createLocalAccount(tx, {
        name: body.name,
        email: body.email,
        password: body.password ?? generated ?? "",
        isAdmin: body.isAdmin,
        platformReviewer: body.platformReviewer,
      });
      await audit(tx, actor, {
        action: "user.created",
        subjectType: "user",
        subjectId: created.id,
        detail: { email: created.email, isAdmin: created.isAdmin, platformReviewer: created.platformReviewer },
      });
      return tx.user.findUniqueOrThrow({ where: { id: created.id }, include: ADMIN_USER_INCLUDE });
    });
    return { ...toAdminUserDto(user), ...(generated ? { password: generated } : {}) };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A user with the email "${body.email}" already exists.`, { fieldErrors: [{ field: "email", message: "is taken" }] });
    throw error;
  }
}
