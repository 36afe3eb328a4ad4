// Graph: JanusGraph (Titan's successor) on Cassandra, queried with Gremlin. Two roles per region: stateless
// JanusGraph servers, CPU-bound by traversal cost, and a Cassandra storage cluster holding the graph. The reference
// planner has no native graph model; traversal amplification follows its GraphKV model
// (../shared/reference/capacity-models.md §7.5) and the server tier its stateless Java tier (§7.4). The
// Elasticsearch index of a searchable graph is a companion cluster the planner adds, not part of this model.
import type { PricedInstance, RegionHardware } from "../../catalog";
import type { Threshold } from "../../schemas/plan";
import type { Workload } from "../../schemas/workload";
import { eligibleShapes, searchShapes } from "../kernel/shapes";
import { memoByDesires } from "../kernel/memo";
import { GIB, networkMbps, normalizeCores, sqrtStaffedCores } from "../kernel/staffing";
import { askedFloor, driverOf, plainDriver, round2, sizeZone, sizedCluster, tierFloor } from "../kernel/zonal";
import type { ModelDefaults, PlanRegionOptions, PointDesires, RegionPlan, ShapeResult, SizedCluster, StoreModel } from "../model";
import { CASSANDRA, CASSANDRA_DEFAULTS, cassandraMinNodes, cassandraServiceCosts, sizeCassandra } from "./cassandra";

export const GRAPH = {
  /** Backend reads per expanded vertex: the vertex and its edge index (GraphKV measured 1.17–1.37). */
  readsPerExpansion: 1.4,
  /** Backend mutations per logical write: an edge is written in both directions, plus index entries. */
  writeAmplification: 1.5,
  /** Bytes one stored record (edge or property column) takes with its key and metadata. */
  bytesPerRecord: 256,
  /** Traversals stop expanding once this many edges have been walked. */
  maxEdgesPerTraversal: 100_000,
  /** JanusGraph reads an adjacency list in pages of this many edges (storage.page-size). */
  slicePageEdges: 100,
  /** Servers run at 40% so a zone's traffic can fail over to the others, like the reference's Java tiers. */
  targetUtilisation: 0.4,
  minVcpu: 2,
  minRamGib: 8,
  minHeapGib: 4,
  maxHeapGib: 30.5,
  /** Heap JanusGraph keeps for itself (schema cache, transactions) before buffering traffic. */
  baseHeapGib: 2,
  jvmNetworkOverhead: 1.2,
  networkHeapSeconds: 2,
  maxNodesPerRegion: 256,
  criticalTierMinNodes: 2,
} as const;

/**
 * The graph's defaults: a 50 ms p99 traversal and a 20 ms p99 mutation (commit); on a graph server 0.25 ms of CPU
 * per vertex expansion (deserialise the slice, run the step) and 0.5 ms per mutation; traversals of depth 2 and
 * fan-out 10. The Cassandra storage tier keeps Cassandra's own defaults (its SLOs, CPU and alarms).
 */
export const GRAPH_DEFAULTS = {
  readLatencyP99Ms: 50,
  writeLatencyP99Ms: 20,
  readCpuMs: 0.25,
  writeCpuMs: 0.5,
  compressionRatio: CASSANDRA_DEFAULTS.compressionRatio,
  copies: `the graph in Cassandra: ${CASSANDRA_DEFAULTS.copies}`,
  backupRetentionDays: CASSANDRA_DEFAULTS.backupRetentionDays,
  traversalDepth: 2,
  fanout: 10,
} as const satisfies ModelDefaults & Record<string, unknown>;

export interface Amplification {
  /** Vertices expanded per traversal (Σ frontier sizes, up to the edge cut-off). */
  expansions: number;
  /** Backend reads per traversal: readsPerExpansion × expansions. */
  factor: number;
  /** Hops actually walked (less than the depth when the edge cut-off stopped the traversal). */
  hops: number;
  cutOff: boolean;
}

/**
 * Backend reads per traversal: 1.4 × Σ_{h=1..depth} fanout^{h−1}. Every frontier vertex is expanded by its own
 * read, so fan-out costs nothing at depth 1 (one slice returns all neighbours) and multiplies reads from the
 * second hop on. A hop that pushes the edges walked to 100k is the last one.
 */
export function traversalAmplification(fanout: number, depth: number): Amplification {
  let frontier = 1;
  let expansions = 0;
  let edges = 0;
  let hops = 0;
  let cutOff = false;
  for (let h = 1; h <= depth; h++) {
    expansions += frontier;
    edges += frontier * fanout;
    hops = h;
    if (edges >= GRAPH.maxEdgesPerTraversal) {
      cutOff = h < depth;
      break;
    }
    frontier *= fanout;
  }
  return { expansions, factor: GRAPH.readsPerExpansion * expansions, hops, cutOff };
}

