// EVCache (memcached), the Netflix way: one copy of the full data set per zone, sharded by consistent hashing
// inside the zone; writes go to every zone, reads stay in their own zone. Learns from service-capacity-modeling's
// evcache model (../shared/reference/capacity-models.md §7.2), with two deliberate departures noted below
// (no under-spread rank penalty; working set read at the drive's stated upper quantile).
import type { PricedInstance, RegionHardware } from "../../catalog";
import type { Threshold } from "../../schemas/plan";
import { midOf, type Workload } from "../../schemas/workload";
import { searchShapes } from "../kernel/shapes";
import { sqrtStaffedCores, gibPerYear, logisticBuffer, networkMbps, normalizeCores } from "../kernel/staffing";
import { workingSetFromDriveAndSlo, type IntervalLike } from "../kernel/distribution";
import { askedFloor, driverOf, plainDriver, sizeZone, round2, sizedCluster, tierFloor } from "../kernel/zonal";
import type { ModelDefaults, PlanRegionOptions, PointDesires, RegionPlan, ShapeResult, SizedCluster, StoreModel } from "../model";

/**
 * EVCache's defaults (service-capacity-modeling's evcache model): read SLO 0.15 / 0.5 / 1 ms, so a 1 ms p99, and
 * no write SLO; read CPU by item size (evcacheReadCpuMs), 0.01 ms per write; a full copy in every zone.
 */
export const EVCACHE_DEFAULTS = {
  readLatencyP99Ms: 1,
  readCpuMs: "by item size (0.04 ms at 200 B, 0.07 ms at 1 KiB)",
  writeCpuMs: 0.01,
  copies: "a full copy in every zone",
} as const satisfies ModelDefaults;

export const EVCACHE = {
  minVcpu: 2,
  minRamGib: 12,
  appReserveGib: 1,
  systemReserveGib: 3,
  criticalTierMinNodes: 2,
  /** The client addresses at most 10 000 nodes per region, shared by the copies. */
  maxNodesPerRegion: 10_000,
  /**
   * Most data on one node's flash (extstore). The reference has three defaults (2048 / 5120 / 6144 GiB); we take
   * the smallest: a replaced node comes back empty and its share of keys misses until re-warmed, so smaller nodes
   * mean a smaller, shorter dip in hit rate.
   */
  maxExtstoreGibPerNode: 2048,
  /** Below this state size, items larger than `ramPayloadBytes` are simply kept in RAM (reference rule). */
  ramStateGib: 110,
  ramPayloadBytes: 200,
  /** Flash IO beyond the payload itself: cache warming and region evacuation ("squeeze"), per the reference. */
  flashIoFactor: 1.4,
  /** Working set is what keeps the drive's slow reads within the SLO: at most its p99 (reference). */
  workingSetPercentile: 0.99,
  /** The SLO distribution around a p99: low and mid at 15% and 50% of it (the default's 0.15 / 0.5 / 1 ms shape). */
  sloSpread: { low: 0.15, mid: 0.5, confidence: 0.98 },
} as const;

/**
 * Default mean on-CPU time of a read (ms) as a function of its size: a logistic in log(size) fitted to the
 * reference's curve (0.012 ms at 32 B, 0.038 at 200 B, 0.067 at 1 KiB, 0.139 at 24 KiB, 0.153 at 40 KiB; ours is
 * within 2% at each point), floored at a write's cost.
 */
export function evcacheReadCpuMs(readBytes: number): number {
  // Never below a write's: both parse a request and touch one item.
  return Math.max(EVCACHE_DEFAULTS.writeCpuMs, logisticBuffer(readBytes, -0.031, 0.267, 9530, 0.3125));
}

export function evcacheCpuMs(d: PointDesires): { read: number; write: number } {
  return { read: d.readCpuMs ?? evcacheReadCpuMs(d.readItemBytes), write: d.writeCpuMs ?? EVCACHE_DEFAULTS.writeCpuMs };
}

