// Reads the organisation settings: portal administrators only (tokens never administer).
import "server-only";
import { AppError } from "@/lib/errors";
import type { OrgSettingsDto } from "@/lib/schemas/org-settings";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { db } from "../db/client";
import { toOrgSettingsDto } from "./org-settings-dto";
import { findOrgSettingsRow } from "./org-settings-row";

export async function getOrgSettings({ actor }: { actor: Actor }): Promise<OrgSettingsDto> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators see the organisation settings (and never through an API token).");
  return toOrgSettingsDto(await findOrgSettingsRow(db()));
}
