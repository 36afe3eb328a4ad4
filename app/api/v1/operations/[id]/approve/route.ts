// POST /api/v1/operations/{id}/approve — a reviewer approves a scheduled replacement of a tier 0/1 datastore's nodes
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { approveOperation } from "@/lib/server/maintenance/approve-operation";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.approveOperation, ({ actor, params }) => approveOperation({ actor, id: params.id })),
);
