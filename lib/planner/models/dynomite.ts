// Dynomite (Redis behind the Dynomite proxy), the Netflix way, used mainly for distributed delayed queues
// (dyno-queues). The reference planner has no model for it (../shared/reference/capacity-models.md §8.5); this one
// is built from public facts:
// - Each rack (zone) is a full replica; inside a rack the data is sharded by token, one Redis behind one Dynomite
//   proxy per node. Writes are replicated to every rack; DC_ONE reads are served by the local rack ("Dynomite with
//   Redis on AWS — Benchmarks", Netflix tech blog, 2016). Like EVCache, every zone is sized for the full regional
//   traffic, so a zone can take over when another fails.
// - Redis executes commands on one thread. We budget 80k simple commands/s per Redis process at low latency
//   (redis-benchmark reaches ~100–150k GET/SET per second unpipelined on current hardware; we keep headroom). Dynomite
//   runs one backend Redis per proxy, so this is a per-node limit: extra vCPUs do not raise it.
// - dyno-queues stores a queue as one sorted set per shard, scored by due time plus priority, with the payloads in a
//   hash: push = HSET + ZADD; pop = ZRANGEBYSCORE + ZADD (unack set) + ZREM + HGET; ack = ZREM + HDEL. Delivery is
//   at-least-once (un-acked messages return to the queue) and FIFO only within a shard.
// - A background save (RDB, AOF rewrite, or a full sync to a replacement replica) forks Redis; with copy-on-write,
//   a write-heavy instance can use up to twice its data set's memory meanwhile (Redis persistence docs). So the data
//   set is planned to at most half the RAM left after reservations.
import { attachedDriveAnnualCost, type PricedInstance, type RegionHardware } from "../../catalog";
import type { DrivePlan, Threshold } from "../../schemas/plan";
import { midOf, type Workload } from "../../schemas/workload";
import { searchShapes } from "../kernel/shapes";
import { sqrtStaffedCores, gibPerYear, networkMbps, GIB } from "../kernel/staffing";
import { askedFloor, driverOf, plainDriver, sizeZone, round2, tierFloor } from "../kernel/zonal";
import type { ModelDefaults, PlanRegionOptions, PointDesires, RegionPlan, ShapeResult, SizedCluster, SizingDriver, StoreModel } from "../model";

export const DYNOMITE = {
  /** One vCPU for the Redis thread, one for the (also single-threaded) proxy, forks and the OS. */
  minVcpu: 2,
  minRamGib: 8,
  /** OS 1 GiB + Dynomite proxy (mbuf pool, connections) 1 GiB + Dynomite-manager sidecar 1 GiB. */
  reservedGib: 3,
  criticalTierMinNodes: 2,
  /** Every node keeps connections to its peers in every rack; beyond ~100 per rack the mesh gets unwieldy. */
  maxNodesPerZone: 100,
  redisCommandsPerSecond: 80_000,
  /** Data at most half of usable RAM: a fork can double memory under copy-on-write. */
  maxDataShareOfRam: 0.5,
  /** Larger Redis data sets mean longer forks and a longer full sync when a node is replaced. */
  maxRedisGibPerNode: 50,
  /** jemalloc size classes and fragmentation (INFO mem_fragmentation_ratio is typically 1.0–1.5). */
  allocatorOverhead: 1.2,
  /** Per key: dict entry, object header and key string. */
  keyOverheadBytes: 100,
  /** Per queued message: a sorted-set entry (skiplist node + dict entry + id) and a hash field (id + entry). */
  messageOverheadBytes: 200,
  /**
   * A queue keeps at least this much of its incoming messages: Redis is the only place they live, so the plan
   * rides out a consumer outage of an hour (time to page, diagnose and roll back a broken consumer). By Little's
   * law a healthy queue's depth is arrival rate × wait, far less than this.
   */
  backlogSeconds: 3600,
  /** Reference-core ms per command: Redis (80k/s on one core) and the proxy; mutations are forwarded to the other racks. */
  redisCommandCpuMs: 0.0125,
  proxyCommandCpuMs: 0.01,
  /** Bytes of a replicated queue mutation that carries only a message id (ZADD/ZREM/HDEL). */
  idMutationBytes: 64,
  /** AOF grows to twice its rewritten size before the next rewrite, and a rewrite writes a new file beside it. */
  persistenceDiskFactor: 3,
} as const;

/**
 * Dynomite's defaults: 5 ms p99 for reads (pops) and writes (pushes); CPU per operation from the Redis and proxy
 * command costs (dynomiteCpuMs); data kept uncompressed in RAM; a full replica per zone (rack).
 */
