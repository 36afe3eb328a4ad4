// POST /api/v1/plans — plans capacity for a workload: the recommended (or named) family, ranked by annual cost
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { planCapacity } from "@/lib/server/planning/plan-capacity";

const op = API_OPERATIONS.planCapacity;

export const POST = authedRoute(async (request) => {
  const planRequest = await readJsonBody(request, op.body, "plan request");
  return respond(op.response.schema, planCapacity({ request: planRequest }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