/** Traversal shape with defaults: depth ≥ 1 (whole hops), fan-out ≥ 0. */
export function graphShape(d: Pick<PointDesires, "traversalDepth" | "fanout">): { depth: number; fanout: number } {
  const depth = Number.isFinite(d.traversalDepth) && d.traversalDepth >= 1 ? Math.floor(d.traversalDepth) : GRAPH_DEFAULTS.traversalDepth;
  const fanout = Number.isFinite(d.fanout) && d.fanout >= 0 ? d.fanout : GRAPH_DEFAULTS.fanout;
  return { depth, fanout };
}

/** Stored size of the graph: the data set, or items × 1.5 records × 256 B when that is larger. */
export function graphDataGib(d: Pick<PointDesires, "datasetGiB" | "itemCount">): number {
  const fromItems = ((d.itemCount ?? 0) * GRAPH.writeAmplification * GRAPH.bytesPerRecord) / GIB;
  return Math.max(d.datasetGiB, fromItems);
}

/**
 * What the Cassandra storage cluster sees: the amplified reads (each an adjacency slice of up to a page of edges),
 * the amplified mutations, and the graph's stored size. Per-op CPU times are the graph servers', not Cassandra's,
 * so they are dropped and Cassandra's own defaults apply.
 */
const storageDesiresCache = new WeakMap<PointDesires, PointDesires>();

export function graphStorageDesires(d: PointDesires): PointDesires {
  // Memoised per desires object: the same object then hits Cassandra's per-desires needs cache for every shape.
  const hit = storageDesiresCache.get(d);
  if (hit) return hit;
  const { depth, fanout } = graphShape(d);
  const amp = traversalAmplification(fanout, depth);
  const { readCpuMs: _readCpu, writeCpuMs: _writeCpu, readLatencyP99Ms: _readSlo, writeLatencyP99Ms: _writeSlo, ...rest } = d;
  const storage: PointDesires = {
    ...rest,
    readsPerSecond: d.readsPerSecond * amp.factor,
    writesPerSecond: d.writesPerSecond * GRAPH.writeAmplification,
    readItemBytes: GRAPH.bytesPerRecord * Math.min(GRAPH.slicePageEdges, Math.max(1, fanout)),
    writeItemBytes: Math.max(GRAPH.bytesPerRecord, d.writeItemBytes / GRAPH.writeAmplification),
    datasetGiB: graphDataGib(d),
  };
  storageDesiresCache.set(d, storage);
  return storage;
}

function heapGib(ramGib: number): number {
  return Math.min(Math.max(GRAPH.minHeapGib, Math.floor(ramGib / 2)), GRAPH.maxHeapGib);
}

const graphCpuMs = (d: PointDesires) => ({ read: d.readCpuMs ?? GRAPH_DEFAULTS.readCpuMs, write: d.writeCpuMs ?? GRAPH_DEFAULTS.writeCpuMs });

/** Reference cores of the server tier, all zones: sqrt staffing of expansions and mutations at 40% utilisation. */
export function graphServerRefCores(d: PointDesires): number {
  const { depth, fanout } = graphShape(d);
  const cpu = graphCpuMs(d);
  const staffed = sqrtStaffedCores({
    reads: d.readsPerSecond * traversalAmplification(fanout, depth).factor,
    writes: graphStorageDesires(d).writesPerSecond,
    readCpuMs: cpu.read,
    writeCpuMs: cpu.write,
    tier: d.tier,
  });
  return staffed / GRAPH.targetUtilisation;
}

const serverTooSmall = (shape: PricedInstance) => shape.vcpu < GRAPH.minVcpu || shape.ramGib < GRAPH.minRamGib;