export const DYNOMITE_DEFAULTS = {
  readLatencyP99Ms: 5,
  writeLatencyP99Ms: 5,
  readCpuMs: `${DYNOMITE.redisCommandCpuMs + DYNOMITE.proxyCommandCpuMs} ms per Redis read command, ${DYNOMITE.redisCommandCpuMs + 2 * DYNOMITE.proxyCommandCpuMs} ms per mutation (a pop is 6 commands)`,
  writeCpuMs: `${DYNOMITE.redisCommandCpuMs + 2 * DYNOMITE.proxyCommandCpuMs} ms per mutation (a push is 2 commands)`,
  copies: "a full replica in every zone (rack)",
} as const satisfies ModelDefaults;

/** Redis commands behind one read and one write operation. */
export interface CommandMix {
  read: { reads: number; mutations: number };
  write: { reads: number; mutations: number };
}

export function isQueueWorkload(d: Pick<PointDesires, "accessPattern" | "features">): boolean {
  return d.accessPattern === "queue" || d.features.includes("delayed-delivery") || d.features.includes("priorities");
}

/** For queues a read is a pop followed by its ack and a write is a push (dyno-queues); otherwise one command each. */
export function commandMix(d: PointDesires): CommandMix {
  return isQueueWorkload(d)
    ? { read: { reads: 2, mutations: 4 }, write: { reads: 0, mutations: 2 } }
    : { read: { reads: 1, mutations: 0 }, write: { reads: 0, mutations: 1 } };
}

/** Redis commands per second each zone executes: all regional reads, and every mutation (replicated to each rack). */
export function redisCommandsPerZone(d: PointDesires): number {
  const m = commandMix(d);
  return d.readsPerSecond * (m.read.reads + m.read.mutations) + d.writesPerSecond * (m.write.reads + m.write.mutations);
}

export function dynomiteCpuMs(d: PointDesires): { read: number; write: number } {
  const m = commandMix(d);
  const readCmd = DYNOMITE.redisCommandCpuMs + DYNOMITE.proxyCommandCpuMs;
  const mutation = DYNOMITE.redisCommandCpuMs + 2 * DYNOMITE.proxyCommandCpuMs;
  return {
    read: d.readCpuMs ?? m.read.reads * readCmd + m.read.mutations * mutation,
    write: d.writeCpuMs ?? m.write.reads * readCmd + m.write.mutations * mutation,
  };
}

export interface DynomiteMemory {
  /** Logical data per zone: the stated data set, or the queue's backlog when that is larger. */
  dataGib: number;
  items: number;
  backlogGib: number;
  /** Redis memory per zone: data + per-item overhead, times allocator overhead. */
  redisGib: number;
}

export function dynomiteMemory(d: PointDesires): DynomiteMemory {
  const queue = isQueueWorkload(d);
  const payload = Math.max(1, d.writeItemBytes);
  const backlogItems = queue ? d.writesPerSecond * DYNOMITE.backlogSeconds : 0;
  const backlogGib = (backlogItems * payload) / GIB;
  const dataGib = Math.max(d.datasetGiB, backlogGib);
  const items = Math.max(d.itemCount ?? (d.datasetGiB * GIB) / payload, backlogItems);
  const overhead = queue ? DYNOMITE.messageOverheadBytes : DYNOMITE.keyOverheadBytes;
  return { dataGib, items, backlogGib, redisGib: (dataGib + (items * overhead) / GIB) * DYNOMITE.allocatorOverhead };
}

/** Redis data one node may hold (its maxmemory): half the RAM left after reservations, capped. */
export function redisGibPerNode(shape: Pick<PricedInstance, "ramGib">): number {
  return Math.min((shape.ramGib - DYNOMITE.reservedGib) * DYNOMITE.maxDataShareOfRam, DYNOMITE.maxRedisGibPerNode);
}

type Persistence = { kind: "none" } | { kind: "local-nvme" | "ebs"; sizeGib: number; annualCostPerNode: number };

/**
 * Durable data gets AOF persistence (fsync every second) on local NVMe when the shape has one large enough, or on
 * a gp3 volume per node. The volume is sized from the node's maxmemory, not from the data, so its cost grows
 * exactly with the node count. Rebuildable data runs without persistence: each zone holds a replica.
 */
