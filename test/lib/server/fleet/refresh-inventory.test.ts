import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { refreshDatastoreInventory, refreshInventory } from "@/lib/server/fleet/refresh-inventory";
import { setFleetCloudForTests } from "@/lib/server/fleet/fleet-cloud-factory";
import { makeTeam } from "../../../support/actors";
import { simpleTopology } from "../../../support/datastores";
import { makeProvisionedDatastore } from "../../../support/fleet";

function clock(start = new Date("2026-12-01T10:00:00Z")) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const evcache = (region = "us-east-1") => simpleTopology("evcache", [region], "cache");

describe("refreshDatastoreInventory", () => {
  let team: { id: string };
  const c = clock();
  const cloud = new SimulatedFleetCloud({ now: c.now, readyMs: 1000 });
  beforeAll(async () => {
    team = await makeTeam();
    setFleetCloudForTests(cloud);
  });
  afterAll(() => setFleetCloudForTests(null));

  it("adds every node of a provisioned datastore, with its role, zone, shape and engine version", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"], topology: evcache() });
    const summary = await refreshDatastoreInventory(ds.id);
    expect(summary).toMatchObject({ datastores: 1, nodes: 6, added: 6, gone: 0, eventsOpened: 0, eventsResolved: 0 });
    const nodes = await db().fleetNode.findMany({ where: { datastoreId: ds.id }, orderBy: { zone: "asc" } });
    expect(nodes).toHaveLength(6);
    expect(new Set(nodes.map((n) => n.zone))).toEqual(new Set(["us-east-1a", "us-east-1b", "us-east-1c"]));
    for (const n of nodes)
      expect(n).toMatchObject({ role: "cache", instanceType: "m6id.xlarge", engineVersion: ds.engineVersion, goneAt: null, healthy: true, state: "running" });

    // Unchanged: nothing added, nothing gone; the nodes were seen again.
    c.advance(60_000);
    expect(await refreshDatastoreInventory(ds.id)).toMatchObject({ nodes: 6, added: 0, gone: 0, eventsOpened: 0 });
    const seen = await db().fleetNode.findMany({ where: { datastoreId: ds.id } });
    expect(seen.every((n) => n.seenAt.getTime() > n.firstSeenAt.getTime())).toBe(true);
  });

  it("opens an injected event with its deadline, and resolves it when the node is replaced; the replacement joins as pending, then in service", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"], topology: evcache() });
    await refreshDatastoreInventory(ds.id);
    const victim = await db().fleetNode.findFirstOrThrow({ where: { datastoreId: ds.id, zone: "us-east-1b" } });
    const notBefore = new Date("2026-12-15T00:00:00Z");
    await cloud.inject({
      instanceId: victim.instanceId,
      code: "instance-retirement",
      description: "The instance is running on degraded hardware",
      notBefore,
      notAfter: null,
      injectedBy: "test",
    });

    expect(await refreshDatastoreInventory(ds.id)).toMatchObject({ eventsOpened: 1, eventsResolved: 0 });
    const open = await db().fleetEvent.findMany({ where: { datastoreId: ds.id, resolvedAt: null } });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ nodeId: victim.id, code: "instance-retirement", notBefore, notAfter: null, deadline: notBefore });
    // Seen again: still one open event, not a second.
    expect(await refreshDatastoreInventory(ds.id)).toMatchObject({ eventsOpened: 0, eventsResolved: 0 });

    await cloud.terminateInGroup({ region: victim.region, groupName: victim.groupName, instanceId: victim.instanceId });
    expect(await refreshDatastoreInventory(ds.id)).toMatchObject({ nodes: 6, added: 1, gone: 1, eventsResolved: 1 });
    const gone = await db().fleetNode.findUniqueOrThrow({ where: { id: victim.id } });
    expect(gone.goneAt).not.toBeNull();
    expect(gone.state).toBe("terminated");
    expect(await db().fleetEvent.count({ where: { datastoreId: ds.id, resolvedAt: null } })).toBe(0);
    const fresh = await db().fleetNode.findFirstOrThrow({ where: { datastoreId: ds.id, zone: "us-east-1b", goneAt: null, lifecycle: "pending" } });
    expect(fresh.healthy).toBe(false);

    c.advance(1000);
    await refreshDatastoreInventory(ds.id);
    expect(await db().fleetNode.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ lifecycle: "in-service", healthy: true, statusCheck: "ok" });
  });

  it("opens an impaired status check as a status-impaired event without a deadline, and queues the webhooks", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"], topology: evcache() });
    await db().webhookSubscription.create({
      data: {
        teamId: team.id,
        url: "https://203.0.113.9/hook",
        events: ["fleet.event_scheduled", "fleet.node_impaired"],
        secretCipher: "x",
        secretPrefix: "whsec_x",
        createdBy: "test",
      },
    });
    await refreshDatastoreInventory(ds.id);
    const [a, b] = await db().fleetNode.findMany({ where: { datastoreId: ds.id }, orderBy: { instanceId: "asc" } });
    if (!a || !b) throw new Error("expected nodes");
    await cloud.inject({ instanceId: a.instanceId, code: "status-impaired", description: "", notBefore: null, notAfter: null, injectedBy: "test" });
    const deadline = new Date("2026-12-21T06:00:00Z");
    await cloud.inject({
      instanceId: b.instanceId,
      code: "system-reboot",
      description: "reboot",
      notBefore: new Date("2026-12-21T04:00:00Z"),
      notAfter: deadline,
      injectedBy: "test",
    });
    expect(await refreshDatastoreInventory(ds.id)).toMatchObject({ eventsOpened: 2 });
    expect(await db().fleetEvent.findFirstOrThrow({ where: { nodeId: a.id } })).toMatchObject({
      code: "status-impaired",
      eventId: "status-impaired",
      deadline: null,
    });
    expect((await db().fleetEvent.findFirstOrThrow({ where: { nodeId: b.id } })).deadline).toEqual(deadline);

    const deliveries = await db().webhookDelivery.findMany({ where: { payload: { contains: ds.id } } });
    expect(deliveries.map((d) => d.eventType).sort()).toEqual(["fleet.event_scheduled", "fleet.node_impaired"]);
    const scheduled = JSON.parse(deliveries.find((d) => d.eventType === "fleet.event_scheduled")?.payload ?? "{}") as {
      data: { node: { instanceId: string }; event: { deadline: string } };
    };
    expect(scheduled.data.node.instanceId).toBe(b.instanceId);
    expect(scheduled.data.event.deadline).toBe(deadline.toISOString());
  });

  it("marks every node of a decommissioned datastore gone, and the whole-fleet refresh covers it", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"], topology: evcache() });
    await refreshDatastoreInventory(ds.id);
    await db().datastore.update({ where: { id: ds.id }, data: { status: "decommissioned" } });
    const summary = await refreshInventory();
    expect(summary.datastores).toBeGreaterThanOrEqual(4);
    expect(await db().fleetNode.count({ where: { datastoreId: ds.id, goneAt: null } })).toBe(0);
    expect(await db().fleetNode.count({ where: { datastoreId: ds.id } })).toBe(6);
  });

  it("leaves the inventory untouched when the refresh is aborted", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"], topology: evcache() });
    const controller = new AbortController();
    controller.abort();
    await expect(refreshDatastoreInventory(ds.id, { signal: controller.signal })).rejects.toThrow();
    expect(await db().fleetNode.count({ where: { datastoreId: ds.id } })).toBe(0);
  });
});
