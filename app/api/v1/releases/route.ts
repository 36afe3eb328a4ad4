// GET, POST /api/v1/releases — families' releases, or set a new one (administrators)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { createRelease, listReleases } from "@/lib/server/campaigns/releases";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listReleases, ({ actor, query }) => listReleases({ actor, ...(query.family ? { family: query.family } : {}) })),
  defineRoute(API_OPERATIONS.createRelease, ({ actor, body }) => createRelease({ actor, input: body })),
);
