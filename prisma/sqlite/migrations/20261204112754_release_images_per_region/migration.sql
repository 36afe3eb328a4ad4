-- AlterTable
ALTER TABLE "campaign_targets" ADD COLUMN "fromImageIds" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_family_releases" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "family" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "imageIds" JSONB,
    "imageId" TEXT,
    "imagesKey" TEXT NOT NULL,
    "notes" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- Edited after `prisma migrate diff`: a release from before images were per region keeps its one image (imageId, for
-- every region) and that image is its imagesKey, so it stays unique as it was.
INSERT INTO "new_family_releases" ("createdAt", "createdBy", "engineVersion", "family", "id", "imageId", "imagesKey", "notes") SELECT "createdAt", "createdBy", "engineVersion", "family", "id", "imageId", "imageId", "notes" FROM "family_releases";
DROP TABLE "family_releases";
ALTER TABLE "new_family_releases" RENAME TO "family_releases";
CREATE INDEX "family_releases_family_createdAt_idx" ON "family_releases"("family", "createdAt");
CREATE UNIQUE INDEX "family_releases_family_engineVersion_imagesKey_key" ON "family_releases"("family", "engineVersion", "imagesKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
