-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "autoMaintenance" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "warningTopicArn" TEXT;

-- AlterTable
ALTER TABLE "operations" ADD COLUMN     "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "notBefore" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "fleet_nodes" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "statusCheck" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "goneAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "fleet_nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fleet_events" (
    "id" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "deadline" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "operationId" TEXT,

    CONSTRAINT "fleet_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fleet_refresh_jobs" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "datastoreId" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "summary" JSONB,
    "error" JSONB,

    CONSTRAINT "fleet_refresh_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sim_cloud_instances" (
    "instanceId" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "statusCheck" TEXT NOT NULL,
    "readyAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),

    CONSTRAINT "sim_cloud_instances_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "sim_cloud_events" (
    "eventId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "injectedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sim_cloud_events_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "health_incidents" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "region" TEXT,
    "role" TEXT,
    "magnitude" DOUBLE PRECISION NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_windows" (
    "id" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "maintenance_windows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replacement_steps" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "replacementInstanceId" TEXT,
    "startedAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "replacement_steps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "fleet_nodes_instanceId_key" ON "fleet_nodes"("instanceId");

-- CreateIndex
CREATE INDEX "fleet_nodes_datastoreId_goneAt_idx" ON "fleet_nodes"("datastoreId", "goneAt");

-- CreateIndex
CREATE INDEX "fleet_nodes_goneAt_region_idx" ON "fleet_nodes"("goneAt", "region");

-- CreateIndex
CREATE INDEX "fleet_nodes_goneAt_instanceType_idx" ON "fleet_nodes"("goneAt", "instanceType");

-- CreateIndex
CREATE INDEX "fleet_events_datastoreId_resolvedAt_idx" ON "fleet_events"("datastoreId", "resolvedAt");

-- CreateIndex
CREATE INDEX "fleet_events_resolvedAt_deadline_idx" ON "fleet_events"("resolvedAt", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "fleet_events_nodeId_eventId_key" ON "fleet_events"("nodeId", "eventId");

-- CreateIndex
CREATE INDEX "fleet_refresh_jobs_status_createdAt_idx" ON "fleet_refresh_jobs"("status", "createdAt");

-- CreateIndex
CREATE INDEX "sim_cloud_instances_groupName_idx" ON "sim_cloud_instances"("groupName");

-- CreateIndex
CREATE INDEX "sim_cloud_instances_datastoreId_idx" ON "sim_cloud_instances"("datastoreId");

-- CreateIndex
CREATE INDEX "sim_cloud_events_instanceId_idx" ON "sim_cloud_events"("instanceId");

-- CreateIndex
CREATE INDEX "health_incidents_datastoreId_startsAt_idx" ON "health_incidents"("datastoreId", "startsAt");

-- CreateIndex
CREATE INDEX "maintenance_windows_datastoreId_idx" ON "maintenance_windows"("datastoreId");

-- CreateIndex
CREATE INDEX "replacement_steps_operationId_seq_idx" ON "replacement_steps"("operationId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "replacement_steps_operationId_instanceId_key" ON "replacement_steps"("operationId", "instanceId");

-- AddForeignKey
ALTER TABLE "fleet_nodes" ADD CONSTRAINT "fleet_nodes_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fleet_events" ADD CONSTRAINT "fleet_events_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "fleet_nodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_incidents" ADD CONSTRAINT "health_incidents_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replacement_steps" ADD CONSTRAINT "replacement_steps_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
