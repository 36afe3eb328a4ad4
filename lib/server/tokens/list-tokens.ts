// The caller's API tokens (active, expired and revoked), newest first; portal admins may list everyone's (?all=true).
import "server-only";
import { AppError } from "@/lib/errors";
import type { Token, TokenListQuery } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { db } from "../db/client";
import { TOKEN_INCLUDE, toTokenDto } from "./token-dto";

export async function listTokens(opts: { actor: Actor; query: TokenListQuery }): Promise<{ items: Token[]; nextCursor: string | null }> {
  const { actor, query } = opts;
  if (query.all && !canAdminister(actor))
    throw new AppError("forbidden", "Only portal administrators list every person's tokens.", {
      fieldErrors: [{ field: "all", message: "is for administrators" }],
    });
  const where = query.all ? {} : { createdById: actor.userId };
  if (query.cursor && !(await db().apiToken.findFirst({ where: { ...where, id: query.cursor }, select: { id: true } }))) {
    throw new AppError("invalid_input", "The cursor does not name a page of this list.", {
      fieldErrors: [{ field: "cursor", message: "is not a cursor this API returned" }],
    });
  }
  const rows = await db().apiToken.findMany({
    where,
    include: TOKEN_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map((t) => toTokenDto(t)), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
