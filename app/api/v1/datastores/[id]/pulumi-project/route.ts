// GET /api/v1/datastores/{id}/pulumi-project — downloads the datastore as a standalone Pulumi project (.tar.gz)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { exportPulumiProject } from "@/lib/server/datastores/export-pulumi-project";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

const op = API_OPERATIONS.exportDatastorePulumiProject;

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(op, async ({ actor, params }) => {
    const { filename, archive } = await exportPulumiProject({ actor, id: params.id });
    return new Response(new Uint8Array(archive), {
      status: op.response.status,
      headers: {
        "content-type": op.response.contentType,
        "content-disposition": `attachment; filename="${filename}"`,
        "content-length": String(archive.length),
        "cache-control": "no-store",
      },
    });
  }),
);