/** SLO distribution for reads around the p99: the team's, else the default. */
export function evcacheReadSlo(d: Pick<PointDesires, "readLatencyP99Ms">): IntervalLike {
  const p99 = d.readLatencyP99Ms ?? EVCACHE_DEFAULTS.readLatencyP99Ms;
  const { low, mid, confidence } = EVCACHE.sloSpread;
  return { low: p99 * low, mid: p99 * mid, high: p99, confidence };
}

/**
 * Share of the data extstore must keep in RAM on this drive. The reference reads the drive's p99 from a beta fit.
 * Our piecewise-linear distribution is exact only inside the quantiles the data states (p5–p95 for the catalogue's
 * confidence-0.9 drives) and runs linearly out to the maximum (~2 ms) beyond them, which puts every NVMe drive's
 * p99 above 1 ms and would keep ~100% in RAM, defeating extstore. So we read the drive at its stated upper quantile,
 * capped at p99: i4i 3.8%, i3en 8%, m8id 1% (reference: 1%, 4.8%, 1%).
 */
export function extstoreWorkingSet(drive: IntervalLike, slo: IntervalLike): number {
  const statedUpper = 1 - (1 - (drive.confidence ?? 1)) / 2;
  return workingSetFromDriveAndSlo(drive, slo, Math.min(EVCACHE.workingSetPercentile, statedUpper));
}

export interface EvcacheStorage {
  mode: "memory" | "extstore";
  /** RAM per zone for items. */
  memoryGib: number;
  /** Flash per zone (0 when everything is in RAM). */
  diskGib: number;
  workingSet: number;
}

/**
 * Where one zone's copy lives. Everything in RAM when the shape has no usable local NVMe (EVCache never uses EBS:
 * its latency is above the SLO), or when the data set is small and made of larger items (reference rule).
 * Otherwise memcached's extstore keeps the data on NVMe and the working set in RAM. The item size is the mean read
 * size, which does not move with the data set, so the rule flips only once, at 110 GiB; past it RAM never drops
 * below the 110 GiB it held just before, so a larger cache is never planned smaller or cheaper than a smaller one.
 */
export function evcacheStorage(d: PointDesires, shape: PricedInstance): EvcacheStorage {
  const state = d.datasetGiB;
  const largeItems = d.readItemBytes > EVCACHE.ramPayloadBytes;
  const drive = d.storage !== "attached" ? shape.localDrive : undefined;
  if (!drive || (state < EVCACHE.ramStateGib && largeItems)) return { mode: "memory", memoryGib: state, diskGib: 0, workingSet: 1 };
  const ws = extstoreWorkingSet(drive.readLatencyMs, evcacheReadSlo(d));
  const floor = largeItems ? Math.min(state, EVCACHE.ramStateGib) : 0;
  return { mode: "extstore", memoryGib: Math.max(ws * state, floor), diskGib: state, workingSet: ws };
}

const DRIVERS = { disk: "flash capacity", iops: "flash IOPS" } as const;

/**
 * Reference cores one zone needs. Not divided by zones: reads are served in their own zone, and a zone must absorb
 * all of them when the clients of a failed zone move over; every write is applied in every zone.
 */
export function evcacheRefCores(d: PointDesires): number {
  const cpu = evcacheCpuMs(d);
  return sqrtStaffedCores({ reads: d.readsPerSecond, writes: d.writesPerSecond, readCpuMs: cpu.read, writeCpuMs: cpu.write, tier: d.tier });
}

const tooSmall = (shape: PricedInstance) => shape.vcpu < EVCACHE.minVcpu || shape.ramGib < EVCACHE.minRamGib;

