// PATCH /api/v1/admin/users/{id} — grants or withdraws portal administration and platform review (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { updateUser } from "@/lib/server/access/update-user";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.updateUser, ({ actor, params, body }) => updateUser({ actor, userId: params.id, body })),
);
