-- DropIndex
DROP INDEX "requests_teamId_status_idx";

-- DropIndex
DROP INDEX "requests_status_submittedAt_idx";

-- DropIndex
DROP INDEX "datastores_family_status_idx";

-- DropIndex
DROP INDEX "datastore_changes_status_createdAt_idx";

-- AlterTable
ALTER TABLE "operations" ADD COLUMN     "eventsPrunedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "datastore_regions" (
    "datastoreId" TEXT NOT NULL,
    "region" TEXT NOT NULL,

    CONSTRAINT "datastore_regions_pkey" PRIMARY KEY ("datastoreId","region")
);

-- CreateIndex
CREATE INDEX "datastore_regions_region_datastoreId_idx" ON "datastore_regions"("region", "datastoreId");

-- CreateIndex
CREATE INDEX "sessions_expiresAt_idx" ON "sessions"("expiresAt");

-- CreateIndex
CREATE INDEX "rate_limits_lastRequest_idx" ON "rate_limits"("lastRequest");

-- CreateIndex
CREATE INDEX "requests_createdAt_id_idx" ON "requests"("createdAt", "id");

-- CreateIndex
CREATE INDEX "requests_teamId_createdAt_id_idx" ON "requests"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "requests_status_createdAt_id_idx" ON "requests"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "requests_status_submittedAt_id_idx" ON "requests"("status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "datastores_createdAt_id_idx" ON "datastores"("createdAt", "id");

-- CreateIndex
CREATE INDEX "datastores_teamId_createdAt_id_idx" ON "datastores"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "datastores_family_createdAt_id_idx" ON "datastores"("family", "createdAt", "id");

-- CreateIndex
CREATE INDEX "datastores_status_createdAt_id_idx" ON "datastores"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "datastore_changes_status_createdAt_id_idx" ON "datastore_changes"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "idempotency_records_createdAt_idx" ON "idempotency_records"("createdAt");

-- AddForeignKey
ALTER TABLE "datastore_regions" ADD CONSTRAINT "datastore_regions_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written): the regions of the datastores that exist, from their JSON list (idempotent).
INSERT INTO "datastore_regions" ("datastoreId", "region")
SELECT DISTINCT d."id", r.value FROM "datastores" d CROSS JOIN LATERAL jsonb_array_elements_text(d."regions") AS r(value)
ON CONFLICT DO NOTHING;
