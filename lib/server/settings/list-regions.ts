// Which regions a datastore can be provisioned in, for every signed-in person: the organisation settings decide it,
// but only administrators may read those, so this says no more than "set up, for these families" per region — and
// whose prices the planner uses there.
import "server-only";
import { AWS_REGIONS, regionHardware } from "@/lib/catalog";
import { FAMILIES } from "@/lib/schemas/plan";
import type { RegionList } from "@/lib/schemas/org-settings";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { loadOrgSettings } from "./provisioning-settings";

export async function listRegions(_opts: { actor: Actor }): Promise<RegionList> {
  const org = await loadOrgSettings(db());
  return {
    items: AWS_REGIONS.map((code) => {
      const settings = org.regions[code];
      return {
        code,
        provisionable: settings !== undefined,
        families: settings ? FAMILIES.filter((f) => settings.imageIds[f] !== undefined) : [],
        pricedAs: regionHardware(code).priceRegion,
      };
    }),
  };
}
