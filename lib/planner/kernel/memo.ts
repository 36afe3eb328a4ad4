// Per-desires memoisation. A plan sizes many shapes (and the uncertainty layer many worlds) against the same
// desires object; work that depends only on the desires and the region is done once per pair.
import type { RegionHardware } from "../../catalog";
import type { PointDesires } from "../model";

export function memoByDesires<T>(fn: (d: PointDesires, hw: RegionHardware) => T): (d: PointDesires, hw: RegionHardware) => T {
  const cache = new WeakMap<PointDesires, Map<string, T>>();
  return (d, hw) => {
    const key = `${hw.priceTableId}/${hw.region}`;
    let perRegion = cache.get(d);
    if (perRegion?.has(key)) return perRegion.get(key) as T;
    const value = fn(d, hw);
    if (!perRegion) cache.set(d, (perRegion = new Map()));
    perRegion.set(key, value);
    return value;
  };
}
