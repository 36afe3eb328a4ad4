// Cassandra (wide-column), the Netflix way: RF 3 per region across three zones, LOCAL_QUORUM, local NVMe,
// disk planned to at most ~55% used for compaction headroom, at most ~1.3 TiB of data per node.
// Learns from service-capacity-modeling's cassandra model (../shared/reference/capacity-models.md §7.1).
import type { PricedInstance, RegionHardware } from "../../catalog";
import type { Threshold } from "../../schemas/plan";
import type { Workload } from "../../schemas/workload";
import { searchShapes, sizeMultiplier } from "../kernel/shapes";
import { sqrtStaffedCores, gibPerYear, logisticBuffer, networkMbps, normalizeCores, GIB } from "../kernel/staffing";
import { workingSetFromDriveAndSlo } from "../kernel/distribution";
import { memoByDesires } from "../kernel/memo";
import { askedFloor, cachedShare, driverOf, plainDriver, sizeZone, round2, sizedCluster, tierFloor } from "../kernel/zonal";
import type { ModelDefaults, PlanRegionOptions, PointDesires, RegionPlan, ShapeResult, SizedCluster, StoreModel } from "../model";

/**
 * Cassandra's defaults (service-capacity-modeling's `default_desires()` for the latency pattern): read SLO
 * 0.4 / 2 / 5 ms, so a 5 ms p99; write SLO 0.4 / 1 / 4 ms; 2 ms of CPU per read, 1 ms per write at RF 3 (0.6 ms at
 * RF 2); compression 3; backups kept 14 days.
 */
const WRITE_CPU_MS = { rf3: 1, rf2: 0.6 } as const;

export const CASSANDRA_DEFAULTS = {
  readLatencyP99Ms: 5,
  writeLatencyP99Ms: 4,
  readCpuMs: 2,
  writeCpuMsByRf: WRITE_CPU_MS,
  writeCpuMs: `${WRITE_CPU_MS.rf3} ms at RF 3, ${WRITE_CPU_MS.rf2} ms at RF 2`,
  compressionRatio: 3,
  copies: "RF 3, one replica per zone (RF 2 for rebuildable data without read-your-writes)",
  /** Days of compacted-away SSTables a backup keeps (SCM's billing fit: median 14.4 days across LCS clusters). */
  backupRetentionDays: 14,
} as const satisfies ModelDefaults & Record<string, unknown>;

export const CASSANDRA = {
  maxDiskUtilisation: 0.55,
  dataPerNodeGib: 1280,
  maxNodesPerZone: 64,
  criticalTierMinNodes: 2,
  backgroundCpuBuffer: 2,
  appReserveGib: 4, // Priam sidecar
  systemReserveGib: 1,
  maxHeapGib: 30,
  maxPageCacheGib: 28,
  /** The tightest p99 read Cassandra reliably serves alone; below it only a cache in front helps. */
  minReadP99Ms: 1,
  /** IOs per sequential chunk written: 1 commitlog append + 2 writes and 2 reads of compaction (SCM). */
  writeIosPerChunk: 5,
  /** Wire bytes per mutation = 900 + 1.42 × app bytes (fitted against billing by the reference). */
  wireFixedBytes: 900,
  wireAmplification: 1.42,
  /** The SLO distribution around a p99: low and mid at 8% and 40% of it (the default's 0.4 / 2 / 5 ms shape). */
  sloSpread: { low: 0.08, mid: 0.4, confidence: 0.98 },
} as const;

export function replicationFactor(d: Pick<PointDesires, "durability" | "consistency">): 2 | 3 {
  return d.durability === "rebuildable" && d.consistency !== "read-your-writes" && d.consistency !== "linearizable" ? 2 : 3;
}

/** Disk buffer: 4× for small zones falling to 2× for very large ones, never less than 1/0.55 (compaction room). */
export function cassandraDiskBuffer(uncompressedGibPerZone: number): number {
  return Math.max(1 / CASSANDRA.maxDiskUtilisation, logisticBuffer(uncompressedGibPerZone, 4, 2, 10_240, 0.807));
}

export function cassandraHeapGib(ramGib: number): number {
  return Math.min(Math.max(4, Math.floor(ramGib / 2)), CASSANDRA.maxHeapGib);
}

