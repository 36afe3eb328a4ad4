// GET /api/v1/datastores/{id}/catalog-info.yaml — downloads the datastore as a Backstage catalog-info.yaml
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { exportBackstage } from "@/lib/server/datastores/export-backstage";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.exportDatastoreBackstage;

export const GET = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const { filename, yaml } = await exportBackstage({ actor, id, baseUrl: new URL(request.url).origin });
  return new Response(op.response.schema.parse(yaml), {
    status: op.response.status,
    headers: {
      "content-type": `${op.response.contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
