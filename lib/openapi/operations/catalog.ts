// The hardware catalogue and the regions (`/api/v1/catalog/instances`, `/api/v1/regions`).
import { InstanceListQuerySchema, InstanceListSchema } from "../../schemas";
import { RegionListSchema } from "../../schemas/org-settings";
import type { ApiOperation } from "./shared";

export const CATALOG = {
  listInstances: {
    method: "GET",
    path: "/api/v1/catalog/instances",
    summary: "List instance shapes with prices",
    description:
      "The instance shapes the planner may use in a region, cheapest first. A region without prices of its own borrows another region's and says so in `pricedAs` and `note`.",
    tag: "catalog",
    query: InstanceListQuerySchema,
    response: { status: 200, description: "Priced instance shapes.", schema: InstanceListSchema },
    errors: ["invalid_input", "internal"],
  },
  listRegions: {
    method: "GET",
    path: "/api/v1/regions",
    summary: "Regions: provisionable, and whose prices",
    description:
      "Every AWS region the portal knows: whether a datastore there can be provisioned (the organisation settings have the region), for which store families (a machine image is set), and which region's prices plans use (`pricedAs`: the region itself, or us-east-1 when it has no price table). Any signed-in caller; the settings themselves stay with administrators.",
    tag: "catalog",
    response: { status: 200, description: "The regions, in the portal's order.", schema: RegionListSchema },
    errors: ["internal"],
  },
} as const satisfies Record<string, ApiOperation>;