/** IOs per read under leveled compaction: data + index reads per level touched. */
export function ioPerRead(nodeGib: number): number {
  const mib = nodeGib * 1024;
  return 2 * (1 + Math.max(0, Math.ceil(Math.log10(Math.max(mib, 1) / 160))));
}

/** SLO distribution for reads around the p99: the team's, else the default. */
export function cassandraReadSlo(d: Pick<PointDesires, "readLatencyP99Ms">) {
  const p99 = d.readLatencyP99Ms ?? CASSANDRA_DEFAULTS.readLatencyP99Ms;
  const { low, mid, confidence } = CASSANDRA.sloSpread;
  return { low: p99 * low, mid: p99 * mid, high: p99, confidence };
}

export function cassandraCpuMs(d: PointDesires): { read: number; write: number } {
  const rf = replicationFactor(d);
  return {
    read: d.readCpuMs ?? CASSANDRA_DEFAULTS.readCpuMs,
    write: d.writeCpuMs ?? (rf === 3 ? CASSANDRA_DEFAULTS.writeCpuMsByRf.rf3 : CASSANDRA_DEFAULTS.writeCpuMsByRf.rf2),
  };
}

/** What a region's Cassandra cluster needs whatever the shape: computed once per desires, not once per shape. */
interface CassandraNeeds {
  zones: number;
  rf: 2 | 3;
  cpu: { read: number; write: number };
  compression: number;
  refCoresPerZone: number;
  diskBuffer: number;
  dataPerZone: number;
  diskPerZone: number;
  maxDiskPerNode: number;
  networkMbps: number;
  minThreshold: number;
  writeBufferGib: number;
  writeHeapShare: number;
  /** Bytes per second each zone's drives absorb from the write path (every replica writes every mutation). */
  writeBytesPerZone: number;
}

const cassandraNeeds = memoByDesires((d: PointDesires, hw: RegionHardware): CassandraNeeds => {
  const zones = hw.zones;
  const rf = replicationFactor(d);
  const cpu = cassandraCpuMs(d);
  const compression = d.compressionRatio ?? CASSANDRA_DEFAULTS.compressionRatio;
  const refCores =
    sqrtStaffedCores({ reads: d.readsPerSecond, writes: d.writesPerSecond, readCpuMs: cpu.read, writeCpuMs: cpu.write, tier: d.tier }) *
    CASSANDRA.backgroundCpuBuffer;
  const diskBuffer = cassandraDiskBuffer((d.datasetGiB * rf) / zones);
  const dataPerZone = ((d.datasetGiB / compression) * rf) / zones;
  // Memtables: one hour of writes per zone flushed at the compaction threshold; the threshold doubles
  // (4 → 8 → 16) while the buffer would exceed 12 GiB.
  let minThreshold = 4;
  const writeBuffer = (t: number) => (d.writesPerSecond * d.writeItemBytes * 3600) / (t * t) / GIB / zones;
  while (writeBuffer(minThreshold) > 12 && minThreshold < 16) minThreshold *= 2;
  return {
    zones,
    rf,
    cpu,
    compression,
    diskBuffer,
    dataPerZone,
    refCoresPerZone: refCores / zones,
    diskPerZone: Math.ceil(dataPerZone * diskBuffer),
    maxDiskPerNode: CASSANDRA.dataPerNodeGib * diskBuffer,
    networkMbps: networkMbps(d.readsPerSecond, d.readItemBytes, d.writesPerSecond, d.writeItemBytes) * 2,
    minThreshold,
    writeBufferGib: writeBuffer(minThreshold),
    writeHeapShare: d.writesPerSecond >= 100_000 && d.datasetGiB >= 100 ? 0.5 : 0.25,
    writeBytesPerZone: ((d.writesPerSecond * rf) / zones) * d.writeItemBytes,
  };
});

/**
 * Write IOs per second a zone's drives see: one commitlog append plus two writes and two reads of compaction in
 * the first hour (SCM's 1 + 4) for every IO-sized chunk written. Commitlog appends and flushes are sequential and
 * batched, so IOs follow bytes written ÷ the drive's sequential IO size (gp3 256 KiB), not the number of mutations.
 */
