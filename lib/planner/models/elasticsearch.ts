// Elasticsearch (search), the Netflix way: separate dedicated master, data and search (coordinating) node groups,
// one autoscaling group per zone for each, zone-aware replicas on local NVMe, JVM heap = half of RAM capped below
// 32 GiB (compressed oops), and no more than ~8 TiB of data per node (bigger nodes are painful to recover).
// Learns from service-capacity-modeling's elasticsearch model (../shared/reference/capacity-models.md §7.3).
import type { PricedInstance, RegionHardware } from "../../catalog";
import type { Threshold } from "../../schemas/plan";
import type { Workload } from "../../schemas/workload";
import { workingSetFromDriveAndSlo } from "../kernel/distribution";
import { cheapestShape, eligibleShapes, searchShapes } from "../kernel/shapes";
import { gibPerYear, networkMbps, sqrtStaffedCores } from "../kernel/staffing";
import { memoByDesires } from "../kernel/memo";
import { askedFloor, driverOf, plainDriver, round2, sizeZone, type ZoneSizing, sizedCluster } from "../kernel/zonal";
import type { ModelDefaults, PlanRegionOptions, PointDesires, RegionPlan, ShapeResult, SizedCluster, StoreModel } from "../model";

export const ELASTICSEARCH = {
  minDataVcpu: 2,
  minDataRamGib: 24,
  /** Masters and coordinators: more than 24 GiB RAM and more than 2 vCPU. */
  fixedRoleMinRamGib: 24,
  fixedRoleMinVcpu: 2,
  /** Just below the 32 GiB compressed-oops threshold; half of RAM on smaller shapes. */
  maxHeapGib: 30.5,
  appReserveGib: 1, // sidecar
  systemReserveGib: 1,
  /** Headroom kept free for segment merges: cores = sqrt-staffed × 1.5. */
  backgroundCpuBuffer: 1.5,
  diskBuffer: 1.33,
  /** Nodes holding more than ~8 TiB take too long to recover. */
  maxDataPerNodeGib: 8192,
  maxNodesPerRegion: 120,
  /** Reads per second per node that may go to disk before more data must sit in page cache. */
  maxReadsToDiskPerNode: 1000,
  /** Lucene tiered merging: segments of ~512 MiB, 10 per tier. */
  segmentMib: 512,
  /** IOs per indexed 16 KiB: 1 translog write + ~10 merge reads/writes in the first hour. */
  writeIoPerBlock: 11,
  writeBlockBytes: 16_384,
  /** JVM overhead on buffered network traffic, and seconds of traffic held in heap. */
  jvmNetworkOverhead: 1.2,
  networkHeapSeconds: 2,
  /** Default on-CPU ms per operation when the team gives none (see esCpuMs). */
  cpuMs: { search: 8, aggregation: 20, lookup: 2, indexRf3: 1, indexRf2: 0.6 },
  /** Share of a search's / an indexing request's CPU that runs on the coordinating node (reduce, bulk split). */
  coordinatorShare: { read: 0.15, write: 0.1 },
  /** The search SLO distribution around a p99: low and mid at 1% and 10% of it (the default's 1 / 10 / 100 ms). */
  sloSpread: { low: 0.01, mid: 0.1, confidence: 0.98 },
  /** Working set: keep in RAM what the drive's p90 read would push past the SLO (ES SLOs are loose). */
  driveLatencyPercentile: 0.9,
  /** Disk watermarks: 85% is ES's default low watermark (no new shards); warn well before. */
  diskWarnPercent: 75,
  diskCriticalPercent: 85,
} as const;

/**
 * Elasticsearch's defaults: search SLO 1 / 10 / 100 ms, so a 100 ms p99 (service-capacity-modeling's elasticsearch
 * model), and a 100 ms p99 for bulk indexing; CPU per search by kind (esCpuMs); compression 1.5; one copy of every
 * shard per zone.
 */
