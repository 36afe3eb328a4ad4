// What the worker and the lifecycle use-cases need from the organisation settings: the regions for the program, the
// Pulumi backend and passphrase for the engine, and which settings a datastore still lacks.
import "server-only";
import type { FieldError } from "@/lib/errors";
import type { OrgSettings } from "@/lib/schemas/org-settings";
import type { PulumiBackend } from "../provisioning/engine-contract";
import { ProvisioningInputSchema, type DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { Tx } from "../db/client";
import { effectiveBackend, findOrgSettingsRow, passphraseSourceOf, readPassphrase, regionsOf, type OrgSettingsRow } from "./org-settings-row";

/** The organisation's settings; `{ regions: {} }` until an admin saves some. */
export async function loadOrgSettings(client: Tx): Promise<OrgSettings> {
  return regionsOf(await findOrgSettingsRow(client));
}

async function backendOf(row: OrgSettingsRow | null): Promise<PulumiBackend> {
  return { url: effectiveBackend(row).url, passphrase: await readPassphrase(passphraseSourceOf(row), row?.passphraseCipher ?? null) };
}

/** Where operations keep state and the passphrase for stack secrets (null when its source has none). A secret: never log it. */
export async function resolvePulumiBackend(client: Tx): Promise<PulumiBackend> {
  return backendOf(await findOrgSettingsRow(client));
}

/** What an operation runs with — the settings and the backend — from one read of the settings row. */
export async function loadRunSettings(client: Tx): Promise<{ org: OrgSettings; backend: PulumiBackend }> {
  const row = await findOrgSettingsRow(client);
  return { org: regionsOf(row), backend: await backendOf(row) };
}

/**
 * The organisation settings a datastore still lacks, as field errors on `org.…` paths (a region without settings,
 * a family without an image, too few zones), worded as the program's input schema words them; empty when it can be
 * provisioned. The spec and settings are already valid (typed), so only the cross-checks can fail here.
 */
export function missingSettings(spec: DatastoreSpec, org: OrgSettings): FieldError[] {
  const result = ProvisioningInputSchema.safeParse({ spec, org });
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path[0] === "org").map((i) => ({ field: i.path.map(String).join("."), message: i.message }));
}
