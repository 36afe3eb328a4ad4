// Pulumi's engine events become the portal's: one step per resource (a replacement's three steps fold into one),
// no Stack or component steps, and a failed resource carries the provider's own message.
import type { EngineEvent as PulumiEngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { EngineEventSchema, type EngineEvent } from "../../../lib/schemas/operation";
import { cleanMessage, PulumiEventCollector } from "../../../infra/engine/events";
import { resourceLocation } from "../../../infra/engine/resource-location";

const STACK_URN = "urn:pulumi:storage-team.orders::datastores::pulumi:pulumi:Stack::datastores-storage-team.orders";
const urnOf = (chain: string, name: string) => `urn:pulumi:storage-team.orders::datastores::${chain}::${name}`;
const GROUP = {
  type: "aws:autoscaling/group:Group",
  urn: urnOf("portal:datastore:CassandraCluster$portal:datastore:NodeGroup$aws:autoscaling/group:Group", "orders-us-east-1-data-us-east-1b"),
};
const LT = {
  type: "aws:ec2/launchTemplate:LaunchTemplate",
  urn: urnOf("portal:datastore:CassandraCluster$portal:datastore:NodeGroup$aws:ec2/launchTemplate:LaunchTemplate", "orders-us-east-1-data-lt"),
};
const SG = {
  type: "aws:ec2/securityGroup:SecurityGroup",
  urn: urnOf("portal:datastore:CassandraCluster$aws:ec2/securityGroup:SecurityGroup", "orders-us-east-1-sg"),
};
const COMPONENT = { type: "portal:datastore:CassandraCluster", urn: urnOf("portal:datastore:CassandraCluster", "orders-us-east-1") };

const groupTags = [
  { key: "region", value: "us-east-1", propagateAtLaunch: true },
  { key: "role", value: "data", propagateAtLaunch: true },
  { key: "zone", value: "us-east-1b", propagateAtLaunch: true },
];

let seq = 0;
function meta(r: { type: string; urn: string }, op: OpType, extra: Partial<StepEventMetadata> = {}, inputs: Record<string, unknown> = {}): StepEventMetadata {
  return { op, urn: r.urn, type: r.type, provider: "", new: { type: r.type, urn: r.urn, id: "", parent: "", inputs, outputs: {}, provider: "" }, ...extra };
}
const ev = (e: Omit<PulumiEngineEvent, "sequence" | "timestamp">): PulumiEngineEvent => ({ sequence: (seq += 1), timestamp: 0, ...e });
const pre = (m: StepEventMetadata) => ev({ resourcePreEvent: { metadata: m } });
const outputs = (m: StepEventMetadata) => ev({ resOutputsEvent: { metadata: m } });
const failed = (m: StepEventMetadata) => ev({ resOpFailedEvent: { metadata: m, status: 1, steps: 1 } });
const diagnostic = (severity: "error" | "warning" | "info", message: string, urn?: string) =>
  ev({ diagnosticEvent: { severity, message, color: "raw", ...(urn ? { urn } : {}) } });

function collect(stream: PulumiEngineEvent[], succeeded: boolean) {
  const emitted: EngineEvent[] = [];
  const collector = new PulumiEventCollector((e) => emitted.push(e));
  for (const e of stream) collector.handle(e);
  collector.finish(succeeded);
  for (const e of emitted) expect(() => EngineEventSchema.parse(e)).not.toThrow();
  return { emitted, collector };
}

describe("engine events", () => {
  it("folds a replacement into one step, skips the Stack and components, and locates resources by their tags", () => {
    const group = meta(GROUP, "create", {}, { tags: groupTags });
    const { emitted, collector } = collect(
      [
        ev({ preludeEvent: { config: {} } }),
        pre(meta({ type: "pulumi:pulumi:Stack", urn: STACK_URN }, "same")),
        pre(meta(COMPONENT, "create")),
        pre(meta(SG, "same")),
        outputs(meta(SG, "same")),
        pre(meta(LT, "create-replacement", { keys: ["name"], diffs: ["name", "userData"] })),
        outputs(meta(LT, "create-replacement")),
        pre(meta(LT, "replace")),
        outputs(meta(LT, "replace")),
        pre(group),
        outputs(group),
        pre(meta(LT, "delete-replaced")),
        outputs(meta(LT, "delete-replaced")),
        outputs(meta(COMPONENT, "create")),
        ev({ summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges: { same: 2, create: 2, replace: 1 }, policyPacks: {} } }),
      ],
      true,
    );
    expect(collector.changes()).toEqual([
      { urn: SG.urn, type: SG.type, name: "orders-us-east-1-sg", op: "same", region: "us-east-1" },
      { urn: LT.urn, type: LT.type, name: "orders-us-east-1-data-lt", op: "replace", region: "us-east-1", changedProperties: ["name", "userData"] },
      { urn: GROUP.urn, type: GROUP.type, name: "orders-us-east-1-data-us-east-1b", op: "create", region: "us-east-1", role: "data", zone: "us-east-1b" },
    ]);
    expect(collector.summary()).toEqual({ same: 1, replace: 1, create: 1 });
    expect(emitted.map((e) => `${e.type} ${"resource" in e ? e.resource.name : ""}`)).toEqual([
      "resource-pre orders-us-east-1-sg",
      "resource-done orders-us-east-1-sg",
      "resource-pre orders-us-east-1-data-lt",
      "resource-done orders-us-east-1-data-lt",
      "resource-pre orders-us-east-1-data-us-east-1b",
      "resource-done orders-us-east-1-data-us-east-1b",
    ]);
  });

  it("gives a failed resource the provider's message, whichever comes first", () => {
    const providerMessage =
      "creating Auto Scaling Group (orders-us-east-1-data-us-east-1b): operation error Auto Scaling: CreateAutoScalingGroup, api error ValidationError: bad";
    const first = collect(
      [
        pre(meta(LT, "create")),
        pre(meta(GROUP, "create")),
        outputs(meta(LT, "create")),
        diagnostic("error", `  sdk-v2/provider2.go:572: sdk.helper_schema: ${providerMessage}: provider=aws@6.83.4\n`, GROUP.urn),
        failed(meta(GROUP, "create")),
        diagnostic("error", "update failed", STACK_URN),
      ],
      false,
    );
    const expected = {
      message: `${providerMessage}: provider=aws@6.83.4`,
      urn: GROUP.urn,
      resourceType: GROUP.type,
      resourceName: "orders-us-east-1-data-us-east-1b",
    };
    expect(first.collector.failure()).toEqual(expected);
    expect(first.emitted.filter((e) => e.type === "resource-failed")).toEqual([
      { type: "resource-failed", resource: expect.objectContaining({ urn: GROUP.urn }), message: expected.message },
    ]);
    // A failed step never counts as done.
    expect(first.emitted.filter((e) => e.type === "resource-done").map((e) => e.type === "resource-done" && e.resource.urn)).toEqual([LT.urn]);

    const late = collect([pre(meta(GROUP, "create")), failed(meta(GROUP, "create")), diagnostic("error", providerMessage, GROUP.urn)], false);
    expect(late.emitted.find((e) => e.type === "resource-failed")).toMatchObject({ message: providerMessage });
  });

  it("falls back to the engine's own error when no resource reported one", () => {
    const { collector } = collect(
      [diagnostic("error", "update failed", STACK_URN), diagnostic("error", "could not load plugin aws: no such file", STACK_URN)],
      false,
    );
    expect(collector.failure()).toEqual({ message: "could not load plugin aws: no such file" });
  });

  it("reports drift found by a refresh as an update", () => {
    const { collector } = collect(
      [pre(meta(SG, "refresh")), outputs(meta(SG, "refresh", { diffs: ["ingress"] })), pre(meta(LT, "refresh")), outputs(meta(LT, "refresh"))],
      true,
    );
    expect(collector.changes().map((c) => [c.name, c.op, c.changedProperties])).toEqual([
      ["orders-us-east-1-sg", "update", ["ingress"]],
      ["orders-us-east-1-data-lt", "same", undefined],
    ]);
  });

  it("strips terminal colours from messages", () => {
    expect(cleanMessage("<{%fg 1%}>error: <{%reset%}>\u001b[31mboom\u001b[0m\n")).toBe("error: boom");
  });
});

describe("resource location", () => {
  it("reads tags from a map or an Auto Scaling group's list, and falls back on the name", () => {
    expect(resourceLocation(GROUP.type, "x", { tags: groupTags })).toEqual({ region: "us-east-1", role: "data", zone: "us-east-1b" });
    expect(resourceLocation("aws:cloudwatch/metricAlarm:MetricAlarm", "x", { tags: { region: "eu-west-1", role: "data" } })).toEqual({
      region: "eu-west-1",
      role: "data",
    });
    expect(resourceLocation(GROUP.type, "orders-eu-west-1-data-eu-west-1c")).toEqual({ region: "eu-west-1", zone: "eu-west-1c" });
    expect(resourceLocation(SG.type, "orders-us-west-2-sg")).toEqual({ region: "us-west-2" });
    expect(resourceLocation("pulumi:providers:aws", "orders-eu-west-1", { region: "eu-west-1" })).toEqual({ region: "eu-west-1" });
    expect(resourceLocation(COMPONENT.type, "orders-us-east-1")).toEqual({});
  });
});
