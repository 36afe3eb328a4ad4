// The CloudWatch MetricsSource against recorded response shapes (aws-sdk-client-mock): the queries it builds from the
// alarms' metric definitions, pagination of every call, and alarm states and history mapped to the seam's values.
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { CloudWatchMetricsSource, metricDataQueries, parseHistoryItem } from "@/lib/server/health/cloudwatch-metrics-source";
import type { MetricsTarget } from "@/lib/server/health/metrics-source";

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());

const target: MetricsTarget = {
  datastoreId: "ds-1",
  family: "cassandra",
  alarmNames: [
    "vh-us-east-1-alarms-data-read-latency-p99-critical",
    "vh-us-east-1-alarms-data-cpu-utilisation-warning",
    "vh-eu-west-1-alarms-data-read-latency-p99-critical",
  ],
  activeSince: new Date("2026-11-01T00:00:00Z"),
  regions: {
    "us-east-1": {
      alarmNames: ["vh-us-east-1-alarms-data-read-latency-p99-critical", "vh-us-east-1-alarms-data-cpu-utilisation-warning"],
      groupNamesByRole: { data: ["vh-us-east-1-data-a", "vh-us-east-1-data-b", "vh-us-east-1-data-c"], cache: ["vh-us-east-1-cache-a"] },
    },
    "eu-west-1": { alarmNames: ["vh-eu-west-1-alarms-data-read-latency-p99-critical"], groupNamesByRole: { data: ["vh-eu-west-1-data-a"] } },
  },
};

const range = { from: new Date("2026-12-03T00:00:00Z"), to: new Date("2026-12-03T00:15:00Z"), periodSeconds: 300 };

describe("GetMetricData queries", () => {
  it("use each alarm's metric and statistic: p99 for latency, MAX over the zones' groups for CPU, Sum ÷ zones per copy, Sum ÷ minutes for throughput", () => {
    const p99 = metricDataQueries(target, { id: "a", region: "us-east-1", role: "data", metric: "read-latency-p99" }, 0, 300);
    expect(p99).toEqual([
      {
        Id: "q0",
        Label: "a",
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: "DatastorePortal",
            MetricName: "ReadLatency",
            Dimensions: [
              { Name: "DatastoreId", Value: "ds-1" },
              { Name: "Role", Value: "data" },
            ],
          },
          Period: 300,
          Stat: "p99",
        },
      },
    ]);
    const cpu = metricDataQueries(target, { id: "b", region: "us-east-1", role: "data", metric: "cpu-utilisation" }, 1, 60) ?? [];
    expect(cpu.map((q) => q.Id)).toEqual(["q1_z0", "q1_z1", "q1_z2", "q1"]);
    expect(cpu[1]?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: "AutoScalingGroupName", Value: "vh-us-east-1-data-b" }]);
    expect(cpu[1]?.MetricStat?.Stat).toBe("Average");
    expect(cpu[3]).toMatchObject({ Expression: "MAX([q1_z0,q1_z1,q1_z2])", ReturnData: true });
    const evictions = metricDataQueries(target, { id: "c", region: "us-east-1", role: "data", metric: "evictions" }, 2, 60) ?? [];
    expect(evictions[1]?.Expression).toBe("q2_m / 3");
    const reads = metricDataQueries(target, { id: "d", region: "us-east-1", role: "data", metric: "reads-per-second" }, 3, 300) ?? [];
    expect(reads[0]?.MetricStat).toMatchObject({ Stat: "Sum", Metric: { MetricName: "ReadsPerSecond" } });
    expect(reads[1]?.Expression).toBe("q3_m / 5");
    // Before the first up there are no groups: no CPU series rather than a query CloudWatch would reject.
    expect(metricDataQueries({ ...target, regions: {} }, { id: "e", region: "us-east-1", role: "data", metric: "cpu-utilisation" }, 4, 60)).toBeNull();
  });
});