/** Sizes the JanusGraph server role on one shape: sqrt staffing of the traversal work at 40% utilisation. */
export function sizeGraphServers(d: PointDesires, hw: RegionHardware, shape: PricedInstance, minNodesPerZone = 0, explain = true): ShapeResult {
  const reject = (code: string, reason: string): ShapeResult => ({ ok: false, instanceType: shape.name, code, reason });
  if (shape.vcpu < GRAPH.minVcpu) return reject("too-small", `${shape.vcpu} vCPU: JanusGraph servers need at least ${GRAPH.minVcpu}`);
  if (shape.ramGib < GRAPH.minRamGib)
    return reject(
      "too-small",
      `${shape.ramGib} GiB RAM: JanusGraph servers need at least ${GRAPH.minRamGib} GiB (a ${GRAPH.minHeapGib} GiB heap plus off-heap and OS)`,
    );

  const zones = hw.zones;
  const { depth, fanout } = graphShape(d);
  const amp = traversalAmplification(fanout, depth);
  const storage = graphStorageDesires(d);
  const cpu = graphCpuMs(d);
  const expansions = d.readsPerSecond * amp.factor;
  const mutations = storage.writesPerSecond;
  const refCores = graphServerRefCores(d);
  // Clients ↔ servers, and servers ↔ storage (slices in, mutations out).
  const mbps =
    networkMbps(d.readsPerSecond, d.readItemBytes, d.writesPerSecond, d.writeItemBytes) +
    networkMbps(expansions, storage.readItemBytes, mutations, storage.writeItemBytes);
  const networkPerZone = mbps / GRAPH.targetUtilisation / zones;
  const heap = heapGib(shape.ramGib);
  const trafficHeapPerZone = ((networkPerZone * GRAPH.jvmNetworkOverhead) / 8 / 1024) * GRAPH.networkHeapSeconds;
  const floor = Math.max(d.tier <= 1 ? GRAPH.criticalTierMinNodes : 1, minNodesPerZone);

  const sized = sizeZone(
    shape,
    { referenceCores: refCores / zones, memoryGib: trafficHeapPerZone, diskGib: 0, networkMbps: networkPerZone },
    {
      reservedMemoryGib: shape.ramGib - heap + GRAPH.baseHeapGib,
      minNodesPerZone: floor,
      maxNodesPerZone: Math.floor(GRAPH.maxNodesPerRegion / zones),
      storage: "none",
      zones,
    },
  );
  if (!sized.ok) return reject(sized.code, sized.reason);
  const s = sized.sizing;
  const critical = d.tier <= 1 ? GRAPH.criticalTierMinNodes : 1;
  const driver = explain
    ? driverOf(s, [tierFloor(d.tier, critical), ...(minNodesPerZone > 0 ? [askedFloor(minNodesPerZone)] : [])])
    : plainDriver(s.bottleneck);
  const traversal = `${Math.round(d.readsPerSecond)} traversals/s of depth ${depth} and fan-out ${fanout} → ${GRAPH.readsPerExpansion} × ${amp.expansions} = ${round2(amp.factor)} vertex reads each${amp.cutOff ? ` (stopped after hop ${amp.hops}: ${GRAPH.maxEdgesPerTraversal.toLocaleString("en-US")} edges walked)` : ""}`;
  const explanation = !explain
    ? []
    : [
        `${s.nodesPerZone} × ${shape.name} JanusGraph servers per zone × ${zones} zones; ${driver.text} decides the size.`,
        `Traversals: ${traversal}.`,
        `CPU: square-root staffing of ${Math.round(expansions)} vertex expansions/s × ${cpu.read} ms and ${Math.round(mutations)} mutations/s (${GRAPH.writeAmplification} per write) × ${cpu.write} ms, at ${GRAPH.targetUtilisation * 100}% utilisation for failover → ${s.requirements.cpuCores} ${shape.name} cores per zone.`,
      ];
  return {
    ok: true,
    cluster: sizedCluster(s, {
      role: "graph-server",
      driver,
      family: "graph",
      instance: shape,
      zones,
      params: {
        "janusgraph.heap.gib": heap,
        "janusgraph.storage.backend": "cql",
        "janusgraph.storage.page-size": GRAPH.slicePageEdges,
        "graph.traversal.depth": depth,
        "graph.traversal.fanout": fanout,
        "graph.read.amplification": round2(amp.factor),
        "graph.write.amplification": GRAPH.writeAmplification,
      },
      explanation,
    }),
  };
}

/**
 * The storage cluster on the cheapest shape that fits. Chosen by cost alone (not Cassandra's large-instance
 * rank penalty) so the plan's cost can only grow with load: a penalised choice can switch to a cheaper shape as
 * load grows. Cassandra's data-per-node cap already keeps storage nodes recoverable.
 */
