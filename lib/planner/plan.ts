// Capacity plans: the chosen family's model sized in every region, companions added, costs summed, ranked.
import { regionHardware, type RegionHardware } from "../catalog";
import type { Cluster, Companion, Family, Plan, RejectedShape, Threshold } from "../schemas/plan";
import type { Workload } from "../schemas/workload";
import { askedFloor, round2 } from "./kernel/zonal";
import type { PointDesires, RegionCandidate, RegionPlan, SizedCluster, StoreModel } from "./model";
import { CACHE_HIT_RATE } from "./recommend";
import { MODELS } from "./registry";

/** Share of the data set an EVCache tier in front of Cassandra holds (the hot keys serving the hits). */
export const CACHE_HOT_FRACTION = 0.2;
/** Searches per read that reach an Elasticsearch index beside a primary store. */
export const INDEX_SEARCH_SHARE = 0.1;

export interface FamilyPlanOptions {
  alternatives: number;
  instanceTypes?: readonly string[];
  minNodesPerZone?: number;
  /** Why the minimum was asked for, in words (e.g. the least-regret size): names the floor when it sets the size. */
  minNodesReason?: string;
}

export interface FamilyPlans {
  plans: Plan[];
  rejected: RejectedShape[];
  warnings: string[];
}

/** What the primary store serves once companions take their share. */
export function primaryDesires(d: PointDesires, companions: readonly Companion[]): PointDesires {
  const cached = companions.some((c) => c.role === "cache");
  return cached ? { ...d, readsPerSecond: d.readsPerSecond * (1 - CACHE_HIT_RATE) } : d;
}

/** What a companion serves: a cache sees every read and holds the hot keys; an index sees searches and every write. */
function companionDesires(d: PointDesires, c: Companion): PointDesires {
  if (c.role === "cache") {
    return { ...d, consistency: "best-effort", durability: "rebuildable", datasetGiB: d.datasetGiB * CACHE_HOT_FRACTION, storage: "any" };
  }
  return {
    ...d,
    accessPattern: "search",
    consistency: "eventual",
    durability: "rebuildable",
    readsPerSecond: d.readsPerSecond * INDEX_SEARCH_SHARE,
    storage: "local",
  };
}

function toCluster(region: string, c: SizedCluster, role = c.role): Cluster {
  return {
    region,
    role,
    family: c.family,
    instanceType: c.instance.name,
    nodesPerZone: c.nodesPerZone,
    zones: c.zones,
    nodes: c.nodesPerZone * c.zones,
    ...(c.drive ? { drive: c.drive } : {}),
    annualCost: round2(c.computeCost + c.driveCost),
    requirements: c.requirements,
    utilisation: c.utilisation,
    bottleneck: c.bottleneck,
    driver: c.driver,
    params: c.params,
  };
}

function companionRole(model: StoreModel, companion: Companion, cluster: SizedCluster): string {
  return cluster.role === model.primaryRole ? companion.role : `${companion.role}-${cluster.role}`;
}

/** Groups per-shape rejections by reason and instance family so a user reads dozens of lines, not hundreds. */
export function summariseRejections(rejected: RegionPlan["rejected"]): RejectedShape[] {
  const groups = new Map<string, { reason: string; types: string[] }>();
  for (const r of rejected) {
    const key = `${r.code}|${r.instanceType.slice(0, r.instanceType.lastIndexOf("."))}`;
    const g = groups.get(key);
    if (g) g.types.push(r.instanceType);
    else groups.set(key, { reason: r.reason, types: [r.instanceType] });
  }
  return [...groups.values()].map((g) => ({ instanceType: g.types[0]!, reason: g.reason, similar: g.types.slice(1) }));
}

interface RegionRun {
  hw: RegionHardware;
  companions: { companion: Companion; model: StoreModel; candidate: RegionCandidate }[];
}

/** The primary cluster with the floor asked for named by its reason, when that floor set the size. */
function withFloorReason(c: SizedCluster, opts: FamilyPlanOptions): SizedCluster {
  if (!opts.minNodesReason || c.driver.resource !== "minimum" || c.nodesPerZone !== opts.minNodesPerZone) return c;
  return { ...c, driver: { resource: "minimum", text: opts.minNodesReason } };
}

