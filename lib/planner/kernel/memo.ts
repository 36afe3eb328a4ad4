// Per-desires memoisation. A plan sizes many shapes (and the uncertainty layer many worlds) against the same
// desires object; work that depends only on the desires and the region is done once per pair.
import type { RegionHardware } from "../../catalog";
import type { PointDesires } from "../model";

/**
 * Keyed by object identity on both sides: `regionHardware` hands out one cached object per price table and
 * region, and a caller that derives another (fewer zones, say) gets its own entry instead of a stale one.
 */
export function memoByDesires<T>(fn: (d: PointDesires, hw: RegionHardware) => T): (d: PointDesires, hw: RegionHardware) => T {
  const cache = new WeakMap<PointDesires, WeakMap<RegionHardware, T>>();
  return (d, hw) => {
    let perRegion = cache.get(d);
    if (perRegion?.has(hw)) return perRegion.get(hw) as T;
    const value = fn(d, hw);
    if (!perRegion) cache.set(d, (perRegion = new WeakMap()));
    perRegion.set(hw, value);
    return value;
  };
}
