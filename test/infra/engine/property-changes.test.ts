// An update in a preview's diff carries what changes, before → after, so a reviewer reads "desiredCapacity 16 → 21"
// instead of "changes desiredCapacity": both engines fill it from the old and new inputs of the step; long values
// (a launch template's user data) are summarised, secrets stay masked.
import type { StepEventMetadata } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { ResourceChangeSchema } from "../../../lib/schemas/operation";
import { createEngine } from "../../../infra/engine";
import { PulumiEventCollector, propertyChangesOf } from "../../../infra/engine/events";
import type { DatastoreSpec } from "../../../lib/schemas/datastore-spec";
import { specFor } from "../fixtures";
import { runOf, tempDir } from "./support";

const GROUP = "aws:autoscaling/group:Group";
const spec = specFor("viewing-history", { name: "orders", id: "ds_orders" });

describe("property changes in a preview's diff", () => {
  it("the simulated engine says a bigger group's sizes before → after, and summarises long values", async () => {
    const engine = createEngine("simulated", { dataDir: tempDir("sim-"), stepMs: 2 });
    await engine.run(runOf("up", spec).run);
    const eu = spec.topology.find((c) => c.region === "eu-west-1");
    if (!eu) throw new Error("no eu-west-1 cluster");
    const bigger: DatastoreSpec = {
      ...spec,
      topology: spec.topology.map((c) => (c === eu ? { ...c, nodesPerZone: c.nodesPerZone + 2, nodes: c.nodes + 6 } : c)),
    };
    const result = await engine.run(runOf("preview", bigger).run);
    const groups = result.changes.filter((c) => c.type === GROUP && c.op === "update");
    expect(groups).toHaveLength(3);
    for (const g of groups) {
      expect(() => ResourceChangeSchema.parse(g)).not.toThrow();
      expect(g.propertyChanges).toEqual([
        { name: "desiredCapacity", before: eu.nodesPerZone, after: eu.nodesPerZone + 2 },
        { name: "maxSize", before: eu.nodesPerZone, after: eu.nodesPerZone + 2 },
        { name: "minSize", before: eu.nodesPerZone, after: eu.nodesPerZone + 2 },
      ]);
    }
    const template = result.changes.find((c) => c.type === "aws:ec2/launchTemplate:LaunchTemplate" && c.op === "update");
    const userData = template?.propertyChanges?.find((p) => p.name === "userData");
    expect(typeof userData?.before).toBe("string");
    expect(String(userData?.before)).toMatch(/^\(a \d[\d,]* character value\)$/);
    // Unchanged resources carry none.
    expect(result.changes.filter((c) => c.op === "same").every((c) => c.propertyChanges === undefined)).toBe(true);
  });

  it("a new plan cost changes only the cost tag of the other resources: their tags before → after", async () => {
    const engine = createEngine("simulated", { dataDir: tempDir("sim-"), stepMs: 2 });
    await engine.run(runOf("up", spec).run);
    const result = await engine.run(runOf("preview", { ...spec, annualCost: spec.annualCost + 1000 }).run);
    const alarms = result.changes.filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) {
      expect(a.op).toBe("update");
      expect(a.propertyChanges?.map((p) => p.name)).toEqual(["tags"]);
      const tags = a.propertyChanges?.[0];
      expect((tags?.before as Record<string, string>)["plan-annual-cost-usd"]).toBe(spec.annualCost.toFixed(2));
      expect((tags?.after as Record<string, string>)["plan-annual-cost-usd"]).toBe((spec.annualCost + 1000).toFixed(2));
    }
  });

  it("the Pulumi engine's collector reads old and new inputs of an update, and keeps secrets masked", () => {
    const urn = "urn:pulumi:s.orders::datastores::portal:datastore:NodeGroup$aws:autoscaling/group:Group::orders-us-east-1-data-us-east-1a";
    const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
    const metadata: StepEventMetadata = {
      op: "update",
      urn,
      type: GROUP,
      provider: "",
      diffs: ["desiredCapacity", "password"],
      old: { type: GROUP, urn, id: "asg-1", parent: "", inputs: { desiredCapacity: 16, password: SECRET, name: "g" }, outputs: {}, provider: "" },
      new: { type: GROUP, urn, id: "asg-1", parent: "", inputs: { desiredCapacity: 21, password: SECRET, name: "g" }, outputs: {}, provider: "" },
    };
    expect(propertyChangesOf(metadata.old?.inputs, metadata.new?.inputs, ["desiredCapacity", "password"])).toEqual([
      { name: "desiredCapacity", before: 16, after: 21 },
      { name: "password", before: "[secret]", after: "[secret]" },
    ]);
    const emitted: unknown[] = [];
    const collector = new PulumiEventCollector((e) => emitted.push(e));
    collector.handle({ sequence: 1, timestamp: 0, resourcePreEvent: { metadata } });
    collector.finish(true);
    const [change] = collector.changes();
    expect(change?.propertyChanges?.[0]).toEqual({ name: "desiredCapacity", before: 16, after: 21 });
    expect(JSON.stringify(emitted)).not.toContain("hunter2");
  });
});
