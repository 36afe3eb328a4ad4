// Prisma's "unique constraint failed" (P2002), the same on SQLite and PostgreSQL through the driver adapters.
import "server-only";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
