-- AlterTable
ALTER TABLE "datastore_changes" ADD COLUMN     "reason" TEXT;