export const sizeGraphStorage = memoByDesires((d: PointDesires, hw: RegionHardware): { cluster?: SizedCluster; rejected: RegionPlan["rejected"] } => {
  const desires = graphStorageDesires(d);
  const rejected: RegionPlan["rejected"] = [];
  let best: SizedCluster | undefined;
  const floor = d.tier <= 1 ? CASSANDRA.criticalTierMinNodes : 1;
  for (const shape of eligibleShapes(hw, d, {})) {
    // Shapes come cheapest first: once even the node floor costs more than the best found, none can win.
    if (best && shape.annualCost * hw.zones * floor > best.computeCost + best.driveCost) break;
    if (best && shape.annualCost * hw.zones * cassandraMinNodes(desires, hw, shape) > best.computeCost + best.driveCost) continue;
    const r = sizeCassandra(desires, hw, shape, "storage", 0, false);
    if (!r.ok) {
      rejected.push({ instanceType: r.instanceType, code: r.code, reason: `storage tier: ${r.reason}` });
      continue;
    }
    const cost = r.cluster.computeCost + r.cluster.driveCost;
    const bestCost = best ? best.computeCost + best.driveCost : Infinity;
    if (cost < bestCost || (best && cost === bestCost && shape.name < best.instance.name)) best = r.cluster;
  }
  if (!best) return { rejected };
  // The search sized silently; explain the winner.
  const explained = sizeCassandra(desires, hw, best.instance, "storage", 0, true);
  return { cluster: explained.ok ? explained.cluster : best, rejected };
});

