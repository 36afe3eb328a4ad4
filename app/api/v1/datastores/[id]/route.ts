// GET /api/v1/datastores/{id} — one datastore with its topology, cost and thresholds; the ETag carries its version
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getDatastore } from "@/lib/server/datastores/get-datastore";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf } from "@/lib/server/http/etag";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastore, ({ actor, params }) => getDatastore({ actor, id: params.id }), {
    headers: (datastore) => ({ etag: etagOf(datastore.version) }),
  }),
);
