// GET /api/v1/admin/users — lists users (portal admins); POST creates a local account (generated password shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createUser } from "@/lib/server/access/create-user";
import { listUsers } from "@/lib/server/access/list-users";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listUsers, ({ actor, query }) => listUsers({ actor, query })),
  // A generated password is in this body once: no cache may keep it.
  defineRoute(API_OPERATIONS.createUser, ({ actor, body }) => createUser({ actor, body }), { headers: () => ({ "cache-control": "no-store" }) }),
);
