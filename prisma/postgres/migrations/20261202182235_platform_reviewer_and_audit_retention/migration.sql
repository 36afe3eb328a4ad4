-- AlterTable
ALTER TABLE "users" ADD COLUMN     "platformReviewer" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "platformReviewer" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- Data: before this grant existed, a reviewer role in any team reviewed the requests of every team. Reviewers and
-- admins of the data-platform team (the demo reviewer rita) keep doing so, now explicitly, and reviewers of other teams
-- review the requests of their own team from now on, until an administrator grants them platform review.
UPDATE "users" SET "platformReviewer" = true WHERE "id" IN (SELECT m."userId" FROM "memberships" m JOIN "teams" t ON t."id" = m."teamId" WHERE t."slug" = 'data-platform' AND m."role" IN ('reviewer', 'admin'));
