// What authentication reads about a credential, in one query each: a token with its creator and the creator's role
// in the token's team; a session with its person and all their memberships. Every request reads them fresh — a
// revoked token, an ended session or a changed membership counts at once, on every instance — and one query costs
// a fraction of the three to five Prisma queries it replaces (each Prisma query compiles its plan anew: ~1–4 ms).
// Raw SQL over the tables Prisma maps (prisma/models.prisma); the same statement runs on SQLite and PostgreSQL, and
// each row is parsed, so a schema drift fails loudly here rather than authorising wrongly.
import "server-only";
import { z } from "zod";
import { TEAM_ROLES } from "./actor";
import { db } from "../db/client";

const date = z.union([z.date(), z.string(), z.number()]).transform((v) => new Date(v));
const flag = z.union([z.boolean(), z.number(), z.bigint(), z.string()]).transform((v) => v === true || v === 1 || v === 1n || v === "1" || v === "true");

const TokenRowSchema = z.object({
  tokenId: z.string(),
  tokenName: z.string(),
  teamId: z.string(),
  tokenRole: z.enum(TEAM_ROLES),
  tokenPlatformReviewer: flag,
  expiresAt: date,
  revokedAt: date.nullable(),
  lastUsedAt: date.nullable(),
  userId: z.string(),
  isAdmin: flag,
  platformReviewer: flag,
  memberRole: z.enum(TEAM_ROLES).nullable(),
});
export type TokenRow = z.infer<typeof TokenRowSchema>;

/** The token with this hash, its creator and the creator's role in the token's team (null when none). */
export async function findTokenRow(hash: string): Promise<TokenRow | null> {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT t."id" AS "tokenId", t."name" AS "tokenName", t."teamId" AS "teamId", t."role" AS "tokenRole",
           t."platformReviewer" AS "tokenPlatformReviewer",
           t."expiresAt" AS "expiresAt", t."revokedAt" AS "revokedAt", t."lastUsedAt" AS "lastUsedAt",
           u."id" AS "userId", u."isAdmin" AS "isAdmin",
           u."platformReviewer" AS "platformReviewer", m."role" AS "memberRole"
    FROM "api_tokens" t
    JOIN "users" u ON u."id" = t."createdById"
    LEFT JOIN "memberships" m ON m."userId" = u."id" AND m."teamId" = t."teamId"
    WHERE t."hash" = ${hash}`;
  return rows[0] === undefined ? null : TokenRowSchema.parse(rows[0]);
}

const SessionRowSchema = z.object({
  expiresAt: date,
  userId: z.string(),
  email: z.string(),
  isAdmin: flag,
  platformReviewer: flag,
  teamId: z.string().nullable(),
  role: z.enum(TEAM_ROLES).nullable(),
});

export interface SessionRow {
  expiresAt: Date;
  userId: string;
  email: string;
  isAdmin: boolean;
  /** The platform-reviewer grant (reviews every team's requests). */
  platformReviewer: boolean;
  /** Role per team id. */
  roles: Map<string, (typeof TEAM_ROLES)[number]>;
}

/** The session with this token and its person with every membership; null when there is no such session. */
export async function findSessionRow(token: string): Promise<SessionRow | null> {
  const rows = (
    await db().$queryRaw<unknown[]>`
      SELECT s."expiresAt" AS "expiresAt", u."id" AS "userId", u."email" AS "email", u."isAdmin" AS "isAdmin",
             u."platformReviewer" AS "platformReviewer",
             m."teamId" AS "teamId", m."role" AS "role"
      FROM "sessions" s
      JOIN "users" u ON u."id" = s."userId"
      LEFT JOIN "memberships" m ON m."userId" = u."id"
      WHERE s."token" = ${token}`
  ).map((r) => SessionRowSchema.parse(r));
  const first = rows[0];
  if (!first) return null;
  const roles = new Map(rows.flatMap((r) => (r.teamId !== null && r.role !== null ? [[r.teamId, r.role] as const] : [])));
  return { expiresAt: first.expiresAt, userId: first.userId, email: first.email, isAdmin: first.isAdmin, platformReviewer: first.platformReviewer, roles };
}
