// POST /api/v1/recommendations — recommends a store family for a workload, with reasons and rejections
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { recommendStore } from "@/lib/server/planning/recommend-store";

const op = API_OPERATIONS.recommendStore;

export const POST = authedRoute(async (request) => {
  const workload = await readJsonBody(request, op.body, "workload");
  return respond(op.response.schema, recommendStore({ workload }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
