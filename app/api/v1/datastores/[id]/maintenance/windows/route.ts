// GET, PUT /api/v1/datastores/{id}/maintenance/windows — read or replace the weekly maintenance windows
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getMaintenanceWindows, putMaintenanceWindows } from "@/lib/server/maintenance/put-maintenance-windows";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getMaintenanceWindows, ({ actor, params }) => getMaintenanceWindows({ actor, id: params.id })),
  defineRoute(API_OPERATIONS.putMaintenanceWindows, ({ actor, params, body }) => putMaintenanceWindows({ actor, id: params.id, windows: body.windows })),
);
