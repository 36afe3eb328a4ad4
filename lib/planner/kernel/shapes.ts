// Choosing shapes: which instance types a model may consider, trying each, and keeping the best per family.
import type { PricedInstance, RegionHardware } from "../../catalog";
import type { PlanRegionOptions, PointDesires, RegionCandidate, RegionPlan, ShapeResult, SizedCluster } from "../model";

/** Shapes the planner may use: stable or beta, within the team's instance-family restriction. */
export function eligibleShapes(hw: RegionHardware, desires: PointDesires, options: Pick<PlanRegionOptions, "instanceTypes">): PricedInstance[] {
  const types = options.instanceTypes ? new Set(options.instanceTypes) : undefined;
  const families = desires.instanceFamilies ? new Set(desires.instanceFamilies) : undefined;
  return hw.instances.filter(
    (s) => (s.lifecycle === "stable" || s.lifecycle === "beta") && (!types || types.has(s.name)) && (!families || families.has(s.family)),
  );
}

/** Multiplier of an instance size relative to xlarge (large 0.5, 2xlarge 2, metal-48xl 48…). */
export function sizeMultiplier(size: string): number {
  if (size === "medium") return 0.25;
  if (size === "large") return 0.5;
  if (size === "xlarge") return 1;
  const m = /^(\d+)xlarge$/.exec(size) ?? /^metal-(\d+)xl$/.exec(size);
  if (m?.[1]) return Number(m[1]);
  return 32; // plain "metal": the largest size of its family
}

/** What a model's search needs: where and for what it plans, and how it sizes and ranks one shape. */
export interface ShapeSearch {
  /** Where and for what: the eligible shapes, how many candidates to keep and whether to explain them (`quiet`). */
  hardware: RegionHardware;
  desires: PointDesires;
  options: PlanRegionOptions;
  /** Sizes the primary role on one shape; `explain` false: node counts and costs only, no sentences. */
  size: (shape: PricedInstance, explain: boolean) => ShapeResult;
  /** The candidate a sized primary role makes (its companions, transfer and backup costs, explanation). */
  toCandidate: (primary: SizedCluster) => Omit<RegionCandidate, "rank">;
  /** What candidates are ranked by, lowest first. */
  rankOf: (primary: SizedCluster) => number;
  /**
   * A rank no cluster on this shape can beat (e.g. its price × zones × the node floor, plus fixed costs). Shapes come
   * cheapest first, so once the bound passes the worst rank still kept, no later shape can enter and the search stops.
   */
  lowerBoundOf?: (shape: PricedInstance) => number;
  /**
   * A rank this one shape cannot beat (not ordered like the shapes, e.g. from its CPU alone): once the candidates
   * are full, a shape whose bound passes the worst rank kept is skipped without sizing it.
   */
  shapeBoundOf?: (shape: PricedInstance) => number;
}

/**
 * Tries `size` on every eligible shape and keeps the best fit per instance family (so alternatives are real
 * alternatives, not the same family one size up), ranked by `rankOf`. Shapes are sized silently (`explain` false);
 * only the winners are sized again with their explanation and turned into candidates, which carry the rank they
 * won by — the planner replans on every keystroke, so per-shape work stays arithmetic.
 */
export function searchShapes(search: ShapeSearch): Pick<RegionPlan, "candidates" | "rejected"> {
  const { size, toCandidate, rankOf, lowerBoundOf, shapeBoundOf, options } = search;
  const maxCandidates = options.maxCandidates;
  const explain = !options.quiet;
  const bestByFamily = new Map<string, { cluster: SizedCluster; rank: number }>();
  const rejected: RegionPlan["rejected"] = [];
  let cutoff = Infinity;
  const updateCutoff = (rank: number) => {
    // One candidate wanted: the cutoff is simply the best rank found so far.
    if (maxCandidates === 1) {
      cutoff = Math.min(cutoff, rank);
      return;
    }
    if (bestByFamily.size < maxCandidates) return;
    const ranks = [...bestByFamily.values()].map((b) => b.rank).sort((a, b) => a - b);
    cutoff = ranks[maxCandidates - 1] ?? Infinity;
  };
  for (const shape of eligibleShapes(search.hardware, search.desires, options)) {
    if (lowerBoundOf && lowerBoundOf(shape) > cutoff) break;
    if (shapeBoundOf && cutoff < Infinity && shapeBoundOf(shape) > cutoff) continue;
    const r = size(shape, false);
    if (!r.ok) {
      rejected.push({ instanceType: r.instanceType, code: r.code, reason: r.reason });
      continue;
    }
    const k = rankOf(r.cluster);
    const prev = bestByFamily.get(shape.family);
    if (!prev || k < prev.rank || (k === prev.rank && shape.name < prev.cluster.instance.name)) {
      bestByFamily.set(shape.family, { cluster: r.cluster, rank: k });
      if (lowerBoundOf) updateCutoff(k);
    }
  }
  const candidates = [...bestByFamily.values()]
    .sort((a, b) => a.rank - b.rank || a.cluster.instance.name.localeCompare(b.cluster.instance.name))
    .slice(0, maxCandidates)
    .map((w) => {
      const explained = explain ? size(w.cluster.instance, true) : undefined;
      return { ...toCandidate(explained?.ok ? explained.cluster : w.cluster), rank: w.rank };
    });
  return { candidates, rejected };
}

/** The cheapest shape that passes `accept`, for fixed-size auxiliary roles (masters, coordinators). */
export function cheapestShape(shapes: readonly PricedInstance[], accept: (s: PricedInstance) => boolean): PricedInstance | undefined {
  let best: PricedInstance | undefined;
  for (const s of shapes) if (accept(s) && (!best || s.annualCost < best.annualCost)) best = s;
  return best;
}