export const ELASTICSEARCH_DEFAULTS = {
  readLatencyP99Ms: 100,
  writeLatencyP99Ms: 100,
  readCpuMs: `${ELASTICSEARCH.cpuMs.search} ms a search, ${ELASTICSEARCH.cpuMs.aggregation} ms with aggregations, ${ELASTICSEARCH.cpuMs.lookup} ms a lookup by id`,
  writeCpuMs: `${ELASTICSEARCH.cpuMs.indexRf3} ms at 3 copies, ${ELASTICSEARCH.cpuMs.indexRf2} ms at 2`,
  /** best_compression (DEFLATE) shrinks _source ~3×, but the inverted index and doc values add most of it back. */
  compressionRatio: 1.5,
  copies: "3 copies of every shard, one per zone (2 for a rebuildable index)",
} as const satisfies ModelDefaults;

/** Copies of every shard: primary + replicas, one per zone. RF 2 only when the index can be rebuilt. */
export function esCopies(d: Pick<PointDesires, "durability">): 2 | 3 {
  return d.durability === "rebuildable" ? 2 : 3;
}

/** JVM heap of a data node: half of RAM, capped below 32 GiB so the JVM keeps compressed oops. */
export function esHeapGib(ramGib: number): number {
  return Math.min(ramGib / 2, ELASTICSEARCH.maxHeapGib);
}

/** Disk IOs per search on a node holding `nodeGib`: one per merge tier of 512 MiB segments, plus one. */
export function esIoPerRead(nodeGib: number): number {
  const segments = Math.max(1, Math.floor((nodeGib * 1024) / ELASTICSEARCH.segmentMib));
  return 1 + Math.ceil(Math.log10(segments));
}

/**
 * On-CPU ms per search and per indexed document. A full-text search runs its query phase on one copy of every
 * shard and then fetches the top hits: ~8 ms in all. Aggregations (dashboards) walk doc values for every match:
 * ~20 ms, the reference's analytics default. Lookups by id cost ~2 ms (the reference's latency default).
 * Indexing is redone on every copy (document replication): 1 ms at RF 3, 0.6 ms at RF 2, as the reference.
 */
export function esCpuMs(d: PointDesires): { read: number; write: number; readBasis: string } {
  const c = ELASTICSEARCH.cpuMs;
  const aggregations = d.features.includes("aggregations");
  const search = d.accessPattern === "search" || d.features.includes("full-text");
  const readBasis = d.readCpuMs !== undefined ? "given" : aggregations ? "aggregation" : search ? "full-text search" : "lookup";
  const read = d.readCpuMs ?? (aggregations ? c.aggregation : search ? c.search : c.lookup);
  const write = d.writeCpuMs ?? (esCopies(d) === 3 ? c.indexRf3 : c.indexRf2);
  return { read, write, readBasis };
}

/** SLO distribution for searches around the p99: the team's, else the default. */
export function esReadSlo(d: Pick<PointDesires, "readLatencyP99Ms">) {
  const p99 = d.readLatencyP99Ms ?? ELASTICSEARCH_DEFAULTS.readLatencyP99Ms;
  const { low, mid, confidence } = ELASTICSEARCH.sloSpread;
  return { low: p99 * low, mid: p99 * mid, high: p99, confidence };
}

/** Heap (GiB) that buffers `mbps` of traffic for a couple of seconds. */
function networkHeapGib(mbps: number): number {
  return ((mbps * ELASTICSEARCH.jvmNetworkOverhead) / 8 / 1024) * ELASTICSEARCH.networkHeapSeconds;
}

function tooSmallForFixedRole(s: PricedInstance): boolean {
  return s.ramGib <= ELASTICSEARCH.fixedRoleMinRamGib || s.vcpu <= ELASTICSEARCH.fixedRoleMinVcpu;
}

