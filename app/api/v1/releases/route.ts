// GET, POST /api/v1/releases — the families' releases; an administrator releases a new version
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createRelease, listReleases } from "@/lib/server/campaigns/releases";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listReleases, ({ actor, query }) => listReleases({ actor, ...(query.family ? { family: query.family } : {}) })),
  defineRoute(API_OPERATIONS.createRelease, ({ actor, body }) => createRelease({ actor, input: body })),
);