export function cassandraWriteIops(writeBytesPerZone: number, seqIoKib: number): number {
  if (writeBytesPerZone <= 0) return 0;
  return CASSANDRA.writeIosPerChunk * Math.max(1, writeBytesPerZone / (seqIoKib * 1024));
}

type Misfit = Extract<ShapeResult, { ok: false }>;
const misfits = new WeakMap<PricedInstance, Partial<Record<PointDesires["storage"], Misfit | null>>>();

/** Rejections that depend only on the shape and the storage preference: decided once per shape, not per plan. */
function shapeMisfit(shape: PricedInstance, storagePref: PointDesires["storage"]): Misfit | null {
  let byPref = misfits.get(shape);
  const known = byPref?.[storagePref];
  if (known !== undefined) return known;
  const reject = (code: string, reason: string): Misfit => ({ ok: false, instanceType: shape.name, code, reason });
  let result: Misfit | null = null;
  const heap = cassandraHeapGib(shape.ramGib);
  const pageCache = Math.min(CASSANDRA.maxPageCacheGib, shape.ramGib - heap - CASSANDRA.appReserveGib - CASSANDRA.systemReserveGib);
  if (shape.vcpu < 2 || shape.ramGib <= 16) {
    result = reject("too-small", `${shape.vcpu} vCPU / ${shape.ramGib} GiB RAM: Cassandra needs at least 2 vCPU and more than 16 GiB`);
  } else if (pageCache <= 0) {
    result = reject(
      "no-page-cache",
      `${shape.ramGib} GiB RAM leaves no page cache after a ${heap} GiB heap and ${CASSANDRA.appReserveGib + CASSANDRA.systemReserveGib} GiB of reserves`,
    );
  } else if (shape.localDrive && storagePref === "attached") {
    result = reject("local-disk-excluded", "has local NVMe, but the workload asks for attached (EBS) storage");
  } else if (!shape.localDrive && storagePref === "local") {
    result = reject("no-local-disk", "no local NVMe drive; Cassandra runs on local disks unless the workload allows attached storage");
  }
  if (!byPref) misfits.set(shape, (byPref = {}));
  byPref[storagePref] = result;
  return result;
}

/**
 * Sizes the Cassandra data role on one shape. Exported for the graph model's storage tier.
 * `explain: false` skips the explanation lines (the search explains only the winners).
 */
