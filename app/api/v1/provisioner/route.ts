// GET /api/v1/provisioner — which engine runs operations, whether it can, and what to install when it cannot
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { provisionerStatus } from "@/lib/server/provisioning/provisioner-status";

const op = API_OPERATIONS.getProvisionerStatus;

export const GET = authedRoute(async () => {
  return respond(op.response.schema, await provisionerStatus(), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
