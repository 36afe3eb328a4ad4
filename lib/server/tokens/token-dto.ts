// API token rows to DTOs: never the hash, never the secret (the create use-case adds it to its one answer).
import "server-only";
import type { Token } from "@/lib/schemas/access";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  teamId: string;
  role: string;
  platformReviewer: boolean;
  createdById: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  team: { id: string; slug: string; name: string };
}

export const TOKEN_INCLUDE = { team: { select: { id: true, slug: true, name: true } } } as const;

export function toTokenDto(t: TokenRow, now = Date.now()): Token {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    teamId: t.teamId,
    team: t.team,
    role: t.role === "reviewer" ? "reviewer" : "member",
    platformReviewer: t.platformReviewer,
    createdById: t.createdById,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    status: t.revokedAt ? "revoked" : t.expiresAt.getTime() <= now ? "expired" : "active",
  };
}