/** Sizes the data role on one shape. */
export function sizeElasticsearchData(d: PointDesires, hw: RegionHardware, shape: PricedInstance, minNodesPerZone = 0, explain = true): ShapeResult {
  const E = ELASTICSEARCH;
  const reject = (code: string, reason: string): ShapeResult => ({ ok: false, instanceType: shape.name, code, reason });
  if (shape.vcpu < E.minDataVcpu) return reject("too-small", `${shape.vcpu} vCPU: Elasticsearch data nodes need at least ${E.minDataVcpu}`);
  if (shape.ramGib < E.minDataRamGib) return reject("too-small", `${shape.ramGib} GiB RAM: Elasticsearch data nodes need at least ${E.minDataRamGib} GiB`);
  if (!shape.localDrive) return reject("no-local-disk", "no local NVMe drive; Elasticsearch data nodes run on local NVMe only");
  const heap = esHeapGib(shape.ramGib);
  const reserved = heap + E.appReserveGib + E.systemReserveGib;
  if (shape.ramGib - reserved <= 0) {
    return reject(
      "memory-reserved",
      `${shape.ramGib} GiB RAM leaves no page cache after a ${heap} GiB heap and ${E.appReserveGib + E.systemReserveGib} GiB of reserves`,
    );
  }

  const zones = hw.zones;
  const copies = esCopies(d);
  const cpu = esCpuMs(d);
  const compression = d.compressionRatio ?? ELASTICSEARCH_DEFAULTS.compressionRatio;
  const refCores = Math.ceil(
    sqrtStaffedCores({ reads: d.readsPerSecond, writes: d.writesPerSecond, readCpuMs: cpu.read, writeCpuMs: cpu.write, tier: d.tier }) * E.backgroundCpuBuffer,
  );
  const network = networkMbps(d.readsPerSecond, d.readItemBytes, d.writesPerSecond, d.writeItemBytes) * 2;
  const dataPerZone = Math.ceil((d.datasetGiB / compression) * copies) / zones;
  const diskPerZone = dataPerZone * E.diskBuffer;
  const diskPerNodeCap = Math.min(shape.localDrive.sizeGib, E.maxDataPerNodeGib * E.diskBuffer);

  // Working set. The SLO part: what the drive's p90 read would push past the search SLO. The read-rate part: keep
  // reads that reach disk under ~1000/s per node. Nodes are estimated from disk alone (a continuous estimate), so
  // the requirement only grows with reads and data; more nodes for CPU would only lower the real need.
  const wsSlo = workingSetFromDriveAndSlo(shape.localDrive.readLatencyMs, esReadSlo(d), E.driveLatencyPercentile);
  const nodeEstimate = Math.max(1, diskPerZone / diskPerNodeCap);
  const dataPerNode = dataPerZone / nodeEstimate;
  const readsPerZone = d.readsPerSecond / zones;
  const ioPerRead = esIoPerRead(dataPerNode);
  const wsReads = Math.min(1, ((readsPerZone / nodeEstimate) * ioPerRead) / E.maxReadsToDiskPerNode);
  const ws = Math.min(wsSlo, wsReads);
  const memoryPerZone = ws * dataPerZone + networkHeapGib(network) / zones;

  const writeBytesPerZone = ((d.writesPerSecond * copies) / zones) * d.writeItemBytes;
  const writeIops = E.writeIoPerBlock * Math.max(1, writeBytesPerZone / E.writeBlockBytes);
  const maxPerZone = Math.floor(E.maxNodesPerRegion / zones);

  const sized = sizeZone(
    shape,
    { referenceCores: refCores / zones, memoryGib: memoryPerZone, diskGib: diskPerZone, networkMbps: network, readIops: readsPerZone * ioPerRead, writeIops },
    {
      reservedMemoryGib: reserved,
      minNodesPerZone: Math.max(1, minNodesPerZone),
      maxNodesPerZone: maxPerZone,
      storage: "local",
      maxDiskPerNodeGib: E.maxDataPerNodeGib * E.diskBuffer,
      zones,
    },
  );
  if (!sized.ok) {
    const reason = sized.code === "too-many-nodes" ? `${sized.reason} (${E.maxNodesPerRegion} data nodes per region)` : sized.reason;
    return reject(sized.code, reason);
  }
  const s = sized.sizing;
  const driver = !explain
    ? plainDriver(s.bottleneck)
    : driverOf(
        s,
        [{ nodes: 1, text: "one data node per zone (a copy of every shard in each zone)" }, ...(minNodesPerZone > 0 ? [askedFloor(minNodesPerZone)] : [])],
        {
          disk: `disk capacity (at most ${Math.round(diskPerNodeCap)} GiB per node: ${diskPerNodeCap < shape.localDrive.sizeGib ? "the ~8 TiB recovery limit × 1.33" : "the local drive"})`,
        },
      );
  const decidedBy = driver.text;
  const explanation = !explain
    ? []
    : [
        `${s.nodesPerZone} × ${shape.name} data nodes per zone × ${zones} zones (${copies} copies of every shard, one per zone); ${decidedBy} decides the size.`,
        `CPU: square-root staffing of ${Math.round(d.readsPerSecond)} searches/s × ${cpu.read} ms (${cpu.readBasis}) and ${Math.round(d.writesPerSecond)} indexed documents/s × ${cpu.write} ms, × ${E.backgroundCpuBuffer} for segment merges → ${s.requirements.cpuCores} ${shape.name} cores per zone.`,
        `Disk: ${round2(d.datasetGiB)} GiB ÷ ${compression} compression × ${copies} copies ÷ ${zones} zones × ${E.diskBuffer} buffer = ${round2(diskPerZone)} GiB per zone.`,
        `Memory: ${(ws * 100).toFixed(1)}% of the index in page cache (${
          wsReads < wsSlo
            ? `enough to keep ${Math.round(readsPerZone)} searches/s per zone under ${E.maxReadsToDiskPerNode} disk reads/s per node`
            : "so the drive's p90 read keeps searches within the SLO"
        }); JVM heap ${round2(heap)} GiB (half of RAM, below 32 GiB for compressed oops).`,
      ];
  return {
    ok: true,
    cluster: sizedCluster(s, {
      role: "data",
      driver,
      family: "elasticsearch",
      instance: shape,
      zones,
      params: {
        "elasticsearch.copies": copies,
        "elasticsearch.number_of_replicas": copies - 1,
        "elasticsearch.heap.gib": round2(heap),
        "elasticsearch.node.roles": "data",
        "cluster.routing.allocation.awareness.attributes": "zone",
        effective_disk_per_node_gib: Math.round(diskPerNodeCap),
        "disk.buffer": E.diskBuffer,
      },
      explanation,
    }),
  };
}

