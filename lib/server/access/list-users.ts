// Every person with an account, newest first, a page at a time (portal admins only).
import "server-only";
import { AppError } from "@/lib/errors";
import type { AdminUser, UserListQuery } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { db } from "../db/client";
import { ADMIN_USER_INCLUDE, toAdminUserDto } from "./access-dto";

export async function listUsers(opts: { actor: Actor; query: UserListQuery }): Promise<{ items: AdminUser[]; nextCursor: string | null }> {
  const { actor, query } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators list users.");
  if (query.cursor && !(await db().user.findUnique({ where: { id: query.cursor }, select: { id: true } }))) {
    throw new AppError("invalid_input", "The cursor does not name a page of this list.", {
      fieldErrors: [{ field: "cursor", message: "is not a cursor this API returned" }],
    });
  }
  const rows = await db().user.findMany({
    include: ADMIN_USER_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toAdminUserDto), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
