-- DropIndex
DROP INDEX "datastores_createdAt_id_idx";

-- DropIndex
DROP INDEX "datastores_teamId_createdAt_id_idx";

-- DropIndex
DROP INDEX "datastores_family_createdAt_id_idx";

-- DropIndex
DROP INDEX "datastores_status_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "datastores_createdAt_id_name_idx" ON "datastores"("createdAt", "id", "name");

-- CreateIndex
CREATE INDEX "datastores_teamId_createdAt_id_name_idx" ON "datastores"("teamId", "createdAt", "id", "name");

-- CreateIndex
CREATE INDEX "datastores_family_createdAt_id_name_idx" ON "datastores"("family", "createdAt", "id", "name");

-- CreateIndex
CREATE INDEX "datastores_status_createdAt_id_name_idx" ON "datastores"("status", "createdAt", "id", "name");
