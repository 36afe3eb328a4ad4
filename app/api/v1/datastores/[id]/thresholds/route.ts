// PUT /api/v1/datastores/{id}/thresholds — replaces the SLA thresholds (owners and reviewers; If-Match required)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { updateThresholds } from "@/lib/server/datastores/update-thresholds";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(
    API_OPERATIONS.updateDatastoreThresholds,
    ({ request, actor, params, body }) => updateThresholds({ actor, id: params.id, ifMatch: readIfMatch(request), thresholds: body.thresholds }),
    { headers: (datastore) => ({ etag: etagOf(datastore.version) }) },
  ),
);
