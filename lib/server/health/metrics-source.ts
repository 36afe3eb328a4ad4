// What the portal reads of a datastore's health: metric series, alarm states and alarm history. Defined here where
// it is used; two implementations, chosen with the provisioner (PROVISIONER=simulated → simulated):
//   - AWS (lib/server/health/cloudwatch-metrics-source.ts): CloudWatch GetMetricData for the metrics the alarms
//     already watch (infra/alarms.ts METRIC_SOURCES) plus throughput, DescribeAlarms and DescribeAlarmHistory for
//     the alarms the stack's outputs name;
//   - simulated (lib/server/health/simulated-metrics-source.ts): deterministic series derived from the plan
//     (planned utilisation × a daily curve + seeded noise), with incidents an administrator or a test injects
//     (latency spike, traffic growth, disk filling).
// The Health tab, the at-risk list and the capacity runway all read through this seam, never the SDK.
import "server-only";
import type { Threshold } from "@/lib/schemas/plan";

/** The threshold metrics (infra/alarms.ts) and the throughput a runway compares with the plan. */
export type ThresholdMetric = Threshold["metric"];
export const THROUGHPUT_METRICS = ["reads-per-second", "writes-per-second"] as const;
export type ThroughputMetric = (typeof THROUGHPUT_METRICS)[number];
export type HealthMetric = ThresholdMetric | ThroughputMetric;

/** One series asked for: a metric of one role in one region (the alarms' aggregation: infra/alarms.ts). */
export interface SeriesQuery {
  /** The caller's key for the answer. */
  id: string;
  region: string;
  role: string;
  metric: HealthMetric;
}

export interface SeriesRange {
  from: Date;
  to: Date;
  /** One point per period (60 s … 3600 s). */
  periodSeconds: number;
}

export interface MetricPoint {
  at: Date;
  value: number;
}

/** What a source needs to know of the datastore: its identity, plan and stack outputs. */
export interface MetricsTarget {
  datastoreId: string;
  family: string;
  /** The stack's outputs per region (alarm names for DescribeAlarms); null before the first up. */
  alarmNames: string[];
  /** When it became active: simulated series start here. */
  activeSince: Date;
  /**
   * The same outputs per region: its alarm names and its Auto Scaling groups per role (one per zone: the EC2
   * metrics' dimensions, and the zone count of per-copy metrics). metricsTargetOf fills it; CloudWatch needs it.
   */
  regions?: Readonly<Record<string, { alarmNames: readonly string[]; groupNamesByRole: Readonly<Record<string, readonly string[]>> }>>;
}

export type AlarmStateValue = "ok" | "alarm" | "insufficient-data";

export interface AlarmStateNow {
  alarmName: string;
  state: AlarmStateValue;
  reason: string;
  since: Date;
}

export interface AlarmTransition {
  alarmName: string;
  at: Date;
  from: AlarmStateValue;
  to: AlarmStateValue;
  reason: string;
}

export interface MetricsSource {
  readonly kind: "aws" | "simulated";
  /** The series asked for, keyed by query id; a series with no data is an empty array. */
  series(target: MetricsTarget, queries: readonly SeriesQuery[], range: SeriesRange, signal?: AbortSignal): Promise<Map<string, MetricPoint[]>>;
  /** The current state of every alarm of the datastore. */
  alarms(target: MetricsTarget, signal?: AbortSignal): Promise<AlarmStateNow[]>;
  /** State changes between from and to, oldest first. */
  alarmHistory(target: MetricsTarget, from: Date, to: Date, signal?: AbortSignal): Promise<AlarmTransition[]>;
}
