// The node-count kernel for zonal stateful clusters: given what one zone needs and one instance shape, how many
// nodes per zone, which resource decides it, and how full each resource runs. Follows compute_stateful_zone
// (../shared/reference/capacity-models.md §6) with utilisation and a drive plan added for the portal.
import { attachedDriveAnnualCost, type PricedDrive, type PricedInstance } from "../../catalog";
import type { DrivePlan, Requirements, Resource, SizingDriver, Utilisation } from "../../schemas/plan";
import { normalizeCores } from "./staffing";
import type { SizedCluster } from "../model";

export interface ZoneNeeds {
  /** CPU per zone in reference cores (2.3 GHz, IPC 1.0). */
  referenceCores: number;
  /** RAM per zone that data (working set, caches, buffers) needs, beyond per-node reservations. */
  memoryGib: number;
  /** Disk per zone, buffers included. 0 for in-memory stores. */
  diskGib: number;
  networkMbps: number;
  /** Disk IO per zone, in operations per second. Reads as if nothing were cached when `readCache` is given. */
  readIops?: number;
  writeIops?: number;
  /**
   * A page cache in front of the drive: each node caches `perNodeGib` of the zone's `dataGib`, and reads hit it in
   * proportion to the share of the data it holds. The misses fall through to the drive, so more nodes mean fewer
   * read IOs per zone, and the node count for IOPS is solved for that (see iopsNodes).
   */
  readCache?: { perNodeGib: number; dataGib: number };
}

export interface ZoneSizingOptions {
  /** RAM per node that is not available to data (heap, OS, sidecars). */
  reservedMemoryGib: number;
  minNodesPerZone: number;
  maxNodesPerZone: number;
  /** local: data on the shape's NVMe; attached: EBS volumes; none: no data disk needed. */
  storage: "local" | "attached" | "none";
  /** Upper bound on data per node (recovery time, compaction), applied on top of the drive size. */
  maxDiskPerNodeGib?: number;
  attachedDrive?: PricedDrive;
  zones: number;
}

export interface ZoneSizing {
  nodesPerZone: number;
  bottleneck: Resource;
  countsBy: Partial<Record<Resource, number>>;
  requirements: Requirements;
  utilisation: Utilisation;
  drive?: DrivePlan;
  /** Annual, all zones. */
  computeCost: number;
  driveCost: number;
}

/** Share of the zone's data `nodes` page caches hold (1 when there is nothing to cache). */
export function cachedShare(nodes: number, cache: ZoneNeeds["readCache"]): number {
  if (!cache) return 0;
  if (cache.dataGib <= 0) return 1;
  return Math.min(1, (nodes * cache.perNodeGib) / cache.dataGib);
}

/**
 * Fewest nodes n whose drives serve the zone's IO: reads × (1 − cached share(n)) + writes ≤ n, in drive-units
 * (`reads` and `writes` are already divided by one node's IOPS). Without a cache that is ceil(reads + writes);
 * with one, while the caches hold only part of the data the condition is linear in n, solved directly; once they
 * hold it all only the writes remain.
 */
export function iopsNodes(reads: number, writes: number, cache: ZoneNeeds["readCache"]): number {
  if (!cache || reads <= 0) return Math.ceil(reads + writes);
  if (cache.dataGib <= 0 || cache.perNodeGib <= 0) return Math.ceil(cache.dataGib <= 0 ? writes : reads + writes);
  const allCached = Math.ceil(cache.dataGib / cache.perNodeGib);
  const partial = Math.ceil((reads + writes) / (1 + (reads * cache.perNodeGib) / cache.dataGib) - 1e-9);
  return partial < allCached ? partial : Math.max(allCached, Math.ceil(writes));
}

export type ZoneSizingResult = { ok: true; sizing: ZoneSizing } | { ok: false; code: string; reason: string };

const roundUp = (v: number, step: number) => Math.ceil(v / step) * step;
const ratio = (used: number, provided: number) => (provided > 0 ? Math.round((used / provided) * 1000) / 1000 : 0);

