// Cluster metadata as tags: the one helper every resource's tags come from, so no resource is left untagged and
// cost reports, on-call tooling and the drift check can find a datastore's resources by its id.
import type { DatastoreSpec } from "../lib/schemas/datastore-spec";

export type Tags = Readonly<Record<string, string>>;

export const MANAGED_BY = "datastore-portal";

/** EC2, Auto Scaling and CloudWatch all accept these characters in tag values; anything else becomes "_". */
function tagValue(value: string): string {
  const clean = value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_").trim();
  return (clean || "none").slice(0, 256);
}

/** The datastore's metadata, the same on every resource it owns. */
export function datastoreTags(spec: DatastoreSpec): Tags {
  return {
    "managed-by": MANAGED_BY,
    "datastore-id": tagValue(spec.id),
    "datastore-name": tagValue(spec.name),
    "owner-team": tagValue(spec.team.slug),
    contacts: tagValue(spec.contacts.join(" ")),
    pager: tagValue(spec.pagerTarget ?? "none"),
    tier: String(spec.tier),
    family: spec.family,
    "request-id": tagValue(spec.requestId),
    "plan-annual-cost-usd": spec.annualCost.toFixed(2),
  };
}

/** Metadata plus what one resource is: its region, role, the family of the cluster it serves and a Name. */
export function resourceTags(base: Tags, extra: Readonly<Record<string, string | undefined>>): Tags {
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = tagValue(v);
  return out;
}

/** Auto Scaling group tags: the same metadata, propagated to every instance the group launches. */
export function asgTags(tags: Tags): { key: string; value: string; propagateAtLaunch: boolean }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}