/** Dedicated masters: one per zone (a quorum of three) on the cheapest shape with > 24 GiB RAM and > 2 vCPU. */
export const sizeElasticsearchMasters = memoByDesires((d: PointDesires, hw: RegionHardware): SizedCluster | undefined => {
  const shape = cheapestShape(eligibleShapes(hw, d, {}), (s) => !tooSmallForFixedRole(s));
  if (!shape) return undefined;
  const heap = esHeapGib(shape.ramGib);
  return {
    role: "master",
    family: "elasticsearch",
    instance: shape,
    nodesPerZone: 1,
    zones: hw.zones,
    requirements: { cpuCores: 2, memoryGib: ELASTICSEARCH.fixedRoleMinRamGib, diskGib: 0, networkMbps: 0 },
    utilisation: { cpu: round2(2 / shape.vcpu), memory: round2(ELASTICSEARCH.fixedRoleMinRamGib / shape.ramGib), disk: 0, network: 0 },
    bottleneck: "minimum",
    driver: { resource: "minimum", text: "one dedicated master per zone (a quorum that survives losing a zone)" },
    computeCost: round2(hw.zones * shape.annualCost),
    driveCost: 0,
    params: { "elasticsearch.node.roles": "master", "elasticsearch.heap.gib": round2(heap), "discovery.master_eligible_nodes": hw.zones },
    explanation: [
      `1 × ${shape.name} dedicated master per zone × ${hw.zones} zones: the cheapest shape with more than 24 GiB RAM and 2 vCPU; a quorum survives losing a zone.`,
    ],
  };
});

