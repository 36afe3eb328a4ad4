// GET /api/v1/me — the caller: person, admin flag, teams and roles, and whether a session or a token is asking
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getMe } from "@/lib/server/access/get-me";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.getMe, ({ actor }) => getMe({ actor })));
