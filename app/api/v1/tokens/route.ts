// GET /api/v1/tokens — lists your API tokens (?all=true: everyone's, for admins); POST creates one (secret shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listTokens, ({ actor, query }) => listTokens({ actor, query })),
  // The secret is in this body once: no cache may keep it.
  defineRoute(API_OPERATIONS.createToken, ({ actor, body }) => createToken({ actor, body }), {
    headers: (token) => ({ "cache-control": "no-store", location: `/api/v1/tokens/${token.id}` }),
  }),
);