/** Sizes one zone's EVCache copy on one shape; every zone gets the same. */
export function sizeEvcache(d: PointDesires, hw: RegionHardware, shape: PricedInstance, minNodesPerZone = 0, explain = true): ShapeResult {
  const reject = (code: string, reason: string): ShapeResult => ({ ok: false, instanceType: shape.name, code, reason });
  if (tooSmall(shape)) {
    return reject("too-small", `${shape.vcpu} vCPU / ${shape.ramGib} GiB RAM: EVCache needs at least ${EVCACHE.minVcpu} vCPU and ${EVCACHE.minRamGib} GiB RAM`);
  }
  const zones = hw.zones;
  const cpu = evcacheCpuMs(d);
  const refCores = evcacheRefCores(d);
  const storage = evcacheStorage(d, shape);
  const blockBytes = (shape.localDrive?.blockKib ?? 4) * 1024;
  const flash = storage.mode === "extstore";
  const floor = d.tier <= 1 ? EVCACHE.criticalTierMinNodes : 1;
  const reserved = EVCACHE.appReserveGib + EVCACHE.systemReserveGib;
  const sized = sizeZone(
    shape,
    {
      referenceCores: refCores,
      memoryGib: storage.memoryGib,
      diskGib: storage.diskGib,
      networkMbps: networkMbps(d.readsPerSecond, d.readItemBytes, d.writesPerSecond, d.writeItemBytes),
      ...(flash
        ? {
            readIops: (EVCACHE.flashIoFactor * d.readsPerSecond * d.readItemBytes) / blockBytes,
            writeIops: (EVCACHE.flashIoFactor * d.writesPerSecond * d.writeItemBytes) / blockBytes,
          }
        : {}),
    },
    {
      reservedMemoryGib: reserved,
      minNodesPerZone: Math.max(floor, minNodesPerZone),
      maxNodesPerZone: Math.floor(EVCACHE.maxNodesPerRegion / zones),
      storage: flash ? "local" : "none",
      maxDiskPerNodeGib: EVCACHE.maxExtstoreGibPerNode,
      zones,
    },
  );
  if (!sized.ok) return reject(sized.code, sized.reason);
  const s = sized.sizing;
  const usable = round2(shape.ramGib - reserved);
  const driver = explain
    ? driverOf(s, [tierFloor(d.tier, floor), ...(minNodesPerZone > 0 ? [askedFloor(minNodesPerZone)] : [])], DRIVERS)
    : plainDriver(s.bottleneck);
  const decider = driver.text;
  const explanation = !explain
    ? []
    : [
        `${s.nodesPerZone} × ${shape.name} per zone × ${zones} zones; each zone holds a full copy and is sized for the full regional traffic; ${decider} decides the size.`,
        `CPU: square-root staffing of ${fmt(d.readsPerSecond)} reads/s × ${round3(cpu.read)} ms and ${fmt(d.writesPerSecond)} writes/s × ${round3(cpu.write)} ms at tier ${d.tier} → ${refCores} reference cores → ${s.requirements.cpuCores} ${shape.family} cores per zone (not divided by zones: a zone serves all reads if the others fail).`,
        flash
          ? `Memory: ${fmt(round2(storage.diskGib))} GiB on local NVMe (memcached extstore), ${(storage.workingSet * 100).toFixed(1)}% of it hot in RAM so slow flash reads stay within the ${d.readLatencyP99Ms ?? EVCACHE_DEFAULTS.readLatencyP99Ms} ms p99 read SLO → ${round2(storage.memoryGib)} GiB RAM per zone (${usable} GiB usable per node after ${reserved} GiB reserved).`
          : `Memory: all ${fmt(round2(storage.memoryGib))} GiB in RAM (${shape.localDrive && d.storage !== "attached" ? `under ${EVCACHE.ramStateGib} GiB of items over ${EVCACHE.ramPayloadBytes} B` : "no local NVMe for extstore"}); ${usable} GiB usable per node after ${reserved} GiB reserved.`,
        `Network: ${fmt(s.requirements.networkMbps)} Mbps per zone of payload (reads served plus writes received).`,
      ];
  return {
    ok: true,
    cluster: sizedCluster(s, {
      role: "cache",
      driver,
      family: "evcache",
      instance: shape,
      zones,
      params: {
        "evcache.copies": zones,
        "evcache.storage": storage.mode,
        "memcached.memory.gib": Math.floor(usable),
        "evcache.replication.cross-region": replicatesAcrossRegions(d) ? "sets" : "none",
        ...(flash ? { "extstore.ram.percent": round2(storage.workingSet * 100) } : {}),
      },
      explanation,
    }),
  };
}

function replicatesAcrossRegions(d: PointDesires): boolean {
  return d.crossRegionReplication && d.regionCount > 1;
}

