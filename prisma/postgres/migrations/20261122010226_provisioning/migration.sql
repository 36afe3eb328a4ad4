-- AlterTable
ALTER TABLE "datastores" ADD COLUMN     "decommissionedAt" TIMESTAMP(3),
ADD COLUMN     "lockOperationId" TEXT,
ADD COLUMN     "outputs" JSONB;

-- CreateTable
CREATE TABLE "operations" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedBy" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "specHash" TEXT NOT NULL,
    "changeId" TEXT,
    "previewId" TEXT,
    "retryOfId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "plannedSteps" INTEGER,
    "doneSteps" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "diff" JSONB,
    "outputs" JSONB,
    "error" JSONB,
    "eventCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation_events" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "operation_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datastore_changes" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedBy" TEXT NOT NULL,
    "workload" JSONB,
    "planResult" JSONB,
    "spec" JSONB,
    "annualCost" DOUBLE PRECISION,
    "monthlyCost" DOUBLE PRECISION,
    "approvalReasons" JSONB NOT NULL,
    "needsApproval" BOOLEAN NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "datastore_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_settings" (
    "id" TEXT NOT NULL,
    "regions" JSONB NOT NULL,
    "backendUrl" TEXT,
    "passphraseSource" JSONB NOT NULL,
    "passphraseCipher" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "org_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "operations_status_createdAt_idx" ON "operations"("status", "createdAt");

-- CreateIndex
CREATE INDEX "operations_datastoreId_createdAt_idx" ON "operations"("datastoreId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "operation_events_operationId_seq_key" ON "operation_events"("operationId", "seq");

-- CreateIndex
CREATE INDEX "datastore_changes_datastoreId_createdAt_idx" ON "datastore_changes"("datastoreId", "createdAt");

-- CreateIndex
CREATE INDEX "datastore_changes_status_createdAt_idx" ON "datastore_changes"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_events" ADD CONSTRAINT "operation_events_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datastore_changes" ADD CONSTRAINT "datastore_changes_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
