-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "upgradeEarly" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "bench_runs" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "campaignTargetId" TEXT,
    "region" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "profile" JSONB NOT NULL,
    "profileNotes" JSONB,
    "progress" JSONB,
    "result" JSONB,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "bench_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "family_releases" (
    "id" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "notes" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "family_releases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upgrade_campaigns" (
    "id" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "maxRegressionPct" DOUBLE PRECISION NOT NULL,
    "benchmarkDurationS" INTEGER NOT NULL,
    "haltReason" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "upgrade_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_targets" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "tier" INTEGER NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "fromImageId" TEXT,
    "step" TEXT NOT NULL,
    "operationId" TEXT,
    "baselineRunId" TEXT,
    "validationRunId" TEXT,
    "canaryZone" TEXT,
    "preview" JSONB,
    "gate" JSONB,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_events" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "targetId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "campaign_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bench_runs_operationId_key" ON "bench_runs"("operationId");

-- CreateIndex
CREATE INDEX "bench_runs_datastoreId_createdAt_idx" ON "bench_runs"("datastoreId", "createdAt");

-- CreateIndex
CREATE INDEX "bench_runs_campaignTargetId_idx" ON "bench_runs"("campaignTargetId");

-- CreateIndex
CREATE INDEX "family_releases_family_createdAt_idx" ON "family_releases"("family", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "family_releases_family_engineVersion_imageId_key" ON "family_releases"("family", "engineVersion", "imageId");

-- CreateIndex
CREATE INDEX "upgrade_campaigns_status_idx" ON "upgrade_campaigns"("status");

-- CreateIndex
CREATE INDEX "upgrade_campaigns_family_createdAt_idx" ON "upgrade_campaigns"("family", "createdAt");

-- CreateIndex
CREATE INDEX "campaign_targets_campaignId_wave_seq_idx" ON "campaign_targets"("campaignId", "wave", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_targets_campaignId_datastoreId_key" ON "campaign_targets"("campaignId", "datastoreId");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_events_campaignId_seq_key" ON "campaign_events"("campaignId", "seq");

-- AddForeignKey
ALTER TABLE "bench_runs" ADD CONSTRAINT "bench_runs_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bench_runs" ADD CONSTRAINT "bench_runs_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upgrade_campaigns" ADD CONSTRAINT "upgrade_campaigns_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "family_releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "upgrade_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_events" ADD CONSTRAINT "campaign_events_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "upgrade_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