/** Plans one family with point desires: every region, companions, ranked alternatives. */
export function planFamily(w: Workload, family: Family, d: PointDesires, companions: readonly Companion[], opts: FamilyPlanOptions): FamilyPlans {
  const model = MODELS[family];
  const pd = primaryDesires(d, companions);
  const warnings: string[] = [];
  const [home, ...others] = w.regions;
  if (!home) throw new Error("workload without regions passed validation");

  const runs = new Map<string, RegionRun>();
  for (const region of w.regions) {
    const hw = regionHardware(region);
    const cs: RegionRun["companions"] = [];
    for (const companion of companions) {
      const cm = MODELS[companion.family];
      const candidate = cm.planRegion(companionDesires(d, companion), hw, { maxCandidates: 1 }).candidates[0];
      if (candidate) cs.push({ companion, model: cm, candidate });
      else if (companion.role === "cache") {
        // The primary is sized for the cache's misses only: without the cache this design does not exist.
        return {
          plans: [],
          rejected: [],
          warnings: [`No instance shape can serve the ${companion.role} (${companion.family}) in ${region}, so the design with it cannot be planned.`],
        };
      } else warnings.push(`No instance shape can serve the ${companion.role} (${companion.family}) in ${region}; it is left out of the plan.`);
    }
    runs.set(region, { hw, companions: cs });
  }

  const homeRun = runs.get(home)!;
  const homePlan = model.planRegion(pd, homeRun.hw, {
    maxCandidates: opts.alternatives,
    ...(opts.instanceTypes ? { instanceTypes: opts.instanceTypes } : {}),
    ...(opts.minNodesPerZone ? { minNodesPerZone: opts.minNodesPerZone } : {}),
  });
  warnings.push(...homePlan.warnings);
  if (homePlan.candidates.length === 0) {
    warnings.push(`No instance shape can serve this workload as ${family}; see the rejected shapes for why.`);
  }

  const plans = homePlan.candidates.map((candidate, i): Plan => {
    const primary = withFloorReason(candidate.clusters[0]!, opts);
    const perRegion: { region: string; candidate: RegionCandidate }[] = [{ region: home, candidate }];
    for (const region of others) {
      const hw = runs.get(region)!.hw;
      const same = { maxCandidates: 1, instanceTypes: [primary.instance.name], ...(opts.minNodesPerZone ? { minNodesPerZone: opts.minNodesPerZone } : {}) };
      const c = model.planRegion(pd, hw, same).candidates[0] ?? model.planRegion(pd, hw, { maxCandidates: 1 }).candidates[0];
      if (c) perRegion.push({ region, candidate: c });
      else warnings.push(`No instance shape can serve ${family} in ${region}.`);
    }

    const clusters: Cluster[] = [];
    const thresholds: Threshold[] = [...model.thresholds(pd, candidate.clusters)];
    let compute = 0,
      drives = 0,
      networkTransfer = 0,
      backup = 0;
    // The models name a floor asked for from outside plainly; say why it was asked for (e.g. least regret).
    const asked = opts.minNodesPerZone && opts.minNodesReason ? askedFloor(opts.minNodesPerZone).text : undefined;
    const explanation = candidate.explanation.map((line) => (asked && opts.minNodesReason ? line.replace(asked, opts.minNodesReason) : line));
    for (const { region, candidate: rc } of perRegion) {
      for (const c of rc.clusters) {
        clusters.push(toCluster(region, c === rc.clusters[0] ? withFloorReason(c, opts) : c));
        compute += c.computeCost;
        drives += c.driveCost;
      }
      networkTransfer += rc.networkTransferCost;
      backup += rc.backupCost;
      for (const { companion, model: cm, candidate: cc } of runs.get(region)!.companions) {
        for (const c of cc.clusters) {
          clusters.push(toCluster(region, c, companionRole(cm, companion, c)));
          compute += c.computeCost;
          drives += c.driveCost;
        }
        networkTransfer += cc.networkTransferCost;
        backup += cc.backupCost;
      }
    }
    for (const { companion, model: cm, candidate: cc } of homeRun.companions) {
      const lead = cc.clusters[0];
      if (lead)
        explanation.push(
          `${companion.role === "cache" ? "Cache" : "Index"}: ${lead.nodesPerZone} × ${lead.instance.name} per zone (${companion.family}) — ${companion.reasons[0] ?? ""}`,
        );
      const renamed = cm
        .thresholds(companionDesires(d, companion), cc.clusters)
        .map((t) => ({ ...t, role: t.role === cm.primaryRole ? companion.role : `${companion.role}-${t.role}` }));
      thresholds.push(...renamed);
    }
    if (w.regions.length > 1) {
      explanation.push(
        d.crossRegionReplication
          ? `${w.regions.length} regions, each with a full cluster; writes replicate across regions (transfer priced per GiB).`
          : `${w.regions.length} regions, each with its own independent cluster (no cross-region replication).`,
      );
    }
    for (const region of w.regions) {
      const note = runs.get(region)!.hw.priceNote;
      if (note) explanation.push(`Prices: ${note}`);
    }
    const annual = round2(compute + drives + networkTransfer + backup);
    return {
      rank: i + 1,
      family,
      annualCost: annual,
      monthlyCost: round2(annual / 12),
      costBreakdown: { compute: round2(compute), drives: round2(drives), networkTransfer: round2(networkTransfer), backup: round2(backup) },
      clusters,
      requirements: primary.requirements,
      bottleneck: primary.bottleneck,
      driver: primary.driver,
      utilisation: primary.utilisation,
      explanation,
      thresholds,
      pricing: w.regions
        .map((region) => runs.get(region)!.hw)
        .filter((hw) => hw.priceRegion !== hw.region)
        .map((hw) => ({ region: hw.region, pricedAs: hw.priceRegion, priceTable: hw.priceTableId })),
    };
  });

  return { plans, rejected: summariseRejections(homePlan.rejected), warnings: [...new Set(warnings)] };
}
