// The simulated engine runs the real datastore program under Pulumi's mocks and keeps a state per stack: previews
// diff against it, ups and destroys change it step by step, and it fails, conflicts and cancels the way the Pulumi
// engine does, with the same events.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EngineEventSchema, type EngineEvent, type ResourceChange } from "../../../lib/schemas/operation";
import { createEngine } from "../../../infra/engine";
import { stackFiles } from "../../../infra/engine/simulated-state";
import { EngineError, PULUMI_PROJECT, stackNameOf, type EngineResult, type ProvisioningEngine } from "../../../lib/server/provisioning/engine-contract";
import type { DatastoreSpec } from "../../../lib/schemas/datastore-spec";
import type { OrgSettings } from "../../../lib/schemas/org-settings";
import { ORG, specFor } from "../fixtures";
import { rejectionOf, runOf, tempDir } from "./support";

const TYPES = {
  provider: "pulumi:providers:aws",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  group: "aws:autoscaling/group:Group",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** What the program declares for a spec, counted from the spec itself. */
function expectedCounts(spec: DatastoreSpec): Record<string, number> {
  let alarms = 0;
  for (const t of spec.thresholds) {
    for (const region of spec.regions) {
      if (spec.topology.some((c) => c.region === region && c.role === t.role)) alarms += t.warning === undefined ? 1 : 2;
    }
  }
  return {
    [TYPES.provider]: spec.regions.length,
    [TYPES.securityGroup]: spec.regions.reduce((n, r) => n + new Set(spec.topology.filter((c) => c.region === r).map((c) => c.family)).size, 0),
    [TYPES.launchTemplate]: spec.topology.length,
    [TYPES.group]: spec.topology.reduce((n, c) => n + c.zones, 0),
    [TYPES.alarm]: alarms,
  };
}

function countByType(changes: readonly ResourceChange[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of changes) out[c.type] = (out[c.type] ?? 0) + 1;
  return out;
}

function engineIn(dataDir: string, stepMs = 2): ProvisioningEngine {
  return createEngine("simulated", { dataDir, stepMs });
}

function expectWellFormed(events: readonly EngineEvent[], result?: EngineResult) {
  for (const e of events) expect(() => EngineEventSchema.parse(e)).not.toThrow();
  expect(events[0]).toMatchObject({ type: "started" });
  if (!result) return;
  const pre = events.filter((e) => e.type === "resource-pre");
  const done = events.filter((e) => e.type === "resource-done");
  expect(pre).toHaveLength(result.changes.length);
  expect(done).toHaveLength(result.changes.length);
  expect(new Set(done.map((e) => e.type === "resource-done" && e.resource.urn))).toEqual(new Set(result.changes.map((c) => c.urn)));
  expect(events.at(-1)).toEqual({ type: "summary", changes: result.summary, durationMs: expect.any(Number) });
}

const spec = specFor("viewing-history", { name: "orders", id: "ds_orders" });

describe("simulated engine", () => {
  it("previews a fresh datastore as a create of every resource the program declares, located by region, role and zone", async () => {
    const engine = engineIn(tempDir("sim-"));
    const { run, events } = runOf("preview", spec);
    const result = await engine.run(run);
    expectWellFormed(events, result);
    expect(result.changes.every((c) => c.op === "create")).toBe(true);
    expect(countByType(result.changes)).toEqual(expectedCounts(spec));
    expect(result.summary).toEqual({ create: result.changes.length });
    expect(result.outputs).toBeNull();

    const groups = result.changes.filter((c) => c.type === TYPES.group);
    for (const c of spec.topology) {
      const zoneGroups = groups.filter((g) => g.region === c.region && g.role === c.role);
      expect(zoneGroups.map((g) => g.zone).sort()).toEqual(
        Object.keys(ORG.regions[c.region as keyof OrgSettings["regions"]]?.subnets ?? {})
          .sort()
          .slice(0, c.zones),
      );
    }
    for (const lt of result.changes.filter((c) => c.type === TYPES.launchTemplate)) expect(lt).toMatchObject({ region: expect.any(String), role: "data" });
    for (const alarm of result.changes.filter((c) => c.type === TYPES.alarm)) expect(alarm.region && alarm.role).toBeTruthy();
    // Real Pulumi URNs: the stack, the project and the chain of parent types.
    expect(groups[0]?.urn).toMatch(
      new RegExp(
        `^urn:pulumi:${stackNameOf(spec).replace(".", "\\.")}::${PULUMI_PROJECT}::portal:datastore:CassandraCluster\\$portal:datastore:NodeGroup\\$aws:autoscaling/group:Group::orders-`,
      ),
    );
  });

  it("applies an up to its state file and returns the stack outputs; a later preview, in a new process, finds nothing to change", async () => {
    const dataDir = tempDir("sim-");
    const { run, events } = runOf("up", spec);
    const result = await engineIn(dataDir).run(run);
    expectWellFormed(events, result);
    const outputs = result.outputs;
    expect(outputs?.datastoreId).toBe(spec.id);
    for (const region of spec.regions) {
      const r = outputs?.regions[region];
      expect(r?.groupNamesByRole.data).toHaveLength(3);
      expect(r?.groupNames).toEqual(r?.groupNamesByRole.data);
      expect(r?.endpoints).toEqual({ cassandra: `orders.cassandra.${region}.internal` });
      expect(r?.securityGroupIds).toHaveLength(1);
      expect(r?.securityGroupIds[0]).toMatch(/^sg-[0-9a-f]{17}$/);
      expect(r?.alarmNames).toHaveLength((expectedCounts(spec)[TYPES.alarm] ?? 0) / spec.regions.length);
    }
    const files = stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(spec));
    const state = JSON.parse(readFileSync(files.state, "utf8")) as { resources: Record<string, unknown> };
    expect(Object.keys(state.resources)).toHaveLength(result.changes.length);
    expect(existsSync(files.lock)).toBe(false);

    const again = engineIn(dataDir);
    expect(await again.outputs(run)).toEqual(outputs);
    const second = runOf("preview", spec);
    const preview = await again.run(second.run);
    expectWellFormed(second.events, preview);
    expect(preview.summary).toEqual({ same: result.changes.length });
  });

  it("previews a bigger cluster as in-place updates of its role's groups and template only", async () => {
    const dataDir = tempDir("sim-");
    const engine = engineIn(dataDir);
    await engine.run(runOf("up", spec).run);
    const bigger: DatastoreSpec = {
      ...spec,
      topology: spec.topology.map((c) => (c.region === "eu-west-1" ? { ...c, nodesPerZone: c.nodesPerZone + 2, nodes: c.nodes + 6 } : c)),
    };
    const result = await engine.run(runOf("preview", bigger).run);
    const updated = result.changes.filter((c) => c.op === "update");
    expect(updated.map((c) => `${c.type} ${c.region}`).sort()).toEqual([...Array(3).fill(`${TYPES.group} eu-west-1`), `${TYPES.launchTemplate} eu-west-1`]);
    for (const g of updated.filter((c) => c.type === TYPES.group)) expect(g.changedProperties).toEqual(["desiredCapacity", "maxSize", "minSize"]);
    expect(updated.find((c) => c.type === TYPES.launchTemplate)?.changedProperties).toEqual(["userData"]);
    expect(result.summary).toEqual({ update: 4, same: result.changes.length - 4 });
  });

  it("destroys every resource of the state in reverse dependency order and leaves no outputs", async () => {
    const dataDir = tempDir("sim-");
    const engine = engineIn(dataDir);
    const up = await engine.run(runOf("up", spec).run);
    const { run, events } = runOf("destroy", spec);
    const result = await engine.run(run);
    expectWellFormed(events, result);
    expect(result.summary).toEqual({ delete: up.changes.length });
    const order = events.filter((e) => e.type === "resource-done").map((e) => (e.type === "resource-done" ? e.resource.type : ""));
    expect(order.lastIndexOf(TYPES.alarm)).toBeLessThan(order.indexOf(TYPES.group));
    expect(order.lastIndexOf(TYPES.group)).toBeLessThan(order.indexOf(TYPES.securityGroup));
    expect(await engine.outputs(run)).toBeNull();
    const state = JSON.parse(readFileSync(stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(spec)).state, "utf8")) as { resources: Record<string, unknown> };
    expect(state.resources).toEqual({});
  });

  it("reports no drift on a refresh and returns the current outputs", async () => {
    const engine = engineIn(tempDir("sim-"));
    const up = await engine.run(runOf("up", spec).run);
    const { run, events } = runOf("refresh", spec);
    const result = await engine.run(run);
    expectWellFormed(events, result);
    expect(result.summary).toEqual({ same: up.changes.length });
    expect(result.outputs).toEqual(up.outputs);
  });

  it("refuses a stack another update holds, in the DIY backend's words, until the lock is cancelled", async () => {
    const dataDir = tempDir("sim-");
    const engine = engineIn(dataDir);
    const files = stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(spec));
    mkdirSync(path.dirname(files.lock), { recursive: true });
    writeFileSync(files.lock, JSON.stringify({ operationId: "op_other", pid: 1, kind: "up", startedAt: new Date().toISOString() }));

    const e = await rejectionOf(engine.run(runOf("preview", spec).run));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).failure.code).toBe("conflict");
    expect((e as EngineError).message).toContain(stackNameOf(spec));
    expect((e as EngineError).message).toContain("the stack is currently locked by 1 lock(s)");
    expect(existsSync(files.lock)).toBe(true);

    await engine.cancel(runOf("preview", spec).run);
    expect(existsSync(files.lock)).toBe(false);
    await expect(engine.run(runOf("preview", spec).run)).resolves.toMatchObject({ summary: { create: expect.any(Number) } });
  });

  it("refuses a second update of a stack while one runs", async () => {
    const engine = engineIn(tempDir("sim-"), 20);
    // The first step starts once the run holds the stack's lock.
    let holding: () => void = () => undefined;
    const stepping = new Promise<void>((resolve) => (holding = resolve));
    const first = engine.run(runOf("up", spec, { onEvent: (event) => event.type === "resource-pre" && holding() }).run);
    await stepping;
    const e = await rejectionOf(engine.run(runOf("up", spec).run));
    expect((e as EngineError).failure.code).toBe("conflict");
    await expect(first).resolves.toMatchObject({ outputs: { datastoreId: spec.id } });
  });

  it("stops between steps when aborted, keeps the finished steps and releases the lock", async () => {
    const dataDir = tempDir("sim-");
    const engine = engineIn(dataDir);
    const { run, events } = runOf("up", spec, {
      onEvent: (event, controller) => {
        if (event.type === "resource-done" && event.resource.type === TYPES.securityGroup) controller.abort();
      },
    });
    const e = await rejectionOf(engine.run(run));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).failure.code).toBe("cancelled");
    expect(events.some((ev) => ev.type === "summary")).toBe(false);
    expect(events.some((ev) => ev.type === "resource-pre" && ev.resource.type === TYPES.group)).toBe(false);
    const files = stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(spec));
    expect(existsSync(files.lock)).toBe(false);
    const state = JSON.parse(readFileSync(files.state, "utf8")) as { resources: Record<string, { type: string }> };
    const kept = Object.values(state.resources).map((r) => r.type);
    expect(kept).toContain(TYPES.securityGroup);
    expect(kept).not.toContain(TYPES.group);
    expect(await engine.outputs(run)).toBeNull();
  });

  it("fails a fail-sim datastore's first group create with the provider's message and keeps the partial resources", async () => {
    const dataDir = tempDir("sim-");
    const engine = engineIn(dataDir);
    const failing = specFor("delayed-queues", { name: "queues-fail-sim", id: "ds_queues" });
    // A preview plans fine: the failure is the cloud's.
    await expect(engine.run(runOf("preview", failing).run)).resolves.toBeDefined();

    const { run, events } = runOf("up", failing);
    const e = await rejectionOf(engine.run(run));
    expect(e).toBeInstanceOf(EngineError);
    const failure = (e as EngineError).failure;
    expect(failure).toMatchObject({
      code: "engine",
      resourceType: TYPES.group,
      resourceName: expect.stringMatching(/^queues-fail-sim-us-east-1-queue-us-east-1[a-f]$/),
      urn: expect.stringContaining("aws:autoscaling/group:Group::queues-fail-sim-"),
    });
    expect(failure.message).toMatch(/^creating Auto Scaling Group \(queues-fail-sim-[^)]+\): .*ValidationError: /);
    for (const ev of events) expect(() => EngineEventSchema.parse(ev)).not.toThrow();
    const failed = events.filter((ev) => ev.type === "resource-failed");
    expect(failed).toEqual([{ type: "resource-failed", resource: expect.objectContaining({ urn: failure.urn, op: "create" }), message: failure.message }]);
    expect(events.some((ev) => ev.type === "summary")).toBe(false);

    const files = stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(failing));
    expect(existsSync(files.lock)).toBe(false);
    const state = JSON.parse(readFileSync(files.state, "utf8")) as { resources: Record<string, { type: string; urn: string }> };
    const kept = Object.values(state.resources);
    expect(kept.map((r) => r.type)).toEqual(expect.arrayContaining([TYPES.provider, TYPES.securityGroup, TYPES.launchTemplate]));
    expect(kept.map((r) => r.urn)).not.toContain(failure.urn);
    expect(kept.some((r) => r.type === TYPES.alarm)).toBe(false);
    expect(await engine.outputs(run)).toBeNull();

    // The partial resources can be cleaned up.
    const cleanup = await engine.run(runOf("destroy", failing).run);
    expect(cleanup.summary).toEqual({ delete: kept.length });
  });

  it("refuses invalid input before taking the lock, naming the fields", async () => {
    const dataDir = tempDir("sim-");
    const { "eu-west-1": _gone, ...regions } = ORG.regions;
    const e = await rejectionOf(engineIn(dataDir).run(runOf("preview", spec, { org: { regions } }).run));
    expect((e as EngineError).failure).toMatchObject({ code: "input", message: expect.stringContaining("org.regions.eu-west-1") });
    expect(existsSync(stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(spec)).lock)).toBe(false);
  });

  it("says it is simulated", async () => {
    await expect(engineIn(tempDir("sim-")).status()).resolves.toEqual({
      available: true,
      version: "simulated",
      message: "Simulated — no cloud resources are created.",
    });
  });
});
