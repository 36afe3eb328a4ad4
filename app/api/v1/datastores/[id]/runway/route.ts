// GET /api/v1/datastores/{id}/runway — disk runway, observed peaks against the plan, and a re-plan when they call for one
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getRunway } from "@/lib/server/health/get-runway";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreRunway, ({ actor, params, request }) => getRunway({ actor, id: params.id, signal: request.signal })),
);
