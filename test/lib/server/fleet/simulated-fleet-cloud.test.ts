import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { replacementInstanceId, SimulatedFleetCloud, simulatedInstanceId } from "@/lib/server/fleet/simulated-fleet-cloud";
import { makeTeam } from "../../../support/actors";
import { simpleTopology } from "../../../support/datastores";
import { makeProvisionedDatastore } from "../../../support/fleet";

/** A clock the test moves. */
function clock(start = new Date("2026-12-01T10:00:00Z")) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe("SimulatedFleetCloud", () => {
  let team: { id: string };
  beforeAll(async () => {
    team = await makeTeam();
  });

  it("materialises a group's instances from the topology the first time it is described, with deterministic ids", async () => {
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1"]),
    });
    const cloud = new SimulatedFleetCloud({ now: clock().now });
    const group = { region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1b` };
    const first = await cloud.describe([group]);
    expect(first).toHaveLength(2);
    expect(first.map((i) => i.instanceId).sort()).toEqual([0, 1].map((n) => simulatedInstanceId(ds.id, group.groupName, n, 0)).sort());
    for (const i of first) {
      expect(i.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
      expect(i).toMatchObject({
        zone: "us-east-1b",
        instanceType: "m6id.xlarge",
        state: "running",
        lifecycle: "in-service",
        healthy: true,
        statusCheck: "ok",
        events: [],
      });
      expect(i.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
      expect(i.tags).toMatchObject({ "datastore-id": ds.id, role: "data", "engine-version": ds.engineVersion });
    }
    // Described again: the same instances, not new ones.
    expect((await cloud.describe([group])).map((i) => i.instanceId).sort()).toEqual(first.map((i) => i.instanceId).sort());
    expect(await db().simCloudInstance.count({ where: { datastoreId: ds.id } })).toBe(2);
  });

  it("knows nothing of a group no datastore owns", async () => {
    expect(await new SimulatedFleetCloud().describe([{ region: "us-east-1", groupName: "nobody-s-group" }])).toEqual([]);
  });

  it("terminates in the group and launches a replacement that turns in-service after the ready delay", async () => {
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1"]),
    });
    const c = clock();
    const cloud = new SimulatedFleetCloud({ now: c.now, readyMs: 3000 });
    const group = { region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1a` };
    const [victim, survivor] = await cloud.describe([group]);
    if (!victim || !survivor) throw new Error("expected two instances");
    await cloud.inject({
      instanceId: victim.instanceId,
      code: "instance-retirement",
      description: "retiring",
      notBefore: new Date("2026-12-10T00:00:00Z"),
      notAfter: null,
      injectedBy: "test",
    });

    await cloud.terminateInGroup({ ...group, instanceId: victim.instanceId });
    // Idempotent: terminating it again launches nothing more.
    await cloud.terminateInGroup({ ...group, instanceId: victim.instanceId });

    const after = await cloud.describe([group]);
    expect(after).toHaveLength(3);
    const gone = after.find((i) => i.instanceId === victim.instanceId);
    expect(gone).toMatchObject({ state: "terminated", lifecycle: "terminated", healthy: false, events: [] });
    expect(await db().simCloudEvent.count({ where: { instanceId: victim.instanceId } })).toBe(0);
    const replacement = after.find((i) => i.instanceId !== victim.instanceId && i.instanceId !== survivor.instanceId);
    expect(replacement).toMatchObject({ zone: "us-east-1a", state: "pending", lifecycle: "pending", healthy: false, statusCheck: "initializing" });
    expect(replacement?.instanceId).toBe(replacementInstanceId(victim.instanceId));

    c.advance(2999);
    expect((await cloud.describe([group])).find((i) => i.instanceId === replacement?.instanceId)?.lifecycle).toBe("pending");
    c.advance(1);
    expect((await cloud.describe([group])).find((i) => i.instanceId === replacement?.instanceId)).toMatchObject({
      state: "running",
      lifecycle: "in-service",
      healthy: true,
      statusCheck: "ok",
    });
    // EC2 forgets a terminated instance after about an hour.
    c.advance(61 * 60 * 1000);
    expect((await cloud.describe([group])).map((i) => i.instanceId)).not.toContain(victim.instanceId);
  });

  it("launches an upgrade's replacement on its own region's image, and terminates nothing in a region the launch has no image for", async () => {
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1", "eu-west-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1", "eu-west-1"]),
    });
    const cloud = new SimulatedFleetCloud({ now: clock().now });
    const east = { region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1a` };
    const west = { region: "eu-west-1", groupName: `${ds.name}-eu-west-1-data-eu-west-1a` };
    const [eastNode] = await cloud.describe([east]);
    const [westNode] = await cloud.describe([west]);
    if (!eastNode || !westNode) throw new Error("expected an instance in each region");
    const launch = { engineVersion: "8.19.9", imageIds: { "us-east-1": "ami-0aaa000000000000e", "eu-west-1": "ami-0bbb000000000000f" } };
    await cloud.terminateInGroup({ ...east, instanceId: eastNode.instanceId, launch });
    await cloud.terminateInGroup({ ...west, instanceId: westNode.instanceId, launch });
    const replacement = (id: string) => db().simCloudInstance.findUniqueOrThrow({ where: { instanceId: replacementInstanceId(id) } });
    expect(await replacement(eastNode.instanceId)).toMatchObject({ region: "us-east-1", imageId: "ami-0aaa000000000000e", engineVersion: "8.19.9" });
    expect(await replacement(westNode.instanceId)).toMatchObject({ region: "eu-west-1", imageId: "ami-0bbb000000000000f", engineVersion: "8.19.9" });

    const [other] = (await cloud.describe([west])).filter((i) => i.state === "running" && i.instanceId !== replacementInstanceId(westNode.instanceId));
    if (!other) throw new Error("expected a second instance in eu-west-1");
    await expect(
      cloud.terminateInGroup({
        ...west,
        instanceId: other.instanceId,
        launch: { engineVersion: "8.19.9", imageIds: { "us-east-1": "ami-0aaa000000000000e" } },
      }),
    ).rejects.toThrow(/no machine image for eu-west-1/);
    expect(await db().simCloudInstance.findUniqueOrThrow({ where: { instanceId: other.instanceId } })).toMatchObject({ terminatedAt: null });
  });

  it("launches one replacement each for two instances of a group terminated at once", async () => {
    // A zone's nodes are replaced together; on PostgreSQL the two transactions overlap (CI run 38 launched the same id
    // twice when it was derived from counts of the group).
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1"]),
    });
    const cloud = new SimulatedFleetCloud({ now: clock().now });
    const group = { region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1a` };
    const before = await cloud.describe([group]);
    expect(before).toHaveLength(2);
    await Promise.all(before.map((i) => cloud.terminateInGroup({ ...group, instanceId: i.instanceId })));

    const live = (await cloud.describe([group])).filter((i) => i.state !== "terminated");
    expect(live.map((i) => i.instanceId).sort()).toEqual(before.map((i) => replacementInstanceId(i.instanceId)).sort());
    // A replacement replaced in turn gets an id of its own.
    const [first] = live;
    if (!first) throw new Error("expected a replacement");
    await cloud.terminateInGroup({ ...group, instanceId: first.instanceId });
    expect((await cloud.describe([group])).filter((i) => i.state !== "terminated").map((i) => i.instanceId)).toContain(replacementInstanceId(first.instanceId));
  });

  it("returns injected events with the instance and an injected impairment as its status check", async () => {
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1"]),
    });
    const cloud = new SimulatedFleetCloud();
    const group = { region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1c` };
    const [a, b] = await cloud.describe([group]);
    if (!a || !b) throw new Error("expected two instances");
    const notBefore = new Date("2026-12-20T03:00:00Z");
    const notAfter = new Date("2026-12-20T05:00:00Z");
    const injected = await cloud.inject({
      instanceId: a.instanceId,
      code: "system-maintenance",
      description: "host maintenance",
      notBefore,
      notAfter,
      injectedBy: "test",
    });
    expect(injected?.eventId).toMatch(/^instance-event-[0-9a-f]{17}$/);
    expect(
      await cloud.inject({ instanceId: b.instanceId, code: "status-impaired", description: "", notBefore: null, notAfter: null, injectedBy: "test" }),
    ).toEqual({ eventId: null });
    expect(
      await cloud.inject({ instanceId: "i-00000000000000000", code: "instance-stop", description: "", notBefore: null, notAfter: null, injectedBy: "test" }),
    ).toBeUndefined();

    const described = await cloud.describe([group]);
    expect(described.find((i) => i.instanceId === a.instanceId)?.events).toEqual([
      { eventId: injected?.eventId, code: "system-maintenance", description: "host maintenance", notBefore, notAfter },
    ]);
    expect(described.find((i) => i.instanceId === b.instanceId)).toMatchObject({ statusCheck: "impaired", events: [] });
  });

  it("refuses to terminate an instance through a group it is not in", async () => {
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "elasticsearch",
      regions: ["us-east-1"],
      topology: simpleTopology("elasticsearch", ["us-east-1"]),
    });
    const cloud = new SimulatedFleetCloud();
    const [a] = await cloud.describe([{ region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1a` }]);
    if (!a) throw new Error("expected an instance");
    await expect(cloud.terminateInGroup({ region: "us-east-1", groupName: `${ds.name}-us-east-1-data-us-east-1b`, instanceId: a.instanceId })).rejects.toThrow(
      /not in group/,
    );
    expect((await db().simCloudInstance.findUniqueOrThrow({ where: { instanceId: a.instanceId } })).terminatedAt).toBeNull();
  });
});