function persistenceFor(d: PointDesires, hw: RegionHardware, shape: PricedInstance, maxmemory: number): Persistence | { code: string; reason: string } {
  if (d.durability !== "durable") return { kind: "none" };
  const need = DYNOMITE.persistenceDiskFactor * maxmemory;
  const local = d.storage !== "attached" ? shape.localDrive : undefined;
  if (local && local.sizeGib >= need) return { kind: "local-nvme", sizeGib: local.sizeGib, annualCostPerNode: 0 };
  if (d.storage === "local") {
    return local
      ? {
          code: "local-disk-too-small",
          reason: `${local.sizeGib} GiB of local NVMe is less than the ${Math.ceil(need)} GiB AOF persistence needs (${DYNOMITE.persistenceDiskFactor} × ${round2(maxmemory)} GiB of Redis data)`,
        }
      : { code: "no-local-disk", reason: "no local NVMe drive for Redis persistence, and the workload asks for local disks" };
  }
  const gp3 = hw.drives.gp3;
  if (!gp3) return { code: "no-attached-drive", reason: "no gp3 volume is priced in this region for Redis persistence" };
  const sizeGib = Math.max(100, Math.ceil(need / 100) * 100);
  // AOF appends are sequential and fsync'd once a second: gp3's baseline 3000 IOPS / 125 MB/s is enough.
  return { kind: "ebs", sizeGib, annualCostPerNode: attachedDriveAnnualCost(gp3, sizeGib, 3000, 0) };
}

const ratio = (used: number, provided: number) => (provided > 0 ? Math.round((used / provided) * 1000) / 1000 : 0);
const fmt = (v: number) => Math.round(v).toLocaleString("en-US");

