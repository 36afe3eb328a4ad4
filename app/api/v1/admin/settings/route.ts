// GET /api/v1/admin/settings — the organisation's provisioning settings; PUT replaces them (portal admins; If-Match)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import type { OrgSettingsDto } from "@/lib/schemas/org-settings";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { getOrgSettings } from "@/lib/server/settings/get-org-settings";
import { updateOrgSettings } from "@/lib/server/settings/update-org-settings";

const headers = (settings: OrgSettingsDto) => ({ etag: etagOf(settings.version), "cache-control": "no-store" });

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getOrgSettings, ({ actor }) => getOrgSettings({ actor }), { headers }),
  defineRoute(API_OPERATIONS.updateOrgSettings, ({ request, actor, body }) => updateOrgSettings({ actor, ifMatch: readIfMatch(request), body }), { headers }),
);
