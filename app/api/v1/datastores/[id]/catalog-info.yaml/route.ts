// GET /api/v1/datastores/{id}/catalog-info.yaml — downloads the datastore as a Backstage catalog-info.yaml
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { exportBackstage } from "@/lib/server/datastores/export-backstage";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

const op = API_OPERATIONS.exportDatastoreBackstage;

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(op, async ({ request, actor, params }) => {
    const { filename, yaml } = await exportBackstage({ actor, id: params.id, baseUrl: new URL(request.url).origin });
    return new Response(op.response.schema.parse(yaml), {
      status: op.response.status,
      headers: {
        "content-type": `${op.response.contentType}; charset=utf-8`,
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  }),
);
