// The hardware catalogue: instance shapes and prices as validated data.
// Source: Netflix-Skunkworks/service-capacity-modeling (Apache-2.0) hardware profiles, snapshot 2026-08-21,
// imported by scripts/import-hardware.ts from ../shared/reference/aws-hardware/.
import shapesJson from "./data/shapes.json";
import pricesJson from "./data/prices-aws-3yr-reserved.json";
import { PriceTableSchema, ShapesFileSchema, type AttachedDrive, type DrivePrice, type InstanceShape, type PriceTable, type ShapesFile } from "./schema";

export * from "./schema";
export { AWS_REGIONS, isKnownRegion } from "./regions";

export const shapes: ShapesFile = ShapesFileSchema.parse(shapesJson);
export const defaultPriceTable: PriceTable = PriceTableSchema.parse(pricesJson);

export interface PricedInstance extends InstanceShape {
  /** Instance family: the name before the last dot (m8id.2xlarge → m8id). */
  family: string;
  /** Size part of the name (2xlarge). */
  size: string;
  annualCost: number;
}

export interface PricedDrive extends AttachedDrive {
  price: DrivePrice;
}

/** Everything a model needs to know about one region's hardware and prices. */
export interface RegionHardware {
  region: string;
  /** The region whose prices were used (differs from `region` when that region has no price table). */
  priceRegion: string;
  priceTableId: string;
  /** Where the price table's figures come from, in words. */
  priceSource: string;
  zones: number;
  instances: readonly PricedInstance[];
  drives: Readonly<Record<string, PricedDrive>>;
  services: Readonly<Record<string, { perGibYear: number }>>;
  /** Set when prices were borrowed from another region: says which, in words. */
  priceNote?: string;
}

const FALLBACK_PRICE_REGION = "us-east-1";
const cache = new Map<string, RegionHardware>();

export function instanceFamily(name: string): string {
  return name.slice(0, name.lastIndexOf("."));
}

/**
 * Resolves the usable hardware of a region under a price table. Only shapes that have both a shape and a
 * price are usable. A region without prices of its own borrows the fallback region's, and says so.
 */
export function regionHardware(region: string, table: PriceTable = defaultPriceTable): RegionHardware {
  const key = `${table.id}/${region}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const own = table.regions[region];
  const priceRegion = own ? region : table.regions[FALLBACK_PRICE_REGION] ? FALLBACK_PRICE_REGION : Object.keys(table.regions)[0];
  const prices = priceRegion ? table.regions[priceRegion] : undefined;
  if (!priceRegion || !prices) throw new Error(`price table ${table.id} has no regions`);
  const instances: PricedInstance[] = [];
  for (const [name, annualCost] of Object.entries(prices.instances)) {
    const shape = shapes.instances[name];
    if (!shape) continue;
    instances.push({ ...shape, family: instanceFamily(name), size: name.slice(name.lastIndexOf(".") + 1), annualCost });
  }
  instances.sort((a, b) => a.annualCost - b.annualCost || a.name.localeCompare(b.name));
  const drives: Record<string, PricedDrive> = {};
  for (const [name, drive] of Object.entries(shapes.drives)) {
    const price = prices.drives[name];
    if (price) drives[name] = { ...drive, price };
  }
  const result: RegionHardware = {
    region,
    priceRegion,
    priceTableId: table.id,
    priceSource: table.source,
    zones: prices.zones,
    instances,
    drives,
    services: prices.services,
    ...(own ? {} : { priceNote: `No ${table.id} prices for ${region}; ${priceRegion} prices were used.` }),
  };
  cache.set(key, result);
  return result;
}

/** Annual price of a tiered per-IOPS charge, e.g. gp3's 3000 free IOPS then $0.06 per IOPS-year. */
export function tieredCost(units: number, tiers: readonly (readonly [number, number])[]): number {
  let cost = 0;
  let from = 0;
  for (const [upTo, price] of tiers) {
    const top = upTo < 0 ? units : Math.min(units, upTo);
    if (top > from) cost += (top - from) * price;
    from = Math.max(from, upTo < 0 ? units : upTo);
    if (from >= units) break;
  }
  return cost;
}

/** Annual cost of one attached volume of `sizeGib` with `iops` provisioned. */
export function attachedDriveAnnualCost(drive: PricedDrive, sizeGib: number, readIops: number, writeIops: number): number {
  return sizeGib * drive.price.perGibYear + tieredCost(readIops + writeIops, drive.price.readIopsTiers);
}
