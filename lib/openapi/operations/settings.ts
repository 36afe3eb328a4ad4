// The organisation's provisioning settings (`/api/v1/admin/settings`).
import { OrgSettingsDtoSchema, OrgSettingsUpdateSchema } from "../../schemas/org-settings";
import { BODY_ERRORS, IF_MATCH, type ApiOperation } from "./shared";

export const SETTINGS = {
  getOrgSettings: {
    method: "GET",
    path: "/api/v1/admin/settings",
    summary: "Organisation provisioning settings",
    description:
      "Portal administrators only. Per region: VPC, subnet per zone, image per family, instance profile, allowed client networks, alarm topic; the Pulumi backend and the passphrase's source. A stored passphrase is never returned, only whether one is set.",
    tag: "admin",
    response: { status: 200, description: "The settings (ETag: their version).", schema: OrgSettingsDtoSchema },
    errors: ["forbidden", "internal"],
  },
  updateOrgSettings: {
    method: "PUT",
    path: "/api/v1/admin/settings",
    summary: "Replace the organisation provisioning settings",
    description: "Portal administrators only; If-Match required. Leave `pulumi.passphrase.value` out to keep the stored passphrase.",
    tag: "admin",
    body: OrgSettingsUpdateSchema,
    bodyName: "settings",
    headers: [IF_MATCH(true)],
    response: { status: 200, description: "The settings (new ETag).", schema: OrgSettingsDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "precondition_failed", "precondition_required", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
