// GET /api/v1/releases/{id}/affected — every datastore and node a release affects, with its batch preview's summary
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listAffected } from "@/lib/server/campaigns/affected";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listReleaseAffected, ({ actor, params }) => listAffected({ actor, releaseId: params.id })),
);
