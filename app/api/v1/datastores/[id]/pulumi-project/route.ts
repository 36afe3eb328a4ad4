// GET /api/v1/datastores/{id}/pulumi-project — downloads the datastore as a standalone Pulumi project (.tar.gz)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { exportPulumiProject } from "@/lib/server/datastores/export-pulumi-project";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.exportDatastorePulumiProject;

export const GET = authedRoute<{ id: string }>(async (_request, actor, { id }) => {
  const { filename, archive } = await exportPulumiProject({ actor, id });
  return new Response(new Uint8Array(archive), {
    status: op.response.status,
    headers: {
      "content-type": op.response.contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(archive.length),
      "cache-control": "no-store",
    },
  });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
