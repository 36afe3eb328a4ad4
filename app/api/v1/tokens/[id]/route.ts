// DELETE /api/v1/tokens/{id} — revokes an API token (its creator or a portal admin)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { revokeToken } from "@/lib/server/tokens/revoke-token";

const op = API_OPERATIONS.revokeToken;

export const DELETE = authedRoute<{ id: string }>(async (_request, actor, { id }) =>
  respond(op.response.schema, await revokeToken({ actor, tokenId: id }), { status: op.response.status }),
);

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