/** Sizes one rack (zone) of Dynomite on one shape; every rack gets the same. */
export function sizeDynomite(d: PointDesires, hw: RegionHardware, shape: PricedInstance, minNodesPerZone = 0, explain = true): ShapeResult {
  const reject = (code: string, reason: string): ShapeResult => ({ ok: false, instanceType: shape.name, code, reason });
  if (shape.vcpu < DYNOMITE.minVcpu || shape.ramGib < DYNOMITE.minRamGib) {
    return reject(
      "too-small",
      `${shape.vcpu} vCPU / ${shape.ramGib} GiB RAM: Dynomite needs at least ${DYNOMITE.minVcpu} vCPU (Redis and the proxy each run one thread) and ${DYNOMITE.minRamGib} GiB RAM`,
    );
  }
  const zones = hw.zones;
  const queue = isQueueWorkload(d);
  const maxmemory = redisGibPerNode(shape);
  const persistence = persistenceFor(d, hw, shape, maxmemory);
  if (!("kind" in persistence)) return reject(persistence.code, persistence.reason);

  const commands = redisCommandsPerZone(d);
  const throughputNodes = Math.ceil(commands / DYNOMITE.redisCommandsPerSecond);
  if (throughputNodes > DYNOMITE.maxNodesPerZone) {
    return reject(
      "too-many-nodes",
      `would need ${throughputNodes} nodes per zone for ${fmt(commands)} Redis commands/s at ${fmt(DYNOMITE.redisCommandsPerSecond)} per single-threaded Redis, above the limit of ${DYNOMITE.maxNodesPerZone}`,
    );
  }
  const cpu = dynomiteCpuMs(d);
  const mix = commandMix(d);
  const refCores = sqrtStaffedCores({ reads: d.readsPerSecond, writes: d.writesPerSecond, readCpuMs: cpu.read, writeCpuMs: cpu.write, tier: d.tier });
  const memory = dynomiteMemory(d);
  const floor = Math.max(d.tier <= 1 ? DYNOMITE.criticalTierMinNodes : 1, minNodesPerZone);
  // Reads leave the zone's nodes; each write arrives once and is forwarded to the other racks, as are the id-only
  // mutations of pops and acks.
  const readBytes = d.readItemBytes + mix.read.mutations * DYNOMITE.idMutationBytes * (zones - 1);
  const sized = sizeZone(
    shape,
    {
      referenceCores: refCores,
      // Requirement includes the copy-on-write headroom; usable RAM is capped so no node holds more than maxmemory.
      memoryGib: memory.redisGib / DYNOMITE.maxDataShareOfRam,
      diskGib: 0,
      networkMbps: networkMbps(d.readsPerSecond, readBytes, d.writesPerSecond, d.writeItemBytes * zones),
    },
    {
      reservedMemoryGib: shape.ramGib - maxmemory / DYNOMITE.maxDataShareOfRam,
      minNodesPerZone: Math.max(floor, throughputNodes),
      maxNodesPerZone: DYNOMITE.maxNodesPerZone,
      storage: "none",
      zones,
    },
  );
  if (!sized.ok) return reject(sized.code, sized.reason);
  const s = sized.sizing;
  const nodes = s.nodesPerZone;
  // Below the floor sizeZone reports "minimum"; when the Redis command budget set that floor, CPU decided.
  const throughputDecides = s.bottleneck === "minimum" && throughputNodes > floor;
  const bottleneck = throughputDecides ? "cpu" : s.bottleneck;

  const diskNeed = persistence.kind === "none" ? 0 : DYNOMITE.persistenceDiskFactor * memory.redisGib;
  const drive: DrivePlan | undefined =
    persistence.kind === "local-nvme"
      ? { kind: "local-nvme", type: "ephemeral", sizeGib: persistence.sizeGib }
      : persistence.kind === "ebs"
        ? { kind: "ebs", type: "gp3", sizeGib: persistence.sizeGib, iops: 3000 }
        : undefined;
  const driveCost = persistence.kind === "none" ? 0 : round2(persistence.annualCostPerNode * nodes * zones);

  const driver: SizingDriver = throughputDecides
    ? { resource: "cpu", text: `the single-threaded Redis budget of ${fmt(DYNOMITE.redisCommandsPerSecond)} commands/s per node` }
    : !explain
      ? plainDriver(bottleneck)
      : driverOf(
          { bottleneck, nodesPerZone: nodes },
          [tierFloor(d.tier, d.tier <= 1 ? DYNOMITE.criticalTierMinNodes : 1), ...(minNodesPerZone > 0 ? [askedFloor(minNodesPerZone)] : [])],
          {
            memory: "memory (data plus fork headroom)",
          },
        );
  const decider = driver.text;
  const what = queue ? "queued messages" : "data";
  const explanation = !explain
    ? []
    : [
        `${nodes} × ${shape.name} per zone × ${zones} zones; each zone (Dynomite rack) is a full replica sized for all regional traffic; ${decider} decides the size.`,
        queue
          ? `Throughput: ${fmt(d.writesPerSecond)} pushes/s × 2 commands (HSET, ZADD) + ${fmt(d.readsPerSecond)} pops/s × 6 (ZRANGEBYSCORE, ZADD, ZREM, HGET, then the ack's ZREM, HDEL) = ${fmt(commands)} Redis commands/s per zone → at least ${throughputNodes} node(s) at ${fmt(DYNOMITE.redisCommandsPerSecond)} per Redis.`
          : `Throughput: ${fmt(d.readsPerSecond)} reads/s + ${fmt(d.writesPerSecond)} writes/s = ${fmt(commands)} Redis commands/s per zone → at least ${throughputNodes} node(s) at ${fmt(DYNOMITE.redisCommandsPerSecond)} per Redis.`,
        `Memory: ${round2(memory.dataGib)} GiB of ${what} ${memory.backlogGib > d.datasetGiB ? `(one hour of pushes kept while consumers are down, more than the stated ${round2(d.datasetGiB)} GiB)` : "(the stated data set)"} + ${queue ? DYNOMITE.messageOverheadBytes : DYNOMITE.keyOverheadBytes} B of Redis overhead per ${queue ? "message" : "key"}, × ${DYNOMITE.allocatorOverhead} for the allocator = ${round2(memory.redisGib)} GiB per zone; at most ${round2(maxmemory)} GiB per node (half the RAM after ${DYNOMITE.reservedGib} GiB reserved, so a background save's copy-on-write fits).`,
        `CPU: Redis plus the Dynomite proxy, square-root staffed at tier ${d.tier} → ${s.requirements.cpuCores} ${shape.family} cores per zone.`,
        persistence.kind === "none"
          ? "Persistence: none; the data is rebuildable and every zone holds a replica."
          : `Persistence: AOF (fsync every second) on ${persistence.kind === "ebs" ? `a ${persistence.sizeGib} GiB gp3 volume per node` : "the local NVMe drive"}, room for ${DYNOMITE.persistenceDiskFactor}× the node's Redis data (the log grows before a rewrite, and a rewrite writes a new file beside it).`,
      ];
  return {
    ok: true,
    cluster: {
      role: "queue",
      family: "dynomite",
      instance: shape,
      nodesPerZone: nodes,
      zones,
      ...(drive ? { drive } : {}),
      requirements: { ...s.requirements, diskGib: round2(diskNeed) },
      utilisation: {
        ...s.utilisation,
        // The busier of: all vCPUs, or the single Redis thread against its command budget.
        cpu: Math.max(s.utilisation.cpu, ratio(commands, nodes * DYNOMITE.redisCommandsPerSecond)),
        disk: drive ? ratio(diskNeed, nodes * drive.sizeGib) : 0,
      },
      bottleneck,
      driver,
      computeCost: s.computeCost,
      driveCost,
      params: {
        "dynomite.backend": "redis",
        "dynomite.racks": zones,
        "dynomite.read_consistency": "DC_ONE",
        "dynomite.write_consistency": "DC_ONE",
        "redis.maxmemory.gib": Math.floor(maxmemory * 10) / 10,
        // A queue or a store of record must refuse writes rather than silently drop data.
        "redis.maxmemory-policy": queue || d.durability === "durable" ? "noeviction" : "allkeys-lru",
        "redis.appendonly": persistence.kind !== "none",
        ...(persistence.kind !== "none" ? { "redis.appendfsync": "everysec" } : {}),
      },
      explanation,
    },
  };
}