/**
 * Annual transfer of one region's EVCache, on the workload contract's terms (every region applies every write and
 * originates 1/n of them): the client sends each set to the copies in the zones − 1 other zones, and with
 * cross-region replication this region's share of the sets is replayed in the n − 1 other regions (the
 * reference's "sets" mode). Reads stay in their zone. The reference prices no cross-zone term; Cassandra's,
 * Elasticsearch's and Dynomite's models here all do, so EVCache does too.
 */
export function evcacheTransferCost(d: PointDesires, hw: RegionHardware): number {
  const gib = gibPerYear(d.writesPerSecond, d.writeItemBytes);
  const intra = hw.services["net.intra.region"]?.perGibYear ?? 0;
  const inter = hw.services["net.inter.region"]?.perGibYear ?? 0;
  const crossZone = intra * gib * (hw.zones - 1);
  const crossRegion = replicatesAcrossRegions(d) ? inter * gib * ((d.regionCount - 1) / d.regionCount) : 0;
  return round2(crossZone + crossRegion);
}

const fmt = (v: number) => v.toLocaleString("en-US");
const round3 = (v: number) => Math.round(v * 1000) / 1000;

const STRONGER_THAN_BEST_EFFORT = { eventual: "eventual", "read-your-writes": "read-your-writes", linearizable: "linearizable" } as const;