export function sizeCassandra(d: PointDesires, hw: RegionHardware, shape: PricedInstance, role = "data", minNodesPerZone = 0, explain = true): ShapeResult {
  const misfit = shapeMisfit(shape, d.storage);
  if (misfit) return misfit;
  const heap = cassandraHeapGib(shape.ramGib);
  const pageCache = Math.min(CASSANDRA.maxPageCacheGib, shape.ramGib - heap - CASSANDRA.appReserveGib - CASSANDRA.systemReserveGib);
  const storage = shape.localDrive ? "local" : "attached";

  const n = cassandraNeeds(d, hw);
  // Working set: what the read SLO would like in page cache, given the drive's p95 read. A soft target: each node
  // caches what its page cache holds, and the reads that miss go to the drive (counted in its IOPS below).
  const gp3 = hw.drives.gp3;
  const drive = storage === "local" ? shape.localDrive?.readLatencyMs : gp3?.readLatencyMs;
  const ws = drive ? workingSetFromDriveAndSlo(drive, cassandraReadSlo(d), 0.95) : 1;
  const writeBufferNodes = Math.ceil(n.writeBufferGib / (heap * n.writeHeapShare * 0.25));
  const perNodeDisk = Math.min(n.maxDiskPerNode, shape.localDrive?.sizeGib ?? n.maxDiskPerNode);
  const nodeDataEstimate = n.dataPerZone / Math.max(1, Math.ceil(n.diskPerZone / perNodeDisk));
  // LOCAL_QUORUM reads touch two of three replicas; these are the IOs if nothing were cached.
  const readIops = (d.readsPerSecond / n.zones) * (n.rf >= 3 ? 2 : 1) * ioPerRead(nodeDataEstimate) * Math.max(1, d.readItemBytes / 16_384);
  // Local NVMe is not bounded by write IOPS (as SCM): its sequential write bandwidth is far beyond its 4 KiB random
  // IOPS rating. On EBS every chunk is a provisioned IO.
  const writeIops = storage === "attached" && gp3 ? cassandraWriteIops(n.writeBytesPerZone, Math.max(gp3.blockKib, gp3.groupKib)) : 0;

  const critical = d.tier <= 1 ? CASSANDRA.criticalTierMinNodes : 1;
  const floor = Math.max(critical, writeBufferNodes, minNodesPerZone);
  const sized = sizeZone(
    shape,
    {
      referenceCores: n.refCoresPerZone,
      memoryGib: 0, // no hard memory requirement beyond the per-node layout: page cache is a soft target
      diskGib: n.diskPerZone,
      networkMbps: n.networkMbps,
      readIops,
      writeIops,
      readCache: { perNodeGib: pageCache, dataGib: n.dataPerZone },
    },
    {
      reservedMemoryGib: shape.ramGib - pageCache,
      minNodesPerZone: floor,
      maxNodesPerZone: CASSANDRA.maxNodesPerZone,
      storage,
      maxDiskPerNodeGib: n.maxDiskPerNode,
      ...(storage === "attached" && gp3 ? { attachedDrive: gp3 } : {}),
      zones: n.zones,
    },
  );
  if (!sized.ok) return { ok: false, instanceType: shape.name, code: sized.code, reason: sized.reason };
  // The search ranks silently sized shapes by cost alone; only the winners are sized again with explain, so the
  // reporting below (memory target, driver, parameters, sentences) is skipped for the rest.
  if (!explain)
    return {
      ok: true,
      cluster: sizedCluster(sized.sizing, {
        role,
        driver: plainDriver(sized.sizing.bottleneck),
        family: "cassandra",
        instance: shape,
        zones: n.zones,
        params: {},
        explanation: [],
      }),
    };
  const target = ws * n.dataPerZone;
  const cacheGib = sized.sizing.nodesPerZone * pageCache;
  const cached = cachedShare(sized.sizing.nodesPerZone, { perNodeGib: pageCache, dataGib: n.dataPerZone });
  // Report the working-set target as the memory requirement and how much of the page cache it fills.
  const s = {
    ...sized.sizing,
    requirements: { ...sized.sizing.requirements, memoryGib: round2(target) },
    utilisation: { ...sized.sizing.utilisation, memory: cacheGib > 0 ? Math.round(Math.min(1, target / cacheGib) * 1000) / 1000 : 0 },
  };
  const missIops = Math.round(readIops * (1 - cached));
  const driver = driverOf(
    s,
    [
      tierFloor(d.tier, critical),
      { nodes: writeBufferNodes, text: `memtable room: ${writeBufferNodes} nodes per zone to buffer the write stream in heap` },
      ...(minNodesPerZone > 0 ? [askedFloor(minNodesPerZone)] : []),
    ],
    {
      disk: `disk capacity (≤ ${Math.round(CASSANDRA.maxDiskUtilisation * 100)}% used, ≤ ${(CASSANDRA.dataPerNodeGib / 1024).toFixed(2)} TiB of data per node)`,
    },
  );
  const explanation = explain
    ? [
        `${s.nodesPerZone} × ${shape.name} per zone × ${n.zones} zones (RF ${n.rf}, one replica per zone); ${driver.text} decides the size.`,
        `CPU: square-root staffing of ${Math.round(d.readsPerSecond)} reads/s × ${n.cpu.read} ms and ${Math.round(d.writesPerSecond)} writes/s × ${n.cpu.write} ms, doubled for compaction and repair → ${s.requirements.cpuCores} ${shape.name} cores per zone.`,
        `Disk: ${round2(d.datasetGiB)} GiB ÷ ${n.compression} compression × RF ${n.rf} ÷ ${n.zones} zones × ${n.diskBuffer.toFixed(2)} buffer = ${n.diskPerZone} GiB per zone (≤ ${Math.round(CASSANDRA.maxDiskUtilisation * 100)}% used).`,
        `Memory: heap ${heap} GiB, memtable flush at min_threshold ${n.minThreshold}; page cache ${round2(pageCache)} GiB per node holds ${pct(cached)} of the ${round2(n.dataPerZone)} GiB per zone (the read SLO would like ${pct(ws)} of it in RAM${cached + 1e-9 < ws ? "; the rest of the reads go to the drive" : ""}).`,
        `Disk IO per zone: ${fmtInt(missIops)} read IOs/s that miss the page cache (${ioPerRead(nodeDataEstimate)} IOs per read under leveled compaction)${
          storage === "attached"
            ? ` + ${fmtInt(writeIops)} write IOs/s (${CASSANDRA.writeIosPerChunk} per 256 KiB written)`
            : "; writes are sequential and not bounded by the drive's random-IO rating"
        }.`,
      ]
    : [];
  return {
    ok: true,
    cluster: sizedCluster(s, {
      role,
      driver,
      family: "cassandra",
      instance: shape,
      zones: n.zones,
      params: {
        "cassandra.keyspace.rf": n.rf,
        "cassandra.heap.gib": heap,
        "cassandra.heap.write.percent": n.writeHeapShare,
        "cassandra.compaction.min_threshold": n.minThreshold,
        "cassandra.consistency": "LOCAL_QUORUM",
        "disk.buffer": round2(n.diskBuffer),
      },
      explanation,
    }),
  };
}

