// POST /api/v1/recommendations — recommends a store family for a workload, with reasons and rejections
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { recommendStore } from "@/lib/server/planning/recommend-store";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.recommendStore, ({ body }) => recommendStore({ workload: body })));
