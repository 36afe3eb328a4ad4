// GET /api/v1/reviews — the review queue: submitted requests, changes and decommissions waiting for a reviewer, oldest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { listReviewQueue } from "@/lib/server/reviews/list-review-queue";

const op = API_OPERATIONS.listReviews;

export const GET = authedRoute(async (request, actor) => {
  const query = readQuery(request, op.query);
  return respond(op.response.schema, await listReviewQueue({ actor, query }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