export function sizeZone(shape: PricedInstance, needs: ZoneNeeds, opts: ZoneSizingOptions): ZoneSizingResult {
  const usableRam = shape.ramGib - opts.reservedMemoryGib;
  if (usableRam <= 0) {
    return {
      ok: false,
      code: "memory-reserved",
      reason: `${shape.ramGib} GiB RAM leaves nothing after ${opts.reservedMemoryGib.toFixed(1)} GiB of per-node reservations`,
    };
  }
  if (opts.storage === "local" && !shape.localDrive) {
    return { ok: false, code: "no-local-disk", reason: "no local NVMe drive (this plan stores data on local disks)" };
  }
  if (opts.storage === "attached" && !opts.attachedDrive) {
    return { ok: false, code: "no-attached-drive", reason: "no attached drive type is priced in this region" };
  }
  const cores = normalizeCores(needs.referenceCores, shape);
  const counts: Partial<Record<Resource, number>> = {
    cpu: Math.ceil(cores / shape.vcpu),
    memory: Math.ceil(needs.memoryGib / usableRam),
    network: Math.ceil(needs.networkMbps / shape.netMbps),
  };

  let diskPerNode = 0;
  if (opts.storage === "local" && shape.localDrive) {
    const drive = shape.localDrive;
    diskPerNode = Math.min(drive.sizeGib, opts.maxDiskPerNodeGib ?? Infinity);
    counts.disk = Math.ceil(needs.diskGib / diskPerNode);
    // Each node can give its drive's IOPS; reads and writes share it in proportion.
    counts.iops = iopsNodes((needs.readIops ?? 0) / drive.readIops, (needs.writeIops ?? 0) / drive.writeIops, needs.readCache);
  }
  let nodes = Math.max(opts.minNodesPerZone, 1, counts.cpu ?? 0, counts.memory ?? 0, counts.network ?? 0, counts.disk ?? 0, counts.iops ?? 0);

  let drive: DrivePlan | undefined;
  let driveCost = 0;
  if (opts.storage === "attached" && opts.attachedDrive) {
    const ebs = opts.attachedDrive;
    const maxVolume = Math.floor(ebs.maxSizeGib / 3); // a third of the max: room to grow a volume in place
    const cap = Math.min(maxVolume, opts.maxDiskPerNodeGib ?? Infinity);
    counts.disk = Math.ceil(needs.diskGib / cap);
    counts.iops = iopsNodes((needs.readIops ?? 0) / ebs.maxIops, (needs.writeIops ?? 0) / ebs.maxIops, needs.readCache);
    nodes = Math.max(nodes, counts.disk, counts.iops);
    const iopsNeeded = (needs.readIops ?? 0) * (1 - cachedShare(nodes, needs.readCache)) + (needs.writeIops ?? 0);
    const sizeGib = needs.diskGib > 0 ? Math.max(100, roundUp(needs.diskGib / nodes, 100)) : 0;
    const iops = Math.max(3000, roundUp(iopsNeeded / nodes, 200));
    diskPerNode = sizeGib;
    if (sizeGib > 0) {
      drive = { kind: "ebs", type: ebs.name, sizeGib, iops };
      driveCost = attachedDriveAnnualCost(ebs, sizeGib, iops, 0) * nodes * opts.zones;
    }
  } else if (opts.storage === "local" && shape.localDrive) {
    drive = { kind: "local-nvme", type: "ephemeral", sizeGib: shape.localDrive.sizeGib };
  }

  if (nodes > opts.maxNodesPerZone) {
    const worst = (Object.entries(counts) as [Resource, number][]).sort((a, b) => b[1] - a[1])[0];
    return {
      ok: false,
      code: "too-many-nodes",
      reason: `would need ${nodes} nodes per zone (by ${worst?.[0] ?? "size"}), above the limit of ${opts.maxNodesPerZone}`,
    };
  }

  // The resource that asked for the most nodes decides the size; below the floor, the floor does.
  let bottleneck: Resource = "minimum";
  let best = 0;
  for (const r of ["cpu", "memory", "disk", "iops", "network"] as const) {
    const c = counts[r] ?? 0;
    if (c > best) {
      best = c;
      bottleneck = r;
    }
  }
  if (best < opts.minNodesPerZone) bottleneck = "minimum";

  // How busy the drives run at this size: the IO left after the page caches, against what the nodes' drives give
  // (local NVMe: their rated IOPS; EBS: the IOPS provisioned per volume).
  const missReads = (needs.readIops ?? 0) * (1 - cachedShare(nodes, needs.readCache));
  let iopsUtil: number | undefined;
  if (opts.storage === "local" && shape.localDrive) {
    iopsUtil = ratio(missReads / shape.localDrive.readIops + (needs.writeIops ?? 0) / shape.localDrive.writeIops, nodes);
  } else if (drive?.iops) {
    iopsUtil = ratio(missReads + (needs.writeIops ?? 0), nodes * drive.iops);
  }

  return {
    ok: true,
    sizing: {
      nodesPerZone: nodes,
      bottleneck,
      countsBy: counts,
      requirements: {
        cpuCores: cores,
        memoryGib: round2(needs.memoryGib),
        diskGib: round2(needs.diskGib),
        networkMbps: Math.ceil(needs.networkMbps),
      },
      utilisation: {
        cpu: ratio(cores, nodes * shape.vcpu),
        memory: ratio(needs.memoryGib, nodes * usableRam),
        disk: ratio(needs.diskGib, nodes * diskPerNode),
        network: ratio(needs.networkMbps, nodes * shape.netMbps),
        ...(iopsUtil !== undefined ? { iops: iopsUtil } : {}),
      },
      ...(drive ? { drive } : {}),
      computeCost: round2(nodes * opts.zones * shape.annualCost),
      driveCost: round2(driveCost),
    },
  };
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A floor on the node count per zone, and why it exists. */
export interface Floor {
  nodes: number;
  text: string;
}

export const RESOURCE_DRIVERS = {
  cpu: "CPU",
  memory: "memory",
  disk: "disk capacity",
  iops: "disk IOPS",
  network: "network",
  minimum: "the minimum cluster size",
} as const satisfies Record<Resource, string>;

const PLAIN_DRIVERS = Object.fromEntries((Object.keys(RESOURCE_DRIVERS) as Resource[]).map((r) => [r, { resource: r, text: RESOURCE_DRIVERS[r] }])) as Record<
  Resource,
  SizingDriver
>;

/** The driver of a shape sized silently during the search (only the winners are explained and named). */
export function plainDriver(bottleneck: Resource): SizingDriver {
  return PLAIN_DRIVERS[bottleneck];
}

/** The floor of a minimum asked for from outside the model (a re-priced topology); planFamily names its reason. */
export function askedFloor(nodes: number): Floor {
  return { nodes, text: `the ${nodes} node${nodes === 1 ? "" : "s"} per zone asked for` };
}

export function tierFloor(tier: number, nodes: number): Floor {
  return { nodes, text: `the tier-${tier} floor of ${nodes} node${nodes === 1 ? "" : "s"} per zone` };
}

/**
 * What set the node count: the resource that asked for the most nodes, or — when a floor asked for more than every
 * resource — the largest floor, named. A resource wins a tie with a floor: it would need those nodes by itself.
 */
export function driverOf(
  s: Pick<ZoneSizing, "bottleneck" | "nodesPerZone">,
  floors: readonly Floor[],
  texts: Partial<Record<Resource, string>> = {},
): SizingDriver {
  if (s.bottleneck !== "minimum") return { resource: s.bottleneck, text: texts[s.bottleneck] ?? RESOURCE_DRIVERS[s.bottleneck] };
  const floor = floors.filter((f) => f.nodes === s.nodesPerZone).at(-1) ?? [...floors].sort((a, b) => b.nodes - a.nodes)[0];
  return { resource: "minimum", text: floor?.text ?? RESOURCE_DRIVERS.minimum };
}

/** A sized zone as the cluster a model returns: the sizing's figures plus the model's role, params and reasons. */
export function sizedCluster(
  s: ZoneSizing,
  c: Pick<SizedCluster, "role" | "family" | "instance" | "zones" | "params" | "explanation" | "driver">,
): SizedCluster {
  return {
    driver: c.driver,
    role: c.role,
    family: c.family,
    instance: c.instance,
    nodesPerZone: s.nodesPerZone,
    zones: c.zones,
    ...(s.drive ? { drive: s.drive } : {}),
    requirements: s.requirements,
    utilisation: s.utilisation,
    bottleneck: s.bottleneck,
    computeCost: s.computeCost,
    driveCost: s.driveCost,
    params: c.params,
    explanation: c.explanation,
  };
}
