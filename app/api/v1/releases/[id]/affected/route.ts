// GET /api/v1/releases/{id}/affected — every datastore and node a release affects, with its preview summary
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listAffected } from "@/lib/server/campaigns/affected";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listReleaseAffected, ({ actor, params }) => listAffected({ actor, releaseId: params.id })),
);
