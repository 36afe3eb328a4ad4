// GET /api/v1/backstage/entities — the datastores the caller may see as Backstage entities, cursor-paginated, with an ETag (If-None-Match → 304)
import { env } from "@/lib/env";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listBackstageEntities } from "@/lib/server/datastores/list-backstage-entities";
import { contentEtag, ifNoneMatchHits } from "@/lib/server/http/content-etag";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

const op = API_OPERATIONS.listBackstageEntities;

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(op, async ({ request, actor, query }) => {
    const page = op.response.schema.parse(await listBackstageEntities({ actor, query, baseUrl: env.PUBLIC_URL ?? new URL(request.url).origin }));
    const body = JSON.stringify(page);
    const etag = contentEtag(body);
    // private: the page depends on who asks; no-cache: a cache may keep it, but must ask (If-None-Match) before reuse.
    const headers = { etag, "cache-control": "private, no-cache", vary: "authorization, cookie" };
    if (ifNoneMatchHits(request, etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: op.response.status, headers: { ...headers, "content-type": "application/json" } });
  }),
);
