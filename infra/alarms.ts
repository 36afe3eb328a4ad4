// SLA thresholds as CloudWatch alarms: per threshold, per region where its role runs, a critical alarm (and a
// warning alarm when the threshold has one), publishing to the organisation's alarm topic.
//
// Where each metric comes from (the node agent baked into every image publishes the engine metrics to the
// "DatastorePortal" namespace, every node with the dimensions {DatastoreId, Role}, so CloudWatch aggregates a
// role's nodes in a region into one series):
//
// | threshold metric   | namespace / metric                    | statistic over 60 s                                  |
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
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TopologyCluster } from "../lib/schemas/datastore";
import type { Threshold } from "../lib/schemas/plan";
import { METRICS_NAMESPACE } from "./components/store-cluster";
import { resourceTags, type Tags } from "./tags";

type Metric = Threshold["metric"];

type MetricSource =
  | { kind: "asg-max"; namespace: "AWS/EC2"; metricName: string; stat: "Average" }
  | { kind: "engine"; metricName: string; stat: "Maximum" | "p99" }
  | { kind: "engine-per-copy"; metricName: string };

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
} as const satisfies Record<Metric, MetricSource>;

export const ALARM_PERIOD_SECONDS = 60;

export const COMPARISON_OPERATORS = {
  above: "GreaterThanOrEqualToThreshold",
  below: "LessThanOrEqualToThreshold",
} as const satisfies Record<Threshold["comparison"], string>;

export interface DatastoreAlarmsArgs {
  datastoreId: string;
  region: string;
  thresholds: readonly Threshold[];
  /** The region's clusters: a threshold gets alarms only where its role runs. */
  clusters: readonly TopologyCluster[];
  /** Auto Scaling group names per role (one per zone), for the EC2 metrics. */
  groupNamesByRole: Readonly<Record<string, pulumi.Input<string>[]>>;
  alarmTopicArn: pulumi.Input<string>;
  tags: Tags;
}

type Severity = "critical" | "warning";

function metricArgs(t: Threshold, args: DatastoreAlarmsArgs, cluster: TopologyCluster): Partial<aws.cloudwatch.MetricAlarmArgs> {
  const source: MetricSource = METRIC_SOURCES[t.metric];
  const dimensions = { DatastoreId: args.datastoreId, Role: t.role };
  if (source.kind === "engine") {
    return {
      namespace: METRICS_NAMESPACE,
      metricName: source.metricName,
      dimensions,
      period: ALARM_PERIOD_SECONDS,
      ...(source.stat === "p99" ? { extendedStatistic: "p99" } : { statistic: source.stat }),
    };
  }
  if (source.kind === "engine-per-copy") {
    return {
      metricQueries: [
        {
          id: "m0",
          returnData: false,
          metric: { namespace: METRICS_NAMESPACE, metricName: source.metricName, dimensions, period: ALARM_PERIOD_SECONDS, stat: "Sum" },
        },
        { id: "e0", returnData: true, expression: `m0 / ${cluster.zones}`, label: `${source.metricName} per zone copy` },
      ],
    };
  }
  const groups = args.groupNamesByRole[t.role] ?? [];
  if (groups.length === 0) throw new Error(`no Auto Scaling groups for role ${t.role} in ${args.region}`);
  const ids = groups.map((_, i) => `z${i}`);
  return {
    metricQueries: [
      ...groups.map((group, i) => ({
        id: ids[i] as string,
        returnData: false,
        metric: {
          namespace: source.namespace,
          metricName: source.metricName,
          dimensions: { AutoScalingGroupName: group },
          period: ALARM_PERIOD_SECONDS,
          stat: source.stat,
        },
      })),
      { id: "e0", returnData: true, expression: `MAX([${ids.join(",")}])`, label: `${source.metricName} of the busiest zone` },
    ],
  };
}

export class DatastoreAlarms extends pulumi.ComponentResource {
  readonly alarms: readonly { threshold: Threshold; severity: Severity; alarm: aws.cloudwatch.MetricAlarm }[];
  readonly alarmNames: pulumi.Output<string>[];

  constructor(name: string, args: DatastoreAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:Alarms", name, {}, opts);
    const alarms: { threshold: Threshold; severity: Severity; alarm: aws.cloudwatch.MetricAlarm }[] = [];
    for (const t of args.thresholds) {
      const cluster = args.clusters.find((c) => c.role === t.role);
      if (!cluster) continue;
      const levels: [Severity, number][] = [["critical", t.critical]];
      if (t.warning !== undefined) levels.push(["warning", t.warning]);
      for (const [severity, threshold] of levels) {
        const alarmName = `${name}-${t.role}-${t.metric}-${severity}`;
        const alarm = new aws.cloudwatch.MetricAlarm(
          alarmName,
          {
            alarmDescription:
              `[${severity}] ${t.family} ${t.role} ${t.metric} ${t.comparison} ${threshold} ${t.unit} for ${t.forMinutes} min — ${t.description}`.slice(
                0,
                1024,
              ),
            comparisonOperator: COMPARISON_OPERATORS[t.comparison],
            threshold,
            evaluationPeriods: t.forMinutes,
            datapointsToAlarm: t.forMinutes,
            // A silent node agent is its own problem: no data leaves the alarm in INSUFFICIENT_DATA rather than OK.
            treatMissingData: "missing",
            ...metricArgs(t, args, cluster),
            alarmActions: [args.alarmTopicArn],
            ...(severity === "critical" ? { okActions: [args.alarmTopicArn] } : {}),
            tags: resourceTags(args.tags, { Name: alarmName, region: args.region, role: t.role, metric: t.metric, severity }),
          },
          { parent: this },
        );
        alarms.push({ threshold: t, severity, alarm });
      }
    }
    this.alarms = alarms;
    this.alarmNames = alarms.map((a) => a.alarm.name);
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