/** Annual transfer and backup costs of one region's Dynomite cluster. */
export function dynomiteServiceCosts(d: PointDesires, hw: RegionHardware): { networkTransfer: number; backup: number } {
  const mix = commandMix(d);
  const replicatedBytesPerSecond = d.writesPerSecond * d.writeItemBytes + d.readsPerSecond * mix.read.mutations * DYNOMITE.idMutationBytes;
  const gib = gibPerYear(1, replicatedBytesPerSecond);
  const inter = hw.services["net.inter.region"]?.perGibYear ?? 0;
  const intra = hw.services["net.intra.region"]?.perGibYear ?? 0;
  const s3 = hw.services["blob.standard"]?.perGibYear ?? 0;
  const crossRegion = d.crossRegionReplication && d.regionCount > 1;
  // Every mutation crosses to each other rack, and to the other regions when replicated.
  const networkTransfer = intra * gib * (hw.zones - 1) + (crossRegion ? inter * gib * ((d.regionCount - 1) / d.regionCount) : 0);
  // Durable key-value data keeps a daily RDB snapshot in S3; queued messages are transient and are not backed up.
  const backup = d.durability === "durable" && !isQueueWorkload(d) ? s3 * d.datasetGiB : 0;
  return { networkTransfer: round2(networkTransfer), backup: round2(backup) };
}

