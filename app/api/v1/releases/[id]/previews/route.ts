// POST /api/v1/releases/{id}/previews — a preview with the release's version on every datastore it affects
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { queueBatchPreviews } from "@/lib/server/campaigns/affected";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.queueReleasePreviews, ({ actor, params }) => queueBatchPreviews({ actor, releaseId: params.id })),
);
