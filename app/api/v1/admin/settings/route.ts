// GET /api/v1/admin/settings — the organisation's provisioning settings; PUT replaces them (portal admins; If-Match)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { getOrgSettings } from "@/lib/server/settings/get-org-settings";
import { updateOrgSettings } from "@/lib/server/settings/update-org-settings";

const get = API_OPERATIONS.getOrgSettings;
const update = API_OPERATIONS.updateOrgSettings;

export const GET = authedRoute(async (_request, actor) => {
  const settings = await getOrgSettings({ actor });
  return respond(get.response.schema, settings, { status: get.response.status, headers: { etag: etagOf(settings.version), "cache-control": "no-store" } });
});

export const PUT = authedRoute(async (request, actor) => {
  const body = await readJsonBody(request, update.body, "settings");
  const settings = await updateOrgSettings({ actor, ifMatch: readIfMatch(request), body });
  return respond(update.response.schema, settings, { status: update.response.status, headers: { etag: etagOf(settings.version), "cache-control": "no-store" } });
});

const notAllowed = methodNotAllowed([get.method, update.method]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
