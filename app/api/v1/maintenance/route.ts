// GET /api/v1/maintenance — node replacements queued or running on your teams' datastores
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listScheduledMaintenance } from "@/lib/server/maintenance/list-scheduled-maintenance";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listScheduledMaintenance, ({ actor }) => listScheduledMaintenance({ actor })),
);
