// SLA thresholds as CloudWatch alarms: per threshold, per region where its role runs, a critical alarm (and a
// warning alarm when the threshold has one). Alerts only when someone must act: a critical alarm publishes to the
// organisation's alarm topic (the pager), a warning to the owning team's channel (Team.warningTopicArn, when the
// topic is in the alarm's region — CloudWatch alarm actions must be — else the organisation's topic). Every alarm's
// description names its runbook (lib/runbooks.ts) and what to do first.
//
// Where each metric comes from, and with which statistic: lib/schemas/metric-sources.ts (shared with the portal's
// CloudWatch reads, so a chart shows the series its alarm watches).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TopologyCluster } from "../lib/schemas/datastore";
import type { Threshold } from "../lib/schemas/plan";
import { ALARM_PERIOD_SECONDS, METRIC_SOURCES, METRICS_NAMESPACE, alarmResourceName } from "../lib/schemas/metric-sources";
import { RUNBOOKS, runbookPath } from "../lib/runbooks";
import { resourceTags, type Tags } from "./tags";

export { ALARM_PERIOD_SECONDS, METRIC_SOURCES };

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
  /** The organisation's topic in this region: criticals page through it. */
  alarmTopicArn: pulumi.Input<string>;
  /** The owning team's warning channel (any region: used only where it is this region's). */
  warningTopicArn?: string;
  tags: Tags;
}

/** Where a warning goes: the team's topic when it is in the alarm's region, else the organisation's. */
export function warningTopicFor(region: string, teamTopic: string | undefined, orgTopic: pulumi.Input<string>): pulumi.Input<string> {
  return teamTopic && teamTopic.split(":")[3] === region ? teamTopic : orgTopic;
}

/** The alarm's description: severity, condition, the threshold's reason, its runbook and the first step. */
export function alarmDescription(t: Threshold, severity: Severity, level: number): string {
  const head = `[${severity}] ${t.family} ${t.role} ${t.metric} ${t.comparison} ${level} ${t.unit} for ${t.forMinutes} min`;
  const runbook = `Runbook: ${runbookPath(t.metric)} — first: ${RUNBOOKS[t.metric].firstStep}`;
  // The runbook survives the 1024-character limit; the threshold's free text is what gets cut.
  const room = 1024 - head.length - runbook.length - 6;
  const reason = t.description.length > room ? `${t.description.slice(0, Math.max(0, room - 1))}…` : t.description;
  return `${head} — ${reason}. ${runbook}`.slice(0, 1024);
}

type Severity = "critical" | "warning";

function metricArgs(t: Threshold, args: DatastoreAlarmsArgs, cluster: TopologyCluster): Partial<aws.cloudwatch.MetricAlarmArgs> {
  const source = METRIC_SOURCES[t.metric];
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
        const alarmName = alarmResourceName(name, t.role, t.metric, severity);
        const topic = severity === "critical" ? args.alarmTopicArn : warningTopicFor(args.region, args.warningTopicArn, args.alarmTopicArn);
        const alarm = new aws.cloudwatch.MetricAlarm(
          alarmName,
          {
            alarmDescription: alarmDescription(t, severity, threshold),
            comparisonOperator: COMPARISON_OPERATORS[t.comparison],
            threshold,
            evaluationPeriods: t.forMinutes,
            datapointsToAlarm: t.forMinutes,
            // A silent node agent is its own problem: no data leaves the alarm in INSUFFICIENT_DATA rather than OK.
            treatMissingData: "missing",
            ...metricArgs(t, args, cluster),
            alarmActions: [topic],
            ...(severity === "critical" ? { okActions: [topic] } : {}),
            tags: resourceTags(args.tags, {
              Name: alarmName,
              region: args.region,
              role: t.role,
              metric: t.metric,
              severity,
              routing: severity === "critical" ? "page" : "team-channel",
            }),
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
