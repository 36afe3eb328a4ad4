// GET /api/v1/datastores/{id}/maintenance — windows, pending cloud events and scheduled or running replacements
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getMaintenance } from "@/lib/server/maintenance/get-maintenance";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreMaintenance, ({ actor, params }) => getMaintenance({ actor, id: params.id })),
);
