// SLA thresholds become CloudWatch alarms: per threshold and region where its role runs, critical (and warning when
// set), equal to the datastore's thresholds; criticals page through the organisation's alarm topic, warnings go to the
// owning team's channel; every description carries its runbook.
import type * as ProgramModule from "../../infra/program";
import { beforeAll, describe, expect, it } from "vitest";
import { RUNBOOKS } from "../../lib/runbooks";
import { FAMILIES } from "../../lib/schemas/plan";
import type { DatastoreOutputs } from "../../infra/program";
import type { DatastoreSpec } from "../../lib/schemas/datastore-spec";
import { CASSANDRA_WITH_COMPANIONS, ORG, settingsOf, specFor, specForWorkload, USE_CASE_BY_FAMILY } from "./fixtures";
import { installMocks, runPrograms } from "./pulumi-mocks";
import { ofType, tagsOf, TYPES, withTags } from "./support";

let datastoreProgram: typeof ProgramModule.datastoreProgram;

beforeAll(async () => {
  await installMocks();
  ({ datastoreProgram } = await import("../../infra/program"));
});

async function run(spec: DatastoreSpec) {
  const { resources, outputs } = await runPrograms([datastoreProgram(spec, ORG)]);
  return { alarms: ofType(resources, TYPES.alarm), outputs: outputs[0] as DatastoreOutputs };
}

interface MetricQuery {
  id: string;
  expression?: string;
  returnData?: boolean;
  metric?: { namespace: string; metricName: string; dimensions: Record<string, string>; period: number; stat: string };
}

