// The AWS MetricsSource: CloudWatch, one client per region, the default credential chain.
//   - series: GetMetricData with the very metric definitions the alarms watch (lib/schemas/metric-sources.ts):
//     engine metrics by {DatastoreId, Role} with the alarm's statistic; CPU as the MAX over the role's zone groups'
//     averages (a metric-math expression, as the alarm does); per-copy metrics as the Sum ÷ zones; throughput as the
//     Sum over nodes ÷ the minutes in the period (each node publishes its rate once a minute). At most 500 queries a
//     call (API limit), NextToken followed.
//   - alarms: DescribeAlarms for the alarm names of the stack's outputs, 100 names a call (API limit), NextToken.
//   - alarmHistory: DescribeAlarmHistory per alarm, HistoryItemType=StateUpdate, oldest first, NextToken; each
//     item's HistoryData JSON carries oldState/newState (docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/
//     API_AlarmHistoryItem.html; the shape is recorded in test/lib/server/health/cloudwatch-metrics-source.test.ts).
import "server-only";
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
  type StateValue,
} from "@aws-sdk/client-cloudwatch";
import { METRIC_SOURCES, METRICS_NAMESPACE, THROUGHPUT_SOURCES, type MetricSource } from "@/lib/schemas/metric-sources";
import type { AlarmStateNow, AlarmStateValue, AlarmTransition, MetricPoint, MetricsSource, MetricsTarget, SeriesQuery, SeriesRange } from "./metrics-source";

const MAX_QUERIES_PER_CALL = 500;
const MAX_ALARM_NAMES_PER_CALL = 100;

const STATES: Record<StateValue, AlarmStateValue> = { OK: "ok", ALARM: "alarm", INSUFFICIENT_DATA: "insufficient-data" };

function stateOf(v: string | undefined): AlarmStateValue {
  return v && Object.hasOwn(STATES, v) ? STATES[v as StateValue] : "insufficient-data";
}

export type ClientFactory = (region: string) => CloudWatchClient;

/** The region an alarm lives in: the outputs say; infra/alarms.ts's names carry it too (`…-<region>-alarms-…`). */
function regionOfAlarm(target: MetricsTarget, alarmName: string): string | undefined {
  for (const [region, r] of Object.entries(target.regions ?? {})) if (r.alarmNames.includes(alarmName)) return region;
  return /-([a-z]{2}(?:-gov)?-[a-z]+-\d)-alarms-/.exec(alarmName)?.[1];
}

/** The GetMetricData queries of one series: the returned one has id `q${index}`, helpers `q${index}_…`. */
export function metricDataQueries(target: MetricsTarget, q: SeriesQuery, index: number, periodSeconds: number): MetricDataQuery[] | null {
  const source: MetricSource =
    q.metric in METRIC_SOURCES ? METRIC_SOURCES[q.metric as keyof typeof METRIC_SOURCES] : THROUGHPUT_SOURCES[q.metric as keyof typeof THROUGHPUT_SOURCES];
  const id = `q${index}`;
  const dims = [
    { Name: "DatastoreId", Value: target.datastoreId },
    { Name: "Role", Value: q.role },
  ];
  const engine = (stat: string) => ({
    Metric: { Namespace: METRICS_NAMESPACE, MetricName: source.metricName, Dimensions: dims },
    Period: periodSeconds,
    Stat: stat,
  });
  const groups = target.regions?.[q.region]?.groupNamesByRole[q.role] ?? [];
  switch (source.kind) {
    case "engine":
      return [{ Id: id, MetricStat: engine(source.stat), ReturnData: true, Label: q.id }];
    case "engine-rate":
      return [
        { Id: `${id}_m`, MetricStat: engine("Sum"), ReturnData: false },
        { Id: id, Expression: `${id}_m / ${periodSeconds / 60}`, ReturnData: true, Label: q.id },
      ];
    case "engine-per-copy":
      if (groups.length === 0) return null;
      return [
        { Id: `${id}_m`, MetricStat: engine("Sum"), ReturnData: false },
        { Id: id, Expression: `${id}_m / ${groups.length}`, ReturnData: true, Label: q.id },
      ];
    case "asg-max":
      if (groups.length === 0) return null;
      return [
        ...groups.map((group, z) => ({
          Id: `${id}_z${z}`,
          MetricStat: {
            Metric: { Namespace: source.namespace, MetricName: source.metricName, Dimensions: [{ Name: "AutoScalingGroupName", Value: group }] },
            Period: periodSeconds,
            Stat: source.stat,
          },
          ReturnData: false,
        })),
        { Id: id, Expression: `MAX([${groups.map((_, z) => `${id}_z${z}`).join(",")}])`, ReturnData: true, Label: q.id },
      ];
  }
}

export class CloudWatchMetricsSource implements MetricsSource {
  readonly kind = "aws" as const;
  private readonly clients = new Map<string, CloudWatchClient>();

  constructor(private readonly clientFor: ClientFactory = (region) => new CloudWatchClient({ region })) {}

  private client(region: string): CloudWatchClient {
    let c = this.clients.get(region);
    if (!c) {
      c = this.clientFor(region);
      this.clients.set(region, c);
    }
    return c;
  }

