// The settings as the admin API returns them: an allow-list with no secret in it. A stored passphrase is only
// "set" or not; credentials inside a backend URL (postgres://user:password@…, ?access_key=…) are masked.
import "server-only";
import { AWS_REGIONS } from "@/lib/catalog/regions";
import type { OrgSettingsDto } from "@/lib/schemas/org-settings";
import { effectiveBackend, passphraseSourceOf, readPassphrase, regionsOf, type OrgSettingsRow } from "./org-settings-row";

const MASK = "***";
/** Query parameters that carry credentials in the backends' URL forms (azblob SAS tokens, s3 keys, passwords). */
const SECRET_PARAM = /pass|pwd|secret|token|key|sig|credential|auth/i;

/**
 * A query parameter that carries a credential, judged by its name as the server reads it (%74oken is token); a name
 * that does not decode counts as one.
 */
export function isCredentialParam(rawName: string): boolean {
  try {
    return SECRET_PARAM.test(decodeURIComponent(rawName.replace(/\+/g, " ")));
  } catch {
    return true;
  }
}

/**
 * A backend URL safe to show: the password of its userinfo and the values of credential-like query parameters
 * become ***. Errs on the side of masking: the userinfo ends at the last "@" before the query, so a password
 * holding an unescaped "/" or "@" is masked whole.
 */
export function maskBackendUrl(url: string): string {
  const schemeEnd = url.indexOf("://");
  if (schemeEnd < 0) return url;
  const start = schemeEnd + 3;
  const queryAt = url.search(/[?#]/);
  const end = queryAt < 0 ? url.length : queryAt;
  let head = url.slice(0, end);
  const at = head.lastIndexOf("@");
  const colon = head.indexOf(":", start);
  if (at > start && colon > 0 && colon < at) head = `${head.slice(0, colon + 1)}${MASK}${head.slice(at)}`;
  const tail = url
    .slice(end)
    .replace(/([?&;])([^=&#;]+)=([^&#;]*)/g, (all, sep: string, name: string) => (isCredentialParam(name) ? `${sep}${name}=${MASK}` : all));
  return head + tail;
}

/** Regions a datastore can be planned in (every known AWS region) that have no settings: provisioning there is blocked. */
function unconfiguredRegions(regions: Readonly<Record<string, unknown>>): string[] {
  return AWS_REGIONS.filter((r) => !regions[r]);
}

export async function toOrgSettingsDto(row: OrgSettingsRow | null): Promise<OrgSettingsDto> {
  const { regions } = regionsOf(row);
  const source = passphraseSourceOf(row);
  const set = (await readPassphrase(source, row?.passphraseCipher ?? null)) !== null;
  const backend = effectiveBackend(row);
  return {
    regions,
    pulumi: {
      backendUrl: row?.backendUrl ? maskBackendUrl(row.backendUrl) : null,
      passphrase: { ...source, set },
      effectiveBackendUrl: maskBackendUrl(backend.url),
      effectiveBackendFrom: backend.from,
    },
    unconfiguredRegions: unconfiguredRegions(regions),
    // No row yet reads as version 1 (ETag "v1"); the first save writes version 2.
    version: row?.version ?? 1,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
  };
}