/**
 * Search (coordinating-only) nodes: at least one per zone. Unlike the reference (always one per zone) they scale
 * with traffic: every search is reduced on a coordinator (merging per-shard top hits and aggregation buckets, ~15%
 * of its CPU) and every bulk request is split by shard there (~10%). The shape is the one with the cheapest zone
 * among those with > 24 GiB RAM and > 2 vCPU (the masters' rule): at low traffic that is the masters' shape; as
 * traffic grows a bigger shape may take over with fewer nodes, but the cost never falls as load grows.
 */
export const sizeElasticsearchCoordinators = memoByDesires((d: PointDesires, hw: RegionHardware): SizedCluster | undefined => {
  const E = ELASTICSEARCH;
  const zones = hw.zones;
  const cpu = esCpuMs(d);
  const refCores = Math.ceil(
    sqrtStaffedCores({
      reads: d.readsPerSecond,
      writes: d.writesPerSecond,
      readCpuMs: cpu.read * E.coordinatorShare.read,
      writeCpuMs: cpu.write * E.coordinatorShare.write,
      tier: d.tier,
    }) * E.backgroundCpuBuffer,
  );
  // Client ↔ coordinator and coordinator ↔ data nodes: twice the payload, spread over the zones.
  const network = (networkMbps(d.readsPerSecond, d.readItemBytes, d.writesPerSecond, d.writeItemBytes) * 2) / zones;
  let best: { shape: PricedInstance; sizing: ZoneSizing } | undefined;
  for (const shape of eligibleShapes(hw, d, {})) {
    if (tooSmallForFixedRole(shape)) continue;
    // Cheapest first: once one node per zone costs more than the best zone found, no later shape can win.
    if (best && shape.annualCost * zones > best.sizing.computeCost) break;
    const r = sizeZone(
      shape,
      { referenceCores: refCores / zones, memoryGib: networkHeapGib(network), diskGib: 0, networkMbps: network },
      {
        reservedMemoryGib: shape.ramGib - esHeapGib(shape.ramGib),
        minNodesPerZone: 1,
        maxNodesPerZone: Math.floor(E.maxNodesPerRegion / zones),
        storage: "none",
        zones,
      },
    );
    if (!r.ok) continue;
    if (!best || r.sizing.computeCost < best.sizing.computeCost || (r.sizing.computeCost === best.sizing.computeCost && shape.name < best.shape.name)) {
      best = { shape, sizing: r.sizing };
    }
  }
  if (!best) return undefined;
  const { shape, sizing: s } = best;
  return sizedCluster(s, {
    role: "search",
    driver: driverOf(s, [{ nodes: 1, text: "one search node per zone" }]),
    family: "elasticsearch",
    instance: shape,
    zones,
    params: { "elasticsearch.node.roles": "coordinating-only", "elasticsearch.heap.gib": round2(esHeapGib(shape.ramGib)) },
    explanation: [
      `${s.nodesPerZone} × ${shape.name} search (coordinating) node${s.nodesPerZone > 1 ? "s" : ""} per zone × ${zones} zones: ${
        s.bottleneck === "minimum" ? "one per zone is enough for the reduce phase of" : `${s.bottleneck} for the reduce phase of`
      } ${Math.round(d.readsPerSecond)} searches/s and the bulk routing of ${Math.round(d.writesPerSecond)} documents/s.`,
    ],
  });
});

/**
 * Transfer and snapshot costs of one region (annual). The reference models none; we add replica traffic across
 * zones, cross-cluster replication to the other regions when asked, and S3 snapshots of primaries for durable data.
 */