describe("alarms", () => {
  it.each([
    ...FAMILIES.map((f) => [f, specFor(USE_CASE_BY_FAMILY[f])] as const),
    ["cassandra with companions", specForWorkload(CASSANDRA_WITH_COMPANIONS)] as const,
  ])("turns every threshold of a %s datastore into alarms equal to it, per region where its role runs", async (_label, spec) => {
    const { alarms, outputs } = await run(spec);
    let expected = 0;
    for (const t of spec.thresholds) {
      for (const region of spec.regions) {
        if (!spec.topology.some((c) => c.region === region && c.role === t.role)) continue;
        const levels: [string, number][] = [["critical", t.critical], ...(t.warning === undefined ? [] : [["warning", t.warning] as [string, number]])];
        for (const [severity, value] of levels) {
          expected += 1;
          const found = withTags(alarms, { region, role: t.role, metric: t.metric, severity });
          expect(found, `${region} ${t.role} ${t.metric} ${severity}`).toHaveLength(1);
          const a = found[0]?.inputs;
          expect(a).toMatchObject({
            threshold: value,
            comparisonOperator: t.comparison === "above" ? "GreaterThanOrEqualToThreshold" : "LessThanOrEqualToThreshold",
            evaluationPeriods: t.forMinutes,
            datapointsToAlarm: t.forMinutes,
            alarmActions: [settingsOf(region).alarmTopicArn],
          });
          const period = a?.period ?? (a?.metricQueries as MetricQuery[] | undefined)?.find((q) => q.metric)?.metric?.period;
          expect(period).toBe(60);
        }
        expect(withTags(alarms, { region, role: t.role, metric: t.metric, severity: "warning" })).toHaveLength(t.warning === undefined ? 0 : 1);
      }
    }
    expect(alarms).toHaveLength(expected);
    const names = Object.values(outputs.regions).flatMap((r) => r.alarmNames);
    expect(names).toHaveLength(expected);
    expect(new Set(names).size).toBe(expected);
  });

  it("watches CPU on every zone's group of the role and alarms on the busiest", async () => {
    const spec = specFor("delayed-queues");
    const { alarms, outputs } = await run(spec);
    const [cpu] = withTags(alarms, { role: "queue", metric: "cpu-utilisation", severity: "critical" });
    const queries = cpu?.inputs.metricQueries as MetricQuery[];
    const groups = outputs.regions["us-east-1"]?.groupNamesByRole.queue ?? [];
    expect(groups).toHaveLength(3);
    expect(
      queries
        .filter((q) => q.metric)
        .map((q) => q.metric?.dimensions.AutoScalingGroupName)
        .sort(),
    ).toEqual([...groups].sort());
    expect(queries.filter((q) => q.metric).every((q) => q.metric?.namespace === "AWS/EC2" && q.metric.metricName === "CPUUtilization")).toBe(true);
    expect(queries.find((q) => q.returnData)?.expression).toBe("MAX([z0,z1,z2])");
  });

  it("reads engine metrics from the DatastorePortal namespace by datastore and role", async () => {
    const spec = specFor("playback-incidents");
    const { alarms } = await run(spec);
    const [latency] = withTags(alarms, { role: "search", metric: "read-latency-p99", severity: "critical" });
    expect(latency?.inputs).toMatchObject({
      namespace: "DatastorePortal",
      metricName: "ReadLatency",
      extendedStatistic: "p99",
      period: 60,
      dimensions: { DatastoreId: spec.id, Role: "search" },
    });
    const [status] = withTags(alarms, { role: "data", metric: "cluster-status", severity: "critical" });
    expect(status?.inputs).toMatchObject({ namespace: "DatastorePortal", metricName: "ClusterStatus", statistic: "Maximum" });
  });

  it("judges a full-copy family's evictions per zone copy, not summed over the region", async () => {
    const spec = specFor("cdn-url");
    const { alarms } = await run(spec);
    const [evictions] = withTags(alarms, { region: "us-east-1", metric: "evictions", severity: "critical" });
    const queries = evictions?.inputs.metricQueries as MetricQuery[];
    expect(queries.find((q) => q.returnData)?.expression).toBe("m0 / 3");
    expect(queries.find((q) => q.metric)?.metric).toMatchObject({ namespace: "DatastorePortal", metricName: "EvictionsPerSecond", stat: "Sum" });
  });

  it("sends warnings to the owning team's channel where its topic is in the alarm's region, and pages only with criticals", async () => {
    const base = specForWorkload(CASSANDRA_WITH_COMPANIONS);
    expect(base.regions.length).toBeGreaterThan(1);
    const [home, other] = base.regions as [string, string];
    const teamTopic = `arn:aws:sns:${home}:123456789012:team-warnings`;
    const { alarms } = await run({ ...base, warningTopicArn: teamTopic });
    const warnings = withTags(alarms, { severity: "warning" });
    const criticals = withTags(alarms, { severity: "critical" });
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      const region = tagsOf(w).region;
      expect(w.inputs.alarmActions).toEqual([region === home ? teamTopic : settingsOf(region).alarmTopicArn]);
      expect(w.inputs.okActions).toBeUndefined();
      expect(tagsOf(w).routing).toBe("team-channel");
    }
    expect(withTags(alarms, { severity: "warning", region: other }).length).toBeGreaterThan(0);
    for (const c of criticals) {
      const region = tagsOf(c).region;
      expect(c.inputs.alarmActions).toEqual([settingsOf(region).alarmTopicArn]);
      expect(c.inputs.okActions).toEqual([settingsOf(region).alarmTopicArn]);
      expect(tagsOf(c).routing).toBe("page");
    }
  });

  it("names every alarm's runbook and what to do first in its description, within CloudWatch's 1024 characters", async () => {
    const spec = specForWorkload(CASSANDRA_WITH_COMPANIONS);
    const long = { ...spec, thresholds: spec.thresholds.map((t) => ({ ...t, description: "x".repeat(2000) })) };
    for (const s of [spec, long]) {
      const { alarms } = await run(s);
      for (const a of alarms) {
        const metric = tagsOf(a).metric as keyof typeof RUNBOOKS;
        const description = a.inputs.alarmDescription as string;
        expect(description.length).toBeLessThanOrEqual(1024);
        expect(description).toContain(`Runbook: /runbooks#${metric}`);
        expect(description).toContain(RUNBOOKS[metric].firstStep);
      }
    }
  });
});