export const dynomite: StoreModel = {
  family: "dynomite",
  defaults: DYNOMITE_DEFAULTS,
  engine: { name: "dynomite", version: "0.6" },
  primaryRole: "queue",

  assess(w: Workload) {
    const reasons: string[] = [];
    const against: string[] = [];
    let score = 30;
    const admissible = w.consistency === "best-effort" || w.consistency === "eventual";
    if (!admissible) {
      against.push(
        `Dynomite replicates between zones asynchronously (quorum within a region is optional and not a read-your-writes guarantee), so it offers eventual consistency at best; this workload asks for ${w.consistency}.`,
      );
    }
    if (w.accessPattern === "queue") {
      score += 45;
      reasons.push("Distributed queues are Dynomite's main use at Netflix (dyno-queues): highly concurrent producers and consumers across zones.");
      reasons.push("At-least-once delivery: a popped message moves to an un-acknowledged set and returns to the queue if it is not acknowledged in time.");
      against.push("Ordering is FIFO only within a shard (one per zone), not across the whole queue; consumers must tolerate duplicates.");
    } else if (w.accessPattern === "key-value") {
      score += 5;
      reasons.push("Key-value access over Redis data structures works, but a cache or Cassandra is usually the better fit.");
    } else {
      score -= 20;
      against.push(`A ${w.accessPattern} access pattern is not what Redis behind Dynomite is for.`);
    }
    if (w.features?.includes("delayed-delivery")) {
      score += 10;
      reasons.push("Delayed delivery: messages wait in a sorted set scored by their due time, and consumers pop only those that are due.");
    }
    if (w.features?.includes("priorities")) {
      score += 10;
      reasons.push("Priorities are part of the sorted-set score, so higher-priority messages are popped first within a shard.");
    }
    if (w.features?.includes("ttl")) reasons.push("Key expiry (TTL) is native to Redis.");
    for (const f of w.features ?? []) {
      if (f === "full-text" || f === "aggregations" || f === "secondary-indexes" || f === "traversals") {
        score -= 15;
        against.push(`No ${f} through Dynomite.`);
      }
    }
    if (w.durability === "durable") {
      score -= 5;
      against.push(
        "Data lives in RAM; with AOF fsync'd every second a node crash can lose up to a second of its writes, normally still held by the other zones' replicas. Acceptable for queues with at-least-once delivery; a system of record belongs in Cassandra.",
      );
    }
    const data = midOf(w.datasetGiB) + (w.growthGiBPerMonth ?? 0) * w.horizonMonths;
    if (data > 1024) {
      score -= 15;
      against.push(
        `${Math.round(data).toLocaleString("en-US")} GiB must sit entirely in RAM in every zone, at twice its size for fork headroom: expensive at this scale.`,
      );
    }
    return { admissible, score: Math.max(0, Math.min(100, score)), reasons, against };
  },

  planRegion(d: PointDesires, hw: RegionHardware, options: PlanRegionOptions): RegionPlan {
    const warnings: string[] = [];
    if (d.consistency === "read-your-writes" || d.consistency === "linearizable") {
      warnings.push(`Dynomite is eventually consistent across zones; it cannot provide ${d.consistency} consistency.`);
    }
    const services = dynomiteServiceCosts(d, hw);
    const { candidates, rejected } = searchShapes({
      hardware: hw,
      desires: d,
      options,
      size: (shape, explain) => sizeDynomite(d, hw, shape, options.minNodesPerZone ?? 0, explain),
      toCandidate: (cluster) => ({
        clusters: [cluster],
        networkTransferCost: services.networkTransfer,
        backupCost: services.backup,
        explanation: cluster.explanation,
      }),
      rankOf: (cluster) => cluster.computeCost + cluster.driveCost + services.networkTransfer + services.backup,
      lowerBoundOf: (shape) => shape.annualCost * hw.zones * Math.max(1, options.minNodesPerZone ?? 0) + services.networkTransfer + services.backup,
    });
    return { candidates, rejected, warnings };
  },

  thresholds(d: PointDesires, clusters: readonly SizedCluster[]): Threshold[] {
    const role = clusters[0]?.role ?? "queue";
    const readSloMs = d.readLatencyP99Ms ?? DYNOMITE_DEFAULTS.readLatencyP99Ms;
    const writeSloMs = d.writeLatencyP99Ms ?? DYNOMITE_DEFAULTS.writeLatencyP99Ms;
    const common: Threshold[] = [
      {
        metric: "read-latency-p99",
        role,
        family: "dynomite",
        comparison: "above",
        warning: round2(readSloMs * 0.8),
        critical: readSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "Client p99 read (pop) latency against the read SLO.",
      },
      {
        metric: "write-latency-p99",
        role,
        family: "dynomite",
        comparison: "above",
        warning: round2(writeSloMs * 0.8),
        critical: writeSloMs,
        unit: "ms",
        forMinutes: 5,
        description: "Client p99 write (push) latency against the write SLO.",
      },
      {
        metric: "cpu-utilisation",
        role,
        family: "dynomite",
        comparison: "above",
        warning: 60,
        critical: 80,
        unit: "percent",
        forMinutes: 15,
        description: "The Redis main thread is single-threaded: above ~80% of one core its latency climbs.",
      },
      {
        metric: "memory-used",
        role,
        family: "dynomite",
        comparison: "above",
        warning: 50,
        critical: 60,
        unit: "percent",
        forMinutes: 10,
        description: "Redis memory against the node's RAM after reservations: beyond ~60% a background save's copy-on-write can exhaust memory.",
      },
    ];
    if (!isQueueWorkload(d)) return common;
    // The plan holds one hour of pushes (or the stated data set, if larger) in every zone.
    const plannedMessages = Math.max(1, Math.round(dynomiteMemory(d).items));
    return [
      ...common,
      {
        metric: "queue-depth",
        role,
        family: "dynomite",
        comparison: "above",
        warning: Math.round(plannedMessages * 0.5),
        critical: Math.max(1, Math.round(plannedMessages * 0.8)),
        unit: "count",
        forMinutes: 10,
        description: "Messages waiting, against the backlog the memory plan holds; near it, Redis refuses new pushes.",
      },
      {
        metric: "queue-oldest-age",
        role,
        family: "dynomite",
        comparison: "above",
        warning: 300,
        critical: DYNOMITE.backlogSeconds / 2,
        unit: "seconds",
        forMinutes: 5,
        description: "How long the oldest due message has waited: consumers are down or falling behind.",
      },
    ];
  },
};
