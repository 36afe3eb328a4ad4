// GET /api/v1/reviews — the review queue: submitted requests, changes and decommissions waiting for a reviewer, oldest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listReviewQueue } from "@/lib/server/reviews/list-review-queue";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.listReviews, ({ actor, query }) => listReviewQueue({ actor, query })));
