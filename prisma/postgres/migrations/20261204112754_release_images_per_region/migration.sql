-- DropIndex
DROP INDEX "family_releases_family_engineVersion_imageId_key";

-- AlterTable
-- Edited after `prisma migrate diff`: imagesKey is added empty, filled, then made NOT NULL. A release from before
-- images were per region keeps its one image (imageId, for every region) and that image is its imagesKey, so it stays
-- unique as it was.
ALTER TABLE "family_releases" ADD COLUMN     "imageIds" JSONB,
ADD COLUMN     "imagesKey" TEXT,
ALTER COLUMN "imageId" DROP NOT NULL;
UPDATE "family_releases" SET "imagesKey" = "imageId";
ALTER TABLE "family_releases" ALTER COLUMN "imagesKey" SET NOT NULL;

-- AlterTable
ALTER TABLE "campaign_targets" ADD COLUMN     "fromImageIds" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "family_releases_family_engineVersion_imagesKey_key" ON "family_releases"("family", "engineVersion", "imagesKey");