const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const fmtInt = (v: number) => INT.format(Math.round(v));
const usd = (v: number) => `$${fmtInt(v)}`;

/** Bytes a mutation takes on the wire and in SSTables: 900 + 1.42 × the application's bytes (SCM's billing fit). */
export function cassandraWireBytes(writeItemBytes: number): number {
  return CASSANDRA.wireFixedBytes + CASSANDRA.wireAmplification * writeItemBytes;
}

export interface CassandraServiceCosts {
  networkTransfer: number;
  backup: number;
  /** What was assumed, in words, for the plan's explanation. */
  explanation: string[];
}

/**
 * Transfer and backup costs of one region's Cassandra cluster (annual).
 *
 * Rates are what each region's cluster handles (the workload contract): with cross-region replication every region
 * applies every write, and originates an equal share (1/n) of them, which it sends to the n − 1 other regions.
 * - Cross-zone: each write is sent from its coordinator's zone to the zones of the rf − 1 other replicas.
 * - Cross-region: this region's share of the writes, sent to each of the n − 1 other regions: W × (n − 1)/n.
 * - Backup (durable data): S3 standard holds a snapshot of what is on the drives — the compressed data of every
 *   replica, since each node uploads its own SSTables (no free-space buffer: it is not data) — plus the
 *   incremental uploads of the write stream at its wire size, kept `backupRetentionDays` (SCM's fit: the
 *   compacted-away SSTables retained after compaction amount to ~14 days of writes).
 */
