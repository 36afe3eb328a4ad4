// DELETE /api/v1/tokens/{id} — revokes an API token (its creator or a portal admin)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { revokeToken } from "@/lib/server/tokens/revoke-token";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.revokeToken, ({ actor, params }) => revokeToken({ actor, tokenId: params.id })),
);
