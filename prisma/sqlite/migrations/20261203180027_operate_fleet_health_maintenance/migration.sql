-- CreateTable
CREATE TABLE "fleet_nodes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datastoreId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "launchedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "statusCheck" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "goneAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "fleet_nodes_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "fleet_events" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nodeId" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "notBefore" DATETIME,
    "notAfter" DATETIME,
    "deadline" DATETIME,
    "firstSeenAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "operationId" TEXT,
    CONSTRAINT "fleet_events_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "fleet_nodes" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "fleet_refresh_jobs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "datastoreId" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "summary" JSONB,
    "error" JSONB
);

-- CreateTable
CREATE TABLE "sim_cloud_instances" (
    "instanceId" TEXT NOT NULL PRIMARY KEY,
    "datastoreId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "launchedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "statusCheck" TEXT NOT NULL,
    "readyAt" DATETIME,
    "terminatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "sim_cloud_events" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "notBefore" DATETIME,
    "notAfter" DATETIME,
    "injectedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "health_incidents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datastoreId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "region" TEXT,
    "role" TEXT,
    "magnitude" REAL NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "health_incidents_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "maintenance_windows" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datastoreId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "maintenance_windows_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "replacement_steps" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "startedAt" DATETIME,
    "terminatedAt" DATETIME,
    "doneAt" DATETIME,
    "error" TEXT,
    CONSTRAINT "replacement_steps_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operations" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_teams" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "autoMaintenance" BOOLEAN NOT NULL DEFAULT false,
    "warningTopicArn" TEXT
);
INSERT INTO "new_teams" ("createdAt", "id", "name", "slug") SELECT "createdAt", "id", "name", "slug" FROM "teams";
DROP TABLE "teams";
ALTER TABLE "new_teams" RENAME TO "teams";
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");
CREATE TABLE "new_operations" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "cancelRequestedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "heartbeatAt" DATETIME,
    "plannedSteps" INTEGER,
    "doneSteps" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "diff" JSONB,
    "outputs" JSONB,
    "error" JSONB,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "eventsPrunedAt" DATETIME,
    "notBefore" DATETIME,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
    "approvedAt" DATETIME,
    "approvedBy" TEXT,
    CONSTRAINT "operations_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "datastores" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_operations" ("attempt", "cancelRequestedAt", "changeId", "createdAt", "datastoreId", "diff", "doneSteps", "error", "eventCount", "eventsPrunedAt", "finishedAt", "heartbeatAt", "id", "kind", "leaseExpiresAt", "leaseOwner", "outputs", "plannedSteps", "previewId", "purpose", "requestedBy", "requestedById", "retryOfId", "spec", "specHash", "startedAt", "status", "summary", "updatedAt") SELECT "attempt", "cancelRequestedAt", "changeId", "createdAt", "datastoreId", "diff", "doneSteps", "error", "eventCount", "eventsPrunedAt", "finishedAt", "heartbeatAt", "id", "kind", "leaseExpiresAt", "leaseOwner", "outputs", "plannedSteps", "previewId", "purpose", "requestedBy", "requestedById", "retryOfId", "spec", "specHash", "startedAt", "status", "summary", "updatedAt" FROM "operations";
DROP TABLE "operations";
ALTER TABLE "new_operations" RENAME TO "operations";
CREATE INDEX "operations_status_createdAt_idx" ON "operations"("status", "createdAt");
CREATE INDEX "operations_datastoreId_createdAt_idx" ON "operations"("datastoreId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
