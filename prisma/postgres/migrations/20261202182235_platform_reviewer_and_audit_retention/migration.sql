-- AlterTable
ALTER TABLE "users" ADD COLUMN     "platformReviewer" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "platformReviewer" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- Data: before this grant existed, a reviewer role in any team reviewed every team's requests. The data-platform
-- team's reviewers and admins (the demo's rita) keep doing so, now explicitly; other teams' reviewers review their
-- own team's requests from now on, until an administrator grants them platform review.
UPDATE "users" SET "platformReviewer" = true WHERE "id" IN (SELECT m."userId" FROM "memberships" m JOIN "teams" t ON t."id" = m."teamId" WHERE t."slug" = 'data-platform' AND m."role" IN ('reviewer', 'admin'));
