// POST /api/v1/releases/{id}/previews — queue a preview with the release's version on every affected datastore
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { queueBatchPreviews } from "@/lib/server/campaigns/affected";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.previewRelease, ({ actor, params }) => queueBatchPreviews({ actor, releaseId: params.id })),
);