export function cassandraServiceCosts(d: PointDesires, hw: RegionHardware, explain = true): CassandraServiceCosts {
  const rf = replicationFactor(d);
  const wire = cassandraWireBytes(d.writeItemBytes);
  const wireGib = gibPerYear(d.writesPerSecond, wire);
  const inter = hw.services["net.inter.region"]?.perGibYear ?? 0;
  const intra = hw.services["net.intra.region"]?.perGibYear ?? 0;
  const s3 = hw.services["blob.standard"]?.perGibYear ?? 0;
  const replicated = d.regionCount > 1 && d.crossRegionReplication;
  const crossZone = intra * wireGib * (rf - 1);
  const crossRegion = replicated ? inter * wireGib * ((d.regionCount - 1) / d.regionCount) : 0;
  const explanation = !explain
    ? []
    : [
        `Transfer: ${fmtInt(wireGib)} GiB a year of writes at wire size (${Math.round(wire)} B each: 900 B + 1.42 × ${d.writeItemBytes} B) × ${rf - 1} cross-zone cop${rf - 1 === 1 ? "y" : "ies"} at $${intra}/GiB = ${usd(crossZone)}${
          replicated
            ? `, and this region's 1/${d.regionCount} of them × ${d.regionCount - 1} other region${d.regionCount > 2 ? "s" : ""} at $${inter}/GiB = ${usd(crossRegion)}`
            : ""
        }.`,
      ];
  const compression = d.compressionRatio ?? CASSANDRA_DEFAULTS.compressionRatio;
  const retention = d.backupRetentionDays ?? CASSANDRA_DEFAULTS.backupRetentionDays;
  let backup = 0;
  if (d.durability === "durable" && retention > 0) {
    const snapshotGib = (d.datasetGiB / compression) * rf;
    const dailyGib = (d.writesPerSecond * wire * 86_400) / GIB;
    const storedGib = snapshotGib + dailyGib * retention;
    backup = s3 * storedGib;
    if (explain)
      explanation.push(
        `Backup: S3 standard at $${s3} per GiB-year (${hw.priceTableId} price table: ${hw.priceSource}) × ${fmtInt(storedGib)} GiB = ${usd(backup)} a year — a snapshot of the ${fmtInt(snapshotGib)} GiB on the drives (${round2(d.datasetGiB)} GiB ÷ ${compression} compression × ${rf} replicas) plus ${retention} days of incremental SSTable uploads (${fmtInt(dailyGib)} GiB a day at wire size).`,
      );
  } else if (d.durability === "durable" && explain) {
    explanation.push("Backup: none (a retention of 0 days was asked for).");
  }
  return { networkTransfer: round2(crossZone + crossRegion), backup: round2(backup), explanation };
}

/**
 * Fewest nodes per zone any sizing of `shape` can give: the tier floor, the CPU the zone needs and the disk at the
 * data-per-node cap. A cheap bound that lets a search skip shapes that cannot win without sizing them; 0 for a shape
 * Cassandra rejects outright, so the search still sizes it and lists the reason.
 */
export function cassandraMinNodes(d: PointDesires, hw: RegionHardware, shape: PricedInstance, minNodesPerZone = 0): number {
  if (shapeMisfit(shape, d.storage)) return 0;
  const n = cassandraNeeds(d, hw);
  return Math.max(
    d.tier <= 1 ? CASSANDRA.criticalTierMinNodes : 1,
    minNodesPerZone,
    Math.ceil(normalizeCores(n.refCoresPerZone, shape) / shape.vcpu),
    Math.ceil(n.diskPerZone / n.maxDiskPerNode),
  );
}

/** Rank: compute with a penalty for very large instances (slow to stream and replace), plus services. */
export function cassandraRank(cluster: SizedCluster, services: number): number {
  const size = sizeMultiplier(cluster.instance.size);
  const largePenalty = size > 8 ? (0.2 * (size - 8)) / 8 : 0;
  return (cluster.computeCost + cluster.driveCost) * (1 + largePenalty) + services;
}

export const cassandra: StoreModel = {
  family: "cassandra",
  defaults: CASSANDRA_DEFAULTS,
  engine: { name: "apache-cassandra", version: "4.1" },
  primaryRole: "data",

  assess(w: Workload) {
    const reasons: string[] = [];
    const against: string[] = [];
    let score = 50;
    if (w.consistency === "linearizable") {
      against.push("Cassandra offers at most read-your-writes (LOCAL_QUORUM); linearizable needs lightweight transactions, which do not scale.");
    }
    if (w.accessPattern === "time-series") {
      score += 35;
      reasons.push("Time-series data fits Cassandra's wide partitions (one row per entity, clustered by time).");
    } else if (w.accessPattern === "key-value") {
      score += 20;
      reasons.push("Key-value access by partition key is Cassandra's native model.");
    } else {
      score -= 30;
      against.push(`A ${w.accessPattern} access pattern is not Cassandra's data model.`);
    }
    const writes = typeof w.writesPerSecond === "number" ? w.writesPerSecond : w.writesPerSecond.mid;
    const data = typeof w.datasetGiB === "number" ? w.datasetGiB : w.datasetGiB.mid;
    if (writes >= 10_000) {
      score += 10;
      reasons.push(`${writes.toLocaleString("en-US")} writes/s: the log-structured write path absorbs very high write rates.`);
    }
    if (data + (w.growthGiBPerMonth ?? 0) * w.horizonMonths >= 100) {
      score += 5;
      reasons.push("A large data set scales out across nodes on local NVMe.");
    }
    if (w.regions.length > 1) {
      score += 5;
      reasons.push("Multi-region replication is built in (NetworkTopologyStrategy per region).");
    }
    if (w.durability === "rebuildable" && w.accessPattern === "key-value") {
      score -= 10;
      against.push("Rebuildable data with key-value access is cheaper in a cache.");
    }
    if (w.readLatencyP99Ms !== undefined && w.readLatencyP99Ms < CASSANDRA.minReadP99Ms) {
      score -= 25;
      against.push(`A ${w.readLatencyP99Ms} ms p99 read SLO is below what Cassandra reliably serves (a few ms at p99).`);
    }
    if (w.features?.includes("full-text")) against.push("No full-text search; pair with an Elasticsearch index.");
    if (w.features?.includes("traversals")) {
      score -= 20;
      against.push("No graph traversals.");
    }
    if (w.features?.includes("delayed-delivery") || w.features?.includes("priorities")) {
      score -= 20;
      against.push("Not a queue: no delayed delivery or priorities (queues on Cassandra are a known anti-pattern).");
    }
    return { admissible: w.consistency !== "linearizable", score: Math.max(0, Math.min(100, score)), reasons, against };
  },

  planRegion(d: PointDesires, hw: RegionHardware, options: PlanRegionOptions): RegionPlan {
    const warnings: string[] = [];
    if (d.consistency === "linearizable")
      warnings.push("Cassandra cannot give linearizable consistency; this plan serves LOCAL_QUORUM (read-your-writes in region).");
    const services = cassandraServiceCosts(d, hw, !options.quiet);
    const minNodes = options.minNodesPerZone ?? 0;
    const { candidates, rejected } = searchShapes({
      hardware: hw,
      desires: d,
      options,
      size: (shape, explain) => sizeCassandra(d, hw, shape, "data", minNodes, explain),
      toCandidate: (cluster) => ({
        clusters: [cluster],
        networkTransferCost: services.networkTransfer,
        backupCost: services.backup,
        explanation: [...cluster.explanation, ...services.explanation],
      }),
      rankOf: (cluster) => cassandraRank(cluster, services.networkTransfer + services.backup),
      lowerBoundOf: (shape) =>
        shape.annualCost * hw.zones * Math.max(d.tier <= 1 ? CASSANDRA.criticalTierMinNodes : 1, minNodes) + services.networkTransfer + services.backup,
      shapeBoundOf: (shape) => shape.annualCost * hw.zones * cassandraMinNodes(d, hw, shape, minNodes) + services.networkTransfer + services.backup,
    });
    return { candidates, rejected, warnings };
  },

  thresholds(d: PointDesires, clusters: readonly SizedCluster[]): Threshold[] {
    const role = clusters[0]?.role ?? "data";
    const readSloMs = d.readLatencyP99Ms ?? CASSANDRA_DEFAULTS.readLatencyP99Ms;
    const writeSloMs = d.writeLatencyP99Ms ?? CASSANDRA_DEFAULTS.writeLatencyP99Ms;
    return [
      {
        metric: "read-latency-p99",
        role,
        family: "cassandra",
        comparison: "above",
        warning: round2(readSloMs * 0.8),
        critical: readSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "Coordinator p99 read latency against the read SLO.",
      },
      {
        metric: "write-latency-p99",
        role,
        family: "cassandra",
        comparison: "above",
        warning: round2(writeSloMs * 0.8),
        critical: writeSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "Coordinator p99 write latency against the write SLO.",
      },
      {
        metric: "cpu-utilisation",
        role,
        family: "cassandra",
        comparison: "above",
        warning: 60,
        critical: 80,
        unit: "percent",
        forMinutes: 15,
        description: "Sustained CPU leaves no room for compaction and repair.",
      },
      {
        metric: "disk-used",
        role,
        family: "cassandra",
        comparison: "above",
        warning: 50,
        critical: Math.round(CASSANDRA.maxDiskUtilisation * 100),
        unit: "percent",
        forMinutes: 10,
        description: "Compaction needs free space: stay under ~55% used.",
      },
    ];
  },
};
