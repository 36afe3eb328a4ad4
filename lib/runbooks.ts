// One runbook per threshold metric: what the alarm means and what to do first. The /runbooks page renders them,
// the health tab shows each alarm's first step, and every CloudWatch alarm's description carries the link
// (infra/alarms.ts), so whoever is paged lands on the same page. Pure data (runs in Pulumi's runtime: no aliases).
import type { Threshold } from "./schemas/plan";

export type RunbookMetric = Threshold["metric"];

export interface Runbook {
  title: string;
  /** What the alarm says is happening. */
  meaning: string;
  /** The first thing to do, in one sentence: shown beside the alarm. */
  firstStep: string;
  /** Then, in order. */
  steps: readonly string[];
}

export const RUNBOOKS = {
  "read-latency-p99": {
    title: "p99 read latency",
    meaning: "The slowest 1% of reads take longer than the threshold, for the role's nodes in one region.",
    firstStep: "Check whether traffic or CPU rose with it (the health tab's charts): if so, the cluster is short of capacity; if not, look for one slow node.",
    steps: [
      "Compare reads per second with the plan: above the plan by more than 25%, propose a re-plan from the capacity tab.",
      "If one node is slow (GC pauses, a failing disk, a noisy neighbour), replace it from the nodes tab.",
      "Check for compactions or repairs running (Cassandra) or merges (Elasticsearch) that compete for disk.",
      "If the threshold fires often without customer impact, tune it on the health tab (the change is audited).",
    ],
  },
  "write-latency-p99": {
    title: "p99 write latency",
    meaning: "The slowest 1% of writes take longer than the threshold.",
    firstStep: "Check writes per second against the plan and the disk's state: a write burst or a full commit-log disk are the usual causes.",
    steps: [
      "Compare writes per second with the plan; a sustained rise means re-planning.",
      "Look for nodes with pending compactions or flushes piling up (memtables larger than planned).",
      "Check cross-region replication: a slow peer region slows LOCAL_QUORUM writes only through hints, not directly.",
    ],
  },
  "cpu-utilisation": {
    title: "CPU utilisation",
    meaning: "The busiest zone's nodes average above the threshold: little room is left for compaction, repair or a zone failure.",
    firstStep: "Compare throughput with the plan: load above the plan needs more or larger nodes (re-plan from the capacity tab).",
    steps: [
      "If throughput is as planned, look for background work (repairs, reindexing) started recently.",
      "Check one zone against the others: a hot zone means an imbalanced token ring or shard allocation.",
    ],
  },
  "disk-used": {
    title: "Disk used",
    meaning: "The fullest node's data disk is above the threshold; compaction and merges need free space to run at all.",
    firstStep: "Open the capacity tab: read the runway (months until the threshold) and send the proposed re-plan for review if it is short.",
    steps: [
      "Look for data that should have expired (TTLs, tombstones) and snapshots left on the disk.",
      "Check one node against the others: an unbalanced node needs a rebalance, not a bigger cluster.",
      "Do not raise the threshold above the plan's headroom: compaction can fail and take the node down.",
    ],
  },
  "memory-used": {
    title: "Memory used",
    meaning: "Instance memory is above the threshold; the OS and the engine's off-heap structures are short of room.",
    firstStep: "Check whether the item count or the working set grew beyond the plan (the capacity tab compares them).",
    steps: ["For caches, check the hit rate and evictions: a cache that fills by design needs headroom for the OS, not a bigger heap."],
  },
  evictions: {
    title: "Evictions",
    meaning: "Unexpired items are being evicted from a zone's copy of the cache: the working set no longer fits.",
    firstStep: "Compare the cache's memory with the plan's working set: more data than planned needs a re-plan with more memory.",
    steps: ["Check TTLs of recently added keys: a new use of the cache without a TTL fills it."],
  },
  "jvm-heap-used": {
    title: "JVM heap used",
    meaning: "The heap stays above the threshold after collections; long GC pauses and out-of-memory follow.",
    firstStep: "Find the node with the highest heap and look at its GC log for long pauses before restarting anything.",
    steps: ["Large queries or aggregations (Elasticsearch) and wide partitions (Cassandra) are the usual causes."],
  },
  "cluster-status": {
    title: "Cluster status",
    meaning: "The cluster reports yellow (1) or red (2): replicas or primaries are unassigned.",
    firstStep: "Ask the cluster which shards are unassigned and why (allocation explain) before restarting nodes.",
    steps: ["A node that left during maintenance usually rejoins: wait for it before acting.", "Red means data is unavailable: page the owner."],
  },
  "queue-depth": {
    title: "Queue depth",
    meaning: "More messages wait than the threshold in a copy of the queue: consumers are behind.",
    firstStep: "Check the consumers first: a stopped or slowed consumer shows as a growing queue.",
    steps: ["If producers rose beyond the plan, re-plan; if consumers are down, the queue is doing its job."],
  },
  "queue-oldest-age": {
    title: "Oldest message age",
    meaning: "The oldest waiting message is older than the threshold: delivery is late.",
    firstStep: "Find which shard holds the oldest message and whether its consumer is alive.",
    steps: ["Messages delayed on purpose do not count: check the delay settings of recent producers."],
  },
  "replication-lag": {
    title: "Replication lag",
    meaning: "Replicas in other regions are behind by more than the threshold.",
    firstStep: "Check the network between regions and the receiving region's write latency.",
    steps: ["Hints piling up on the coordinators mean a peer region is unreachable or overloaded."],
  },
} as const satisfies Record<RunbookMetric, Runbook>;

/** The runbook's path in the portal (an anchor of /runbooks). */
export function runbookPath(metric: RunbookMetric): string {
  return `/runbooks#${metric}`;
}