export const evcache: StoreModel = {
  family: "evcache",
  defaults: EVCACHE_DEFAULTS,
  engine: { name: "memcached", version: "1.6" },
  primaryRole: "cache",

  assess(w: Workload) {
    const reasons: string[] = [];
    const against: string[] = [];
    let score = 40;
    let admissible = true;
    if (w.consistency !== "best-effort") {
      admissible = false;
      score -= 30;
      against.push(
        `EVCache gives best-effort consistency only: each zone's copy is written separately, with no ordering and no guarantee all copies took the write, so a read can miss or return an older value. This workload asks for ${STRONGER_THAN_BEST_EFFORT[w.consistency]} consistency, so EVCache cannot be its only store; it can still sit in front of a store that gives it (such as Cassandra) as a cache.`,
      );
    }
    if (w.durability === "durable") {
      admissible = false;
      score -= 30;
      against.push(
        "EVCache keeps data in memory and on instance-local flash: restarting or replacing a node loses its share. Durable data needs a store of record (such as Cassandra); EVCache can only cache it.",
      );
    } else {
      score += 10;
      reasons.push("The data is rebuildable, so losing a node only costs cache misses while it refills from the source.");
    }
    if (w.accessPattern === "key-value") {
      score += 25;
      reasons.push("Key-value gets and sets by key are exactly what memcached serves.");
    } else if (w.accessPattern === "time-series") {
      score -= 20;
      against.push("No range scans: time-series data can only be cached as whole items by key.");
    } else {
      admissible = false;
      score -= 40;
      against.push(`A ${w.accessPattern} access pattern needs queries memcached does not have (it only gets and sets items by key).`);
    }
    const p99 = w.readLatencyP99Ms;
    if (p99 !== undefined && p99 < 0.2) {
      score -= 10;
      against.push(`A ${p99} ms p99 read SLO is below a network round trip plus a memcached lookup; plan on about 0.5–1 ms.`);
    } else if (p99 !== undefined && p99 <= 2) {
      score += 15;
      reasons.push(`A ${p99} ms p99 read SLO suits an in-memory cache read from the client's own zone (about 1 ms).`);
    }
    if (w.readItemBytes <= 16 * 1024) {
      score += 5;
      reasons.push("Small items: many fit in RAM and each read costs little CPU and network.");
    } else if (w.readItemBytes > 512 * 1024) {
      score -= 10;
      against.push(
        `${Math.round(w.readItemBytes / 1024)} KiB items are large for memcached (1 MiB item limit; the client must chunk them) and make reads network-bound.`,
      );
    }
    const reads = midOf(w.readsPerSecond);
    if (reads >= 100_000) {
      score += 10;
      reasons.push(`${fmt(reads)} reads/s: each memcached node serves on the order of 100k operations per second.`);
    }
    if (w.features?.includes("ttl")) reasons.push("Item expiry (TTL) is native to memcached.");
    for (const f of w.features ?? []) {
      if (f === "full-text" || f === "aggregations" || f === "secondary-indexes" || f === "traversals") {
        score -= 15;
        against.push(`No ${f}: memcached only gets and sets items by key.`);
      } else if (f === "delayed-delivery" || f === "priorities") {
        score -= 15;
        against.push(`No ${f}: a cache is not a queue.`);
      }
    }
    if (w.regions.length > 1 && w.crossRegionReplication) reasons.push("Cross-region replication replays sets in the other regions asynchronously.");
    return { admissible, score: Math.max(0, Math.min(100, score)), reasons, against };
  },

  planRegion(d: PointDesires, hw: RegionHardware, options: PlanRegionOptions): RegionPlan {
    const warnings: string[] = [];
    if (d.consistency !== "best-effort") warnings.push(`EVCache is best-effort only; it cannot provide ${d.consistency} consistency by itself.`);
    if (d.durability === "durable") warnings.push("EVCache does not keep data durably; pair it with a store of record.");
    const transfer = evcacheTransferCost(d, hw);
    const floor = Math.max(d.tier <= 1 ? EVCACHE.criticalTierMinNodes : 1, options.minNodesPerZone ?? 0);
    const refCores = evcacheRefCores(d);
    const { candidates, rejected } = searchShapes({
      hardware: hw,
      desires: d,
      options,
      size: (shape, explain) => sizeEvcache(d, hw, shape, options.minNodesPerZone ?? 0, explain),
      toCandidate: (cluster) => ({
        clusters: [cluster],
        networkTransferCost: transfer,
        backupCost: 0, // a cache is rebuilt from its source, never restored
        explanation: cluster.explanation,
      }),
      // Rank is cost. The reference adds a dollar "under-spread" penalty that shrinks as nodes grow, which would
      // make rank fall as load rises; spread is handled by the per-zone node floor instead.
      rankOf: (cluster) => cluster.computeCost + cluster.driveCost + transfer,
      lowerBoundOf: (shape) => shape.annualCost * hw.zones * floor + transfer,
      // CPU alone, for shapes EVCache would size (the too-small ones are still sized, to list why they are rejected).
      shapeBoundOf: (shape) =>
        tooSmall(shape) ? 0 : shape.annualCost * hw.zones * Math.max(floor, Math.ceil(normalizeCores(refCores, shape) / shape.vcpu)) + transfer,
    });
    return { candidates, rejected, warnings };
  },

  thresholds(d: PointDesires, clusters: readonly SizedCluster[]): Threshold[] {
    const role = clusters[0]?.role ?? "cache";
    const readSloMs = d.readLatencyP99Ms ?? EVCACHE_DEFAULTS.readLatencyP99Ms;
    // Evictions of unexpired items mean the cache is smaller than its working set: warn at 0.1% of sets, page at 1%.
    const evictWarning = Math.max(1, Math.round(d.writesPerSecond * 0.001));
    const evictCritical = Math.max(10, Math.round(d.writesPerSecond * 0.01), evictWarning + 1);
    return [
      {
        metric: "read-latency-p99",
        role,
        family: "evcache",
        comparison: "above",
        warning: round2(readSloMs * 0.8),
        critical: readSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "Client-side p99 read latency against the read SLO.",
      },
      {
        metric: "cpu-utilisation",
        role,
        family: "evcache",
        comparison: "above",
        warning: 65,
        critical: 80,
        unit: "percent",
        forMinutes: 15,
        description: "Sustained CPU: each zone must be able to take the reads of a failed zone.",
      },
      {
        metric: "memory-used",
        role,
        family: "evcache",
        comparison: "above",
        warning: 90,
        critical: 95,
        unit: "percent",
        forMinutes: 10,
        description: "Instance memory used; memcached fills its item memory by design, so watch the headroom left to the OS.",
      },
      {
        metric: "evictions",
        role,
        family: "evcache",
        comparison: "above",
        warning: evictWarning,
        critical: evictCritical,
        unit: "per-second",
        forMinutes: 15,
        description: "Unexpired items evicted for lack of memory: the cache is smaller than its working set and the hit rate will fall.",
      },
    ];
  },
};
