// Where a resource sits: its region, topology role and availability zone, for the structured diff the UI groups
// by region and zone. The program tags every AWS resource with them (infra/tags.ts: `region` and `role` on node
// groups and alarms, `zone` on each zone's Auto Scaling group), so tags are the source; the logical name is the
// fallback for resources seen without inputs (a delete whose old inputs were not reported).
import type { ResourceChange } from "../../lib/schemas/operation";

export type ResourceLocation = Pick<ResourceChange, "region" | "role" | "zone">;

const REGION = /[a-z]{2}(?:-gov)?-[a-z]+-\d/;
const ZONE_AT_END = new RegExp(`(?:^|-)(${REGION.source})([a-z])$`);
const REGION_IN_NAME = new RegExp(`(?:^|-)(${REGION.source})(?:-|$)`);

/** Tags as a record, whether the resource carries a map (most AWS resources) or an Auto Scaling group's list. */
export function tagsFromInputs(inputs: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const tags = inputs?.tags;
  if (Array.isArray(tags)) {
    const out: Record<string, string> = {};
    for (const t of tags) {
      if (t && typeof t === "object" && typeof (t as { key?: unknown }).key === "string" && typeof (t as { value?: unknown }).value === "string") {
        out[(t as { key: string }).key] = (t as { value: string }).value;
      }
    }
    return out;
  }
  if (tags && typeof tags === "object") {
    return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === "string"));
  }
  return {};
}

/**
 * Region, role and zone of a resource from its tags, else from its name (`…-us-east-1a` is a zone's group, a region
 * code inside the name its region). An explicit provider has its region as an input. Components have none.
 */
export function resourceLocation(type: string, name: string, inputs?: Readonly<Record<string, unknown>>): ResourceLocation {
  if (type.startsWith("pulumi:pulumi:") || type.startsWith("portal:")) return {};
  const tags = tagsFromInputs(inputs);
  const location: ResourceLocation = {};
  const providerRegion = type.startsWith("pulumi:providers:") && typeof inputs?.region === "string" ? inputs.region : undefined;
  const zoneMatch = ZONE_AT_END.exec(name);
  const region = tags.region ?? providerRegion ?? zoneMatch?.[1] ?? REGION_IN_NAME.exec(name)?.[1];
  if (region) location.region = region;
  if (tags.role) location.role = tags.role;
  const zone = tags.zone ?? (zoneMatch && type === "aws:autoscaling/group:Group" ? `${zoneMatch[1]}${zoneMatch[2]}` : undefined);
  if (zone) location.zone = zone;
  return location;
}