export const graph: StoreModel = {
  family: "graph",
  defaults: GRAPH_DEFAULTS,
  engine: { name: "janusgraph", version: "1.0" },
  primaryRole: "graph-server",

  assess(w: Workload) {
    const reasons: string[] = [];
    const against: string[] = [];
    let score = 20;
    const features = w.features ?? [];
    if (w.consistency === "linearizable")
      against.push("JanusGraph on Cassandra offers at most QUORUM (read-your-writes); linearizable needs locking that does not scale.");
    if (w.accessPattern === "graph") {
      score += 55;
      reasons.push("Relationships and connected data (e.g. digital asset management) are first-class: vertices, edges and Gremlin traversals.");
    } else {
      score -= 10;
      against.push(`A ${w.accessPattern} access pattern does not need a graph; a traversal engine only adds cost and latency.`);
    }
    if (features.includes("traversals")) {
      score += 15;
      reasons.push("Multi-hop traversals run server-side, next to the data.");
    }
    if (features.includes("full-text") || features.includes("secondary-indexes"))
      reasons.push("Entities are searchable through an Elasticsearch index kept beside the graph (JanusGraph mixed index).");
    if (features.includes("delayed-delivery") || features.includes("priorities")) {
      score -= 30;
      against.push("Not a queue: no delayed delivery or priorities.");
    }
    if (w.durability === "durable") reasons.push("The graph lives in Cassandra: replicated across zones and backed up.");
    if (w.regions.length > 1) reasons.push("Cassandra replicates the graph to other regions.");
    const depth = w.traversalDepth ?? GRAPH_DEFAULTS.traversalDepth;
    if (w.readLatencyP99Ms !== undefined && w.readLatencyP99Ms < 10 && depth >= 2) {
      score -= 15;
      against.push(`A ${w.readLatencyP99Ms} ms p99 is tight for ${depth}-hop traversals: every hop is another storage round trip.`);
    }
    return { admissible: w.consistency !== "linearizable", score: Math.max(0, Math.min(100, score)), reasons, against };
  },

  planRegion(d: PointDesires, hw: RegionHardware, options: PlanRegionOptions): RegionPlan {
    const warnings: string[] = [];
    if (d.consistency === "linearizable")
      warnings.push("JanusGraph on Cassandra cannot give linearizable consistency; this plan serves QUORUM (read-your-writes in region).");
    const storage = sizeGraphStorage(d, hw);
    if (!storage.cluster) {
      const sd = graphStorageDesires(d);
      warnings.push(
        `No shape can serve the graph's Cassandra storage tier: ${Math.round(sd.readsPerSecond).toLocaleString("en-US")} reads/s and ${Math.round(sd.writesPerSecond).toLocaleString("en-US")} mutations/s on ${round2(sd.datasetGiB)} GiB need more than ${CASSANDRA.maxNodesPerZone} nodes per zone on every shape; see the rejected shapes.`,
      );
      return { candidates: [], rejected: storage.rejected, warnings };
    }
    const store = storage.cluster;
    const services = cassandraServiceCosts(graphStorageDesires(d), hw, !options.quiet);
    const servicesCost = services.networkTransfer + services.backup;
    const storageLines = [
      `Storage: ${store.nodesPerZone} × ${store.instance.name} Cassandra nodes per zone × ${store.zones} zones, the cheapest shape for ${round2(graphDataGib(d))} GiB of graph data and the amplified reads and writes.`,
      ...store.explanation.slice(1),
      ...services.explanation.map((line) => `Storage ${line.charAt(0).toLowerCase()}${line.slice(1)}`),
    ];
    const serverCores = graphServerRefCores(d);
    const serverFloor = Math.max(d.tier <= 1 ? GRAPH.criticalTierMinNodes : 1, options.minNodesPerZone ?? 0);
    const { candidates, rejected } = searchShapes({
      hardware: hw,
      desires: d,
      options,
      size: (shape, explain) => sizeGraphServers(d, hw, shape, options.minNodesPerZone ?? 0, explain),
      toCandidate: (server) => ({
        clusters: [server, store],
        networkTransferCost: services.networkTransfer,
        backupCost: services.backup,
        explanation: [...server.explanation, ...storageLines],
      }),
      rankOf: (server) => round2(server.computeCost + store.computeCost + store.driveCost + servicesCost),
      lowerBoundOf: (shape) => shape.annualCost * hw.zones * Math.max(1, options.minNodesPerZone ?? 0) + store.computeCost + store.driveCost + servicesCost,
      shapeBoundOf: (shape) =>
        serverTooSmall(shape)
          ? 0
          : shape.annualCost * hw.zones * Math.max(serverFloor, Math.ceil(normalizeCores(serverCores / hw.zones, shape) / shape.vcpu)) +
            store.computeCost +
            store.driveCost +
            servicesCost,
    });
    return { candidates, rejected, warnings };
  },

  thresholds(d: PointDesires, clusters: readonly SizedCluster[]): Threshold[] {
    const server = clusters.find((c) => c.role === "graph-server");
    const store = clusters.find((c) => c.role === "storage");
    const serverRole = server?.role ?? "graph-server";
    const storeRole = store?.role ?? "storage";
    const storeFamily = store?.family ?? "cassandra";
    const readSloMs = d.readLatencyP99Ms ?? GRAPH_DEFAULTS.readLatencyP99Ms;
    const writeSloMs = d.writeLatencyP99Ms ?? GRAPH_DEFAULTS.writeLatencyP99Ms;
    const storeRead = CASSANDRA_DEFAULTS.readLatencyP99Ms;
    const storeWrite = CASSANDRA_DEFAULTS.writeLatencyP99Ms;
    const diskCritical = Math.round(CASSANDRA.maxDiskUtilisation * 100);
    return [
      {
        metric: "read-latency-p99",
        role: serverRole,
        family: "graph",
        comparison: "above",
        warning: round2(readSloMs * 0.8),
        critical: readSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "p99 Gremlin traversal latency against the read SLO.",
      },
      {
        metric: "write-latency-p99",
        role: serverRole,
        family: "graph",
        comparison: "above",
        warning: round2(writeSloMs * 0.8),
        critical: writeSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "p99 graph mutation (transaction commit) latency against the write SLO.",
      },
      {
        metric: "cpu-utilisation",
        role: serverRole,
        family: "graph",
        comparison: "above",
        warning: 50,
        critical: 70,
        unit: "percent",
        forMinutes: 15,
        description: "Servers are sized at 40% so a lost zone's traffic fits on the others; sustained 70% leaves no failover room.",
      },
      {
        metric: "jvm-heap-used",
        role: serverRole,
        family: "graph",
        comparison: "above",
        warning: 75,
        critical: 85,
        unit: "percent",
        forMinutes: 10,
        description: "Large traversals hold their frontier in heap; sustained high heap means long GC pauses.",
      },
      {
        metric: "read-latency-p99",
        role: storeRole,
        family: storeFamily,
        comparison: "above",
        warning: round2(storeRead * 0.8),
        critical: storeRead,
        unit: "ms",
        forMinutes: 5,
        description: "p99 adjacency-slice read latency in Cassandra (its default SLO, which the storage tier is sized for); every hop of a traversal pays it.",
      },
      {
        metric: "write-latency-p99",
        role: storeRole,
        family: storeFamily,
        comparison: "above",
        warning: round2(storeWrite * 0.8),
        critical: storeWrite,
        unit: "ms",
        forMinutes: 5,
        description: "p99 Cassandra mutation latency.",
      },
      {
        metric: "disk-used",
        role: storeRole,
        family: storeFamily,
        comparison: "above",
        warning: diskCritical - 5,
        critical: diskCritical,
        unit: "percent",
        forMinutes: 10,
        description: "Compaction needs free space: stay under ~55% used.",
      },
    ];
  },
};