  async series(target: MetricsTarget, queries: readonly SeriesQuery[], range: SeriesRange, signal?: AbortSignal): Promise<Map<string, MetricPoint[]>> {
    const out = new Map<string, MetricPoint[]>(queries.map((q) => [q.id, []]));
    const byRegion = new Map<string, { q: SeriesQuery; dq: MetricDataQuery[] }[]>();
    queries.forEach((q, i) => {
      const dq = metricDataQueries(target, q, i, range.periodSeconds);
      if (!dq) return; // no groups yet (before the first up): no data, not an error
      byRegion.set(q.region, [...(byRegion.get(q.region) ?? []), { q, dq }]);
    });
    for (const [region, items] of byRegion) {
      const idToQuery = new Map(items.map(({ q, dq }) => [dq[dq.length - 1]?.Id ?? "", q.id]));
      // Batches of whole series, at most 500 queries each.
      const batches: MetricDataQuery[][] = [[]];
      for (const { dq } of items) {
        const last = batches[batches.length - 1] as MetricDataQuery[];
        if (last.length + dq.length > MAX_QUERIES_PER_CALL) batches.push([...dq]);
        else last.push(...dq);
      }
      for (const batch of batches) {
        let nextToken: string | undefined;
        do {
          const res = await this.client(region).send(
            new GetMetricDataCommand({
              MetricDataQueries: batch,
              StartTime: range.from,
              EndTime: range.to,
              ScanBy: "TimestampAscending",
              NextToken: nextToken,
            }),
            { abortSignal: signal },
          );
          for (const r of res.MetricDataResults ?? []) {
            const key = idToQuery.get(r.Id ?? "");
            if (key === undefined) continue;
            const points = out.get(key) ?? [];
            (r.Timestamps ?? []).forEach((at, i) => {
              const value = r.Values?.[i];
              if (value !== undefined) points.push({ at: new Date(at), value });
            });
            out.set(key, points);
          }
          nextToken = res.NextToken;
        } while (nextToken);
      }
    }
    for (const points of out.values()) points.sort((a, b) => a.at.getTime() - b.at.getTime());
    return out;
  }

  private alarmsByRegion(target: MetricsTarget): Map<string, string[]> {
    const byRegion = new Map<string, string[]>();
    for (const name of target.alarmNames) {
      const region = regionOfAlarm(target, name);
      if (region) byRegion.set(region, [...(byRegion.get(region) ?? []), name]);
    }
    return byRegion;
  }

  async alarms(target: MetricsTarget, signal?: AbortSignal): Promise<AlarmStateNow[]> {
    const out: AlarmStateNow[] = [];
    for (const [region, names] of this.alarmsByRegion(target)) {
      for (let i = 0; i < names.length; i += MAX_ALARM_NAMES_PER_CALL) {
        let nextToken: string | undefined;
        do {
          const res = await this.client(region).send(
            new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + MAX_ALARM_NAMES_PER_CALL), AlarmTypes: ["MetricAlarm"], NextToken: nextToken }),
            { abortSignal: signal },
          );
          for (const a of res.MetricAlarms ?? []) {
            if (!a.AlarmName) continue;
            out.push({
              alarmName: a.AlarmName,
              state: stateOf(a.StateValue),
              reason: a.StateReason ?? "",
              since: a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp ?? new Date(0),
            });
          }
          nextToken = res.NextToken;
        } while (nextToken);
      }
    }
    return out;
  }

  async alarmHistory(target: MetricsTarget, from: Date, to: Date, signal?: AbortSignal): Promise<AlarmTransition[]> {
    const out: AlarmTransition[] = [];
    for (const [region, names] of this.alarmsByRegion(target)) {
      for (const alarmName of names) {
        let nextToken: string | undefined;
        do {
          const res = await this.client(region).send(
            new DescribeAlarmHistoryCommand({
              AlarmName: alarmName,
              AlarmTypes: ["MetricAlarm"],
              HistoryItemType: "StateUpdate",
              StartDate: from,
              EndDate: to,
              ScanBy: "TimestampAscending",
              NextToken: nextToken,
            }),
            { abortSignal: signal },
          );
          for (const item of res.AlarmHistoryItems ?? []) {
            const transition = parseHistoryItem(alarmName, item.Timestamp, item.HistoryData, item.HistorySummary);
            if (transition) out.push(transition);
          }
          nextToken = res.NextToken;
        } while (nextToken);
      }
    }
    return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.alarmName.localeCompare(b.alarmName));
  }
}

/** A StateUpdate item: HistoryData is JSON with oldState/newState {stateValue, stateReason}; else the summary. */
export function parseHistoryItem(alarmName: string, at: Date | undefined, data: string | undefined, summary: string | undefined): AlarmTransition | null {
  if (!at) return null;
  try {
    const parsed = JSON.parse(data ?? "") as { oldState?: { stateValue?: string }; newState?: { stateValue?: string; stateReason?: string } };
    if (parsed.newState?.stateValue)
      return {
        alarmName,
        at,
        from: stateOf(parsed.oldState?.stateValue),
        to: stateOf(parsed.newState.stateValue),
        reason: parsed.newState.stateReason ?? summary ?? "",
      };
  } catch {
    // Not JSON: fall back to the summary ("Alarm updated from OK to ALARM").
  }
  const m = /from (OK|ALARM|INSUFFICIENT_DATA) to (OK|ALARM|INSUFFICIENT_DATA)/.exec(summary ?? "");
  return m ? { alarmName, at, from: stateOf(m[1]), to: stateOf(m[2]), reason: summary ?? "" } : null;
}
