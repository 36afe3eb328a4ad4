// The instance shapes the planner may use in a region, with their prices, cheapest first.
import "server-only";
import { instanceFamily, regionHardware, shapes, type PricedInstance } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import type { CatalogInstance, InstanceList, InstanceListQuery } from "@/lib/schemas";

const round2 = (n: number) => Math.round(n * 100) / 100;

const knownFamilies: ReadonlySet<string> = new Set(Object.keys(shapes.instances).map(instanceFamily));

function toCatalogInstanceDto(i: PricedInstance): CatalogInstance {
  return {
    name: i.name,
    family: i.family,
    size: i.size,
    vcpu: i.vcpu,
    cores: i.cores,
    ghz: i.ghz,
    ramGib: i.ramGib,
    netMbps: i.netMbps,
    lifecycle: i.lifecycle,
    ...(i.localDrive ? { localDrive: { sizeGib: i.localDrive.sizeGib, readIops: i.localDrive.readIops, writeIops: i.localDrive.writeIops } } : {}),
    annualCost: i.annualCost,
    monthlyCost: round2(i.annualCost / 12),
  };
}

/** A family the catalogue has never heard of is a typo worth naming; a known family unpriced here is an empty list. */
export function listInstances(opts: InstanceListQuery): InstanceList {
  const { region, family } = opts;
  if (family !== undefined && !knownFamilies.has(family)) {
    throw new AppError("invalid_input", `The query string has 1 invalid field: family.`, {
      fieldErrors: [{ field: "family", message: `is not an instance family in the catalogue (e.g. ${[...knownFamilies].slice(0, 3).join(", ")})` }],
    });
  }
  const hw = regionHardware(region);
  const instances = hw.instances.filter((i) => family === undefined || i.family === family).map(toCatalogInstanceDto);
  return {
    region: hw.region,
    pricedAs: hw.priceRegion,
    priceTable: hw.priceTableId,
    ...(hw.priceNote ? { note: hw.priceNote } : {}),
    zones: hw.zones,
    instances,
  };
}