describe("CloudWatchMetricsSource", () => {
  it("reads series per region, follows NextToken, and returns points oldest first by the caller's ids", async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        // Recorded shape: MetricDataResults with Id/Label/Timestamps/Values/StatusCode, and a NextToken.
        MetricDataResults: [{ Id: "q0", Label: "p99-use1", Timestamps: [new Date("2026-12-03T00:05:00Z")], Values: [1.2], StatusCode: "PartialData" }],
        NextToken: "page-2",
        Messages: [],
      })
      .resolvesOnce({
        MetricDataResults: [
          {
            Id: "q0",
            Label: "p99-use1",
            Timestamps: [new Date("2026-12-03T00:00:00Z"), new Date("2026-12-03T00:10:00Z")],
            Values: [1.1, 1.3],
            StatusCode: "Complete",
          },
        ],
      })
      .resolves({ MetricDataResults: [{ Id: "q1", Label: "p99-euw1", Timestamps: [], Values: [], StatusCode: "Complete" }] });
    const source = new CloudWatchMetricsSource();
    const out = await source.series(
      target,
      [
        { id: "p99-use1", region: "us-east-1", role: "data", metric: "read-latency-p99" },
        { id: "p99-euw1", region: "eu-west-1", role: "data", metric: "read-latency-p99" },
      ],
      range,
    );
    expect(out.get("p99-use1")?.map((p) => [p.at.toISOString(), p.value])).toEqual([
      ["2026-12-03T00:00:00.000Z", 1.1],
      ["2026-12-03T00:05:00.000Z", 1.2],
      ["2026-12-03T00:10:00.000Z", 1.3],
    ]);
    expect(out.get("p99-euw1")).toEqual([]);
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(3);
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: "page-2", ScanBy: "TimestampAscending", StartTime: range.from, EndTime: range.to });
  });

  it("splits more than 500 queries into several calls, never a series across two", async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const many = Array.from({ length: 130 }, (_, i) => ({ id: `cpu${i}`, region: "us-east-1", role: "data", metric: "cpu-utilisation" as const }));
    await new CloudWatchMetricsSource().series(target, many, range);
    const sizes = cw.commandCalls(GetMetricDataCommand).map((c) => (c.args[0].input.MetricDataQueries as MetricDataQuery[]).length);
    // Each CPU series is 4 queries (3 zones + MAX): 125 series fit in 500, the rest in a second call.
    expect(sizes).toEqual([500, 20]);
  });

  it("describes the outputs' alarms per region in pages and maps their states", async () => {
    cw.on(DescribeAlarmsCommand, { AlarmNames: ["vh-us-east-1-alarms-data-read-latency-p99-critical", "vh-us-east-1-alarms-data-cpu-utilisation-warning"] })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: "vh-us-east-1-alarms-data-read-latency-p99-critical",
            StateValue: "ALARM",
            StateReason: "Threshold Crossed: 5 out of the last 5 datapoints were greater than or equal to the threshold (10.0).",
            StateTransitionedTimestamp: new Date("2026-12-03T00:07:00Z"),
            StateUpdatedTimestamp: new Date("2026-12-03T00:07:00Z"),
          },
        ],
        NextToken: "more",
      })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: "vh-us-east-1-alarms-data-cpu-utilisation-warning",
            StateValue: "OK",
            StateReason: "ok",
            StateUpdatedTimestamp: new Date("2026-12-01T00:00:00Z"),
          },
        ],
      });
    cw.on(DescribeAlarmsCommand, { AlarmNames: ["vh-eu-west-1-alarms-data-read-latency-p99-critical"] }).resolves({
      MetricAlarms: [{ AlarmName: "vh-eu-west-1-alarms-data-read-latency-p99-critical", StateValue: "INSUFFICIENT_DATA", StateReason: "no data" }],
    });
    const states = await new CloudWatchMetricsSource().alarms(target);
    expect(states.map((s) => [s.alarmName, s.state])).toEqual([
      ["vh-us-east-1-alarms-data-read-latency-p99-critical", "alarm"],
      ["vh-us-east-1-alarms-data-cpu-utilisation-warning", "ok"],
      ["vh-eu-west-1-alarms-data-read-latency-p99-critical", "insufficient-data"],
    ]);
    expect(states[0]?.since.toISOString()).toBe("2026-12-03T00:07:00.000Z");
    expect(cw.commandCalls(DescribeAlarmsCommand)[1]?.args[0].input.NextToken).toBe("more");
  });

  it("reads each alarm's state updates in pages, oldest first, from HistoryData", async () => {
    const item = (name: string, at: string, from: string, to: string) => ({
      AlarmName: name,
      AlarmType: "MetricAlarm" as const,
      Timestamp: new Date(at),
      HistoryItemType: "StateUpdate" as const,
      HistorySummary: `Alarm updated from ${from} to ${to}`,
      HistoryData: JSON.stringify({
        version: "1.0",
        oldState: { stateValue: from, stateReason: "…" },
        newState: { stateValue: to, stateReason: `went ${to}` },
      }),
    });
    const critical = "vh-us-east-1-alarms-data-read-latency-p99-critical";
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    cw.on(DescribeAlarmHistoryCommand, { AlarmName: critical })
      .resolvesOnce({ AlarmHistoryItems: [item(critical, "2026-12-02T10:00:00Z", "OK", "ALARM")], NextToken: "h2" })
      .resolvesOnce({ AlarmHistoryItems: [item(critical, "2026-12-02T11:00:00Z", "ALARM", "OK")] });
    const history = await new CloudWatchMetricsSource().alarmHistory(target, new Date("2026-12-01T00:00:00Z"), new Date("2026-12-03T00:00:00Z"));
    expect(history.map((h) => [h.at.toISOString(), h.from, h.to, h.reason])).toEqual([
      ["2026-12-02T10:00:00.000Z", "ok", "alarm", "went ALARM"],
      ["2026-12-02T11:00:00.000Z", "alarm", "ok", "went OK"],
    ]);
    const calls = cw.commandCalls(DescribeAlarmHistoryCommand);
    expect(calls).toHaveLength(4); // two pages for the critical alarm, one for each other alarm
    expect(calls[0]?.args[0].input).toMatchObject({ HistoryItemType: "StateUpdate", ScanBy: "TimestampAscending" });
  });

  it("falls back to the summary when HistoryData is not JSON", () => {
    expect(parseHistoryItem("a", new Date(0), "not json", "Alarm updated from INSUFFICIENT_DATA to OK")).toMatchObject({ from: "insufficient-data", to: "ok" });
    expect(parseHistoryItem("a", new Date(0), undefined, "Alarm configuration updated")).toBeNull();
  });
});
