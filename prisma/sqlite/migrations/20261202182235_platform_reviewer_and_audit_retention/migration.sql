-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_users" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "platformReviewer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_users" ("createdAt", "email", "emailVerified", "id", "image", "isAdmin", "name", "updatedAt") SELECT "createdAt", "email", "emailVerified", "id", "image", "isAdmin", "name", "updatedAt" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE TABLE "new_api_tokens" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "platformReviewer" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    CONSTRAINT "api_tokens_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_api_tokens" ("createdAt", "createdById", "expiresAt", "hash", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role", "teamId") SELECT "createdAt", "createdById", "expiresAt", "hash", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role", "teamId" FROM "api_tokens";
DROP TABLE "api_tokens";
ALTER TABLE "new_api_tokens" RENAME TO "api_tokens";
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"("hash");
CREATE INDEX "api_tokens_teamId_idx" ON "api_tokens"("teamId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- Data: before this grant existed, a reviewer role in any team reviewed the requests of every team. Reviewers and
-- admins of the data-platform team (the demo reviewer rita) keep doing so, now explicitly, and reviewers of other teams
-- review the requests of their own team from now on, until an administrator grants them platform review.
UPDATE "users" SET "platformReviewer" = 1 WHERE "id" IN (SELECT m."userId" FROM "memberships" m JOIN "teams" t ON t."id" = m."teamId" WHERE t."slug" = 'data-platform' AND m."role" IN ('reviewer', 'admin'));
