// Where each health metric comes from in CloudWatch: the definitions the alarms (infra/alarms.ts) and the portal's
// CloudWatch reads (lib/server/health/cloudwatch-metrics-source.ts) share, so a chart shows exactly the series its
// alarm watches. Pure data (runs in Pulumi's runtime too: relative imports only).
//
// The node agent baked into every image publishes the engine metrics to the "DatastorePortal" namespace, every node
// with the dimensions {DatastoreId, Role}, so CloudWatch aggregates a role's nodes in a region into one series:
//
// | metric             | namespace / metric                    | statistic over 60 s                                  |
// |--------------------|---------------------------------------|------------------------------------------------------|
// | cpu-utilisation    | AWS/EC2 CPUUtilization per zone's ASG | Average per group, the MAX over the role's groups    |
// | read-latency-p99   | DatastorePortal ReadLatency (ms)      | p99 of every node's samples                          |
// | write-latency-p99  | DatastorePortal WriteLatency (ms)     | p99                                                  |
// | disk-used          | DatastorePortal DiskUsedPercent       | Maximum (the fullest node pages)                     |
// | memory-used        | DatastorePortal MemoryUsedPercent     | Maximum                                              |
// | jvm-heap-used      | DatastorePortal JvmHeapUsedPercent    | Maximum                                              |
// | cluster-status     | DatastorePortal ClusterStatus (0/1/2) | Maximum                                              |
// | queue-oldest-age   | DatastorePortal QueueOldestAgeSeconds | Maximum                                              |
// | replication-lag    | DatastorePortal ReplicationLagSeconds | Maximum                                              |
// | evictions          | DatastorePortal EvictionsPerSecond    | Sum over nodes ÷ zones (every zone is a full copy,   |
// | queue-depth        | DatastorePortal QueueDepth            |   so the threshold is per copy, not per region)      |
// | reads-per-second   | DatastorePortal ReadsPerSecond        | Sum over nodes (each node's rate, once a minute)     |
// | writes-per-second  | DatastorePortal WritesPerSecond       | Sum over nodes                                       |
import type { Threshold } from "./plan";

/** Custom CloudWatch namespace the node agent publishes engine metrics to. */
export const METRICS_NAMESPACE = "DatastorePortal";

/** The alarms' period: one datapoint a minute. */
export const ALARM_PERIOD_SECONDS = 60;

export type MetricSource =
  | { kind: "asg-max"; namespace: "AWS/EC2"; metricName: string; stat: "Average" }
  | { kind: "engine"; metricName: string; stat: "Maximum" | "p99" }
  | { kind: "engine-per-copy"; metricName: string }
  | { kind: "engine-rate"; metricName: string };

export const METRIC_SOURCES = {
  "cpu-utilisation": { kind: "asg-max", namespace: "AWS/EC2", metricName: "CPUUtilization", stat: "Average" },
  "read-latency-p99": { kind: "engine", metricName: "ReadLatency", stat: "p99" },
  "write-latency-p99": { kind: "engine", metricName: "WriteLatency", stat: "p99" },
  "disk-used": { kind: "engine", metricName: "DiskUsedPercent", stat: "Maximum" },
  "memory-used": { kind: "engine", metricName: "MemoryUsedPercent", stat: "Maximum" },
  "jvm-heap-used": { kind: "engine", metricName: "JvmHeapUsedPercent", stat: "Maximum" },
  "cluster-status": { kind: "engine", metricName: "ClusterStatus", stat: "Maximum" },
  "queue-oldest-age": { kind: "engine", metricName: "QueueOldestAgeSeconds", stat: "Maximum" },
  "replication-lag": { kind: "engine", metricName: "ReplicationLagSeconds", stat: "Maximum" },
  evictions: { kind: "engine-per-copy", metricName: "EvictionsPerSecond" },
  "queue-depth": { kind: "engine-per-copy", metricName: "QueueDepth" },
} as const satisfies Record<Threshold["metric"], MetricSource>;

/** Throughput, which no alarm watches but the health page and the runway compare with the plan. */
export const THROUGHPUT_SOURCES = {
  "reads-per-second": { kind: "engine-rate", metricName: "ReadsPerSecond" },
  "writes-per-second": { kind: "engine-rate", metricName: "WritesPerSecond" },
} as const satisfies Record<string, MetricSource>;

/** The name infra/program.ts gives a region's alarms component: every alarm of the region is named from it. */
export function alarmsComponentName(datastoreName: string, region: string): string {
  return `${datastoreName}-${region}-alarms`;
}

/**
 * An alarm's resource name (infra/alarms.ts): its component's name, then the threshold's role and metric and the
 * severity. Pulumi's auto-naming may append `-<random>` to the name CloudWatch sees (lib/server/health/alarm-names.ts).
 */
export function alarmResourceName(componentName: string, role: string, metric: string, severity: "critical" | "warning"): string {
  return `${componentName}-${role}-${metric}-${severity}`;
}