export function elasticsearchServiceCosts(d: PointDesires, hw: RegionHardware): { networkTransfer: number; backup: number } {
  const copies = esCopies(d);
  const indexedGib = gibPerYear(d.writesPerSecond, d.writeItemBytes);
  const inter = hw.services["net.inter.region"]?.perGibYear ?? 0;
  const intra = hw.services["net.intra.region"]?.perGibYear ?? 0;
  const s3 = hw.services["blob.standard"]?.perGibYear ?? 0;
  const ccr = d.crossRegionReplication && d.regionCount > 1;
  // Same per-region share as Cassandra's transfer: each region pays (n − 1)/n of its writes' egress.
  const networkTransfer = intra * indexedGib * (copies - 1) + (ccr ? inter * indexedGib * ((d.regionCount - 1) / d.regionCount) : 0);
  // Snapshots are incremental by segment: the store holds about one compressed copy of the primaries.
  const backup = d.durability === "durable" ? s3 * (d.datasetGiB / (d.compressionRatio ?? ELASTICSEARCH_DEFAULTS.compressionRatio)) : 0;
  return { networkTransfer: round2(networkTransfer), backup: round2(backup) };
}

export const elasticsearch: StoreModel = {
  family: "elasticsearch",
  defaults: ELASTICSEARCH_DEFAULTS,
  engine: { name: "elasticsearch", version: "8.15" },
  primaryRole: "data",

  assess(w: Workload) {
    const reasons: string[] = [];
    const against: string[] = [];
    let score = 30;
    const strong = w.consistency === "read-your-writes" || w.consistency === "linearizable";
    if (strong) {
      against.push(
        `Elasticsearch offers at most eventual consistency (searches see writes after a ~1 s refresh); ${w.consistency} cannot be met by it as the primary store.`,
      );
    }
    if (w.accessPattern === "search") {
      score += 40;
      reasons.push("Search access (interactive queries, dashboards, ad-hoc filters) is what Elasticsearch is built for.");
    } else if (w.accessPattern === "time-series") {
      score += 5;
      reasons.push("Time-stamped events (logs, incidents) can be indexed per time window for near-real-time search.");
    } else {
      score -= 25;
      against.push(`A ${w.accessPattern} access pattern is not what an inverted index serves best.`);
    }
    const features = w.features ?? [];
    if (features.includes("full-text")) {
      score += 15;
      reasons.push("Full-text search with relevance scoring and analysers.");
    }
    if (features.includes("aggregations")) {
      score += 10;
      reasons.push("Aggregations power interactive dashboards and ad-hoc breakdowns.");
    }
    if (features.includes("secondary-indexes")) {
      score += 5;
      reasons.push("Every field is indexed: ad-hoc queries on any attribute.");
    }
    if (features.includes("traversals")) {
      score -= 25;
      against.push("No graph traversals; it can index a graph's entities, not walk its edges.");
    }
    if (features.includes("delayed-delivery") || features.includes("priorities")) {
      score -= 30;
      against.push("Not a queue: no delayed delivery or priorities.");
    }
    if (w.durability === "durable") {
      score -= 10;
      against.push(
        "Weaker as the system of record: acknowledged writes can be lost in some failure modes and mappings cannot change in place; keep the source of truth elsewhere (e.g. Cassandra) and rebuild the index from it.",
      );
    } else {
      reasons.push("A rebuildable index can run with one replica (2 copies), halving its disk.");
    }
    if (w.readLatencyP99Ms !== undefined && w.readLatencyP99Ms < 10) {
      score -= 20;
      against.push(`A ${w.readLatencyP99Ms} ms p99 read SLO is tight for searches that fan out to every shard.`);
    }
    if (w.regions.length > 1 && w.crossRegionReplication) reasons.push("Cross-cluster replication follows indices into other regions.");
    return { admissible: !strong, score: Math.max(0, Math.min(100, score)), reasons, against };
  },

  planRegion(d: PointDesires, hw: RegionHardware, options: PlanRegionOptions): RegionPlan {
    const warnings: string[] = [];
    if (d.consistency === "read-your-writes" || d.consistency === "linearizable") {
      warnings.push(`Elasticsearch cannot give ${d.consistency} consistency; this plan serves eventual (near-real-time) search.`);
    }
    if (d.storage === "attached") warnings.push("Elasticsearch data nodes run on local NVMe only here; the attached-storage preference is not honoured.");
    const masters = sizeElasticsearchMasters(d, hw);
    const coordinators = sizeElasticsearchCoordinators(d, hw);
    if (!masters || !coordinators) {
      warnings.push("No eligible shape for dedicated masters and search nodes: they need more than 24 GiB RAM and more than 2 vCPU.");
      return { candidates: [], rejected: [], warnings };
    }
    const services = elasticsearchServiceCosts(d, hw);
    const servicesCost = services.networkTransfer + services.backup;
    const { candidates, rejected } = searchShapes({
      hardware: hw,
      desires: d,
      options,
      size: (shape, explain) => sizeElasticsearchData(d, hw, shape, options.minNodesPerZone ?? 0, explain),
      toCandidate: (data) => ({
        clusters: [data, masters, coordinators],
        networkTransferCost: services.networkTransfer,
        backupCost: services.backup,
        explanation: [...data.explanation, ...masters.explanation, ...coordinators.explanation],
      }),
      // No penalties: the 8 TiB-per-node cap and the 120-node limit already keep shapes sensible.
      rankOf: (data) => round2(data.computeCost + data.driveCost + masters.computeCost + coordinators.computeCost + servicesCost),
      lowerBoundOf: (shape) =>
        shape.annualCost * hw.zones * Math.max(1, options.minNodesPerZone ?? 0) + masters.computeCost + coordinators.computeCost + servicesCost,
    });
    return { candidates, rejected, warnings };
  },

  thresholds(d: PointDesires, _clusters: readonly SizedCluster[]): Threshold[] {
    const data = "data";
    const search = "search"; // coordinators see the end-to-end search latency
    const readSloMs = d.readLatencyP99Ms ?? ELASTICSEARCH_DEFAULTS.readLatencyP99Ms;
    const writeSloMs = d.writeLatencyP99Ms ?? ELASTICSEARCH_DEFAULTS.writeLatencyP99Ms;
    const f = "elasticsearch" as const;
    return [
      {
        metric: "read-latency-p99",
        role: search,
        family: f,
        comparison: "above",
        warning: round2(readSloMs * 0.8),
        critical: readSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "p99 search latency seen by the coordinating nodes, against the search SLO.",
      },
      {
        metric: "write-latency-p99",
        role: data,
        family: f,
        comparison: "above",
        warning: round2(writeSloMs * 0.8),
        critical: writeSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "p99 indexing (bulk) latency against the write SLO.",
      },
      {
        metric: "cpu-utilisation",
        role: data,
        family: f,
        comparison: "above",
        warning: 60,
        critical: 80,
        unit: "percent",
        forMinutes: 15,
        description: "Data nodes are sized with a third of their CPU free for segment merges.",
      },
      {
        metric: "disk-used",
        role: data,
        family: f,
        comparison: "above",
        warning: ELASTICSEARCH.diskWarnPercent,
        critical: ELASTICSEARCH.diskCriticalPercent,
        unit: "percent",
        forMinutes: 10,
        description: "At 85% (the low disk watermark) Elasticsearch stops allocating shards to the node; warn at 75% to add nodes first.",
      },
      {
        metric: "jvm-heap-used",
        role: data,
        family: f,
        comparison: "above",
        warning: 75,
        critical: 85,
        unit: "percent",
        forMinutes: 10,
        description: "Sustained heap above 75% means long GC pauses; above 85% the circuit breakers start rejecting requests.",
      },
      {
        metric: "cluster-status",
        role: data,
        family: f,
        comparison: "above",
        critical: 1,
        unit: "status",
        forMinutes: 5,
        description:
          "Cluster health encoded as 0 = green, 1 = yellow (a replica unassigned), 2 = red (a primary unassigned); critical at 1 or more, i.e. whenever it is not green.",
      },
    ];
  },
};
