// The fleet API through its real handlers against a real database: the inventory the refresh wrote, scoped to what
// the caller may see, filtered with facet counts and pages; refresh requests; the simulated cloud's injected events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as nodesRoute } from "@/app/api/v1/fleet/nodes/route";
import { GET as eventsRoute } from "@/app/api/v1/fleet/events/route";
import { POST as refreshRoute } from "@/app/api/v1/fleet/refresh/route";
import { POST as injectRoute } from "@/app/api/v1/fleet/simulated/events/route";
import { db } from "@/lib/server/db/client";
import { AwsFleetCloud } from "@/lib/server/fleet/aws-fleet-cloud";
import { setFleetCloudForTests } from "@/lib/server/fleet/fleet-cloud-factory";
import { refreshInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { FleetEventListSchema, FleetNodeListSchema, FleetRefreshJobSchema, SimulatedEventResultSchema } from "@/lib/schemas/fleet";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { makeProvisionedDatastore } from "../support/fleet";
import { expectJson, expectProblem } from "./support";

const nodes = async (p: TestPerson, query = "") =>
  FleetNodeListSchema.parse(await expectJson(await nodesRoute(jsonRequest("GET", `/api/v1/fleet/nodes${query}`, p))));
const events = async (p: TestPerson, query = "") =>
  FleetEventListSchema.parse(await expectJson(await eventsRoute(jsonRequest("GET", `/api/v1/fleet/events${query}`, p))));
const refresh = (p: TestPerson, body?: unknown) => refreshRoute(jsonRequest("POST", "/api/v1/fleet/refresh", p, body));
const inject = (p: TestPerson, body: unknown) => injectRoute(jsonRequest("POST", "/api/v1/fleet/simulated/events", p, body));

const cloud = new SimulatedFleetCloud({ readyMs: 0 });
let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };
let memberA: TestPerson;
let memberB: TestPerson;
let reviewer: TestPerson;
let admin: TestPerson;
let orders: { id: string; name: string };
let legacy: { id: string; name: string };

beforeAll(async () => {
  setFleetCloudForTests(cloud);
  teamA = await makeTeam();
  teamB = await makeTeam();
  memberA = await makePerson(teamA.id, "member", "member-a");
  memberB = await makePerson(teamB.id, "member", "member-b");
  reviewer = await makePerson(teamB.id, "member", "platform", { platformReviewer: true, tokenPlatformReviewer: true });
  admin = await signedInPerson(null, "portal-admin", "admin");
  // Team A: EVCache on current-generation r7g-like shapes, 2 per zone × 3 zones in us-east-1.
  orders = await makeProvisionedDatastore({
    teamId: teamA.id,
    family: "evcache",
    regions: ["us-east-1"],
    topology: [{ region: "us-east-1", role: "cache", family: "evcache", instanceType: "r6i.xlarge", nodesPerZone: 2, zones: 3, nodes: 6 }],
  });
  // Team B: Elasticsearch on a previous-generation family, 1 per zone × 2 zones in eu-west-1.
  legacy = await makeProvisionedDatastore({
    teamId: teamB.id,
    family: "elasticsearch",
    regions: ["eu-west-1"],
    topology: [{ region: "eu-west-1", role: "data", family: "elasticsearch", instanceType: "i3.2xlarge", nodesPerZone: 1, zones: 2, nodes: 2 }],
  });
  await refreshInventory();
});
afterAll(() => setFleetCloudForTests(null));

describe("GET /api/v1/fleet/nodes", () => {
  it("shows a member only their teams' nodes, and a platform reviewer or admin every team's", async () => {
    const a = await nodes(memberA);
    expect(a.total).toBe(6);
    expect(new Set(a.items.map((n) => n.datastore.id))).toEqual(new Set([orders.id]));
    expect(a.facets.team).toEqual([{ value: teamA.slug, label: teamA.slug.replace(/-/g, " "), count: 6 }]);
    expect(a.simulated).toBe(true);
    expect(a.actions).toEqual({ refresh: false, injectEvents: false });
    expect((await nodes(memberB)).total).toBe(2);
    expect((await nodes(reviewer)).total).toBe(8);
    const all = await nodes(admin);
    expect(all.total).toBe(8);
    expect(all.actions).toEqual({ refresh: true, injectEvents: true });
    // A member asking for another team's datastore or team sees nothing of it.
    expect((await nodes(memberA, `?datastore=${legacy.id}`)).total).toBe(0);
    expect((await nodes(memberA, `?team=${teamB.slug}`)).total).toBe(0);
  });

  it("flags previous-generation shapes, filters by every facet and counts each facet's values with the other filters applied", async () => {
    const all = await nodes(admin);
    expect(all.items.filter((n) => n.generation === "previous").map((n) => n.instanceType)).toEqual(["i3.2xlarge", "i3.2xlarge"]);
    expect(all.facets.generation).toEqual([
      { value: "current", label: "Current generation", count: 6 },
      { value: "previous", label: "Previous generation", count: 2 },
    ]);
    expect(all.facets.family).toEqual([
      { value: "r6i", label: "r6i", count: 6 },
      { value: "i3", label: "i3", count: 2 },
    ]);
    expect(all.facets.region.map((r) => [r.value, r.count])).toEqual([
      ["us-east-1", 6],
      ["eu-west-1", 2],
    ]);

    const previous = await nodes(admin, "?generation=previous");
    expect(previous.total).toBe(2);
    expect(previous.items.every((n) => n.family === "i3" && n.region === "eu-west-1" && n.team.id === teamB.id)).toBe(true);
    // The generation facet still offers "current" with its count; the region facet counts only previous nodes.
    expect(previous.facets.generation.find((g) => g.value === "current")?.count).toBe(6);
    expect(previous.facets.region).toEqual([{ value: "eu-west-1", label: "eu-west-1", count: 2 }]);

    expect((await nodes(admin, "?family=r6i&region=us-east-1")).total).toBe(6);
    expect((await nodes(admin, "?family=r6i&region=eu-west-1")).total).toBe(0);
    const image = all.items[0]?.imageId ?? "";
    expect((await nodes(admin, `?image=${image}`)).items.every((n) => n.imageId === image)).toBe(true);
    expect((await nodes(admin, `?engineVersion=${encodeURIComponent(all.items.find((n) => n.datastore.id === legacy.id)?.engineVersion ?? "")}`)).total).toBe(
      2,
    );
    expect((await nodes(admin, `?team=${teamA.id}`)).total).toBe(6);
  });

  it("pages with a cursor, every node once", async () => {
    const first = await nodes(admin, "?limit=3");
    expect(first.items).toHaveLength(3);
    expect(first.total).toBe(8);
    const seen = first.items.map((n) => n.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await nodes(admin, `?limit=3&cursor=${cursor}`);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("answers bad filters with a 422 naming the parameter", async () => {
    for (const [query, field] of [
      ["?generation=ancient", "generation"],
      ["?pendingEvents=maybe", "pendingEvents"],
      ["?limit=0", "limit"],
      ["?region=mars", "region"],
      ["?image=not-an-ami", "image"],
      ["?cursor=%%%", "cursor"],
      ["?colour=blue", "colour"],
    ] as const) {
      const problem = await expectProblem(await nodesRoute(jsonRequest("GET", `/api/v1/fleet/nodes${query}`, admin)), 422);
      expect(
        problem.errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });
});

describe("events", () => {
  it("an injected event shows on its node with its deadline, in the pending-events facet and in the events list of the team only", async () => {
    const target = (await nodes(memberA)).items[0];
    if (!target) throw new Error("a node");
    const notBefore = "2027-01-10T02:00:00.000Z";
    const notAfter = "2027-01-10T06:00:00.000Z";
    const injected = SimulatedEventResultSchema.parse(
      await expectJson(await inject(admin, { instanceId: target.instanceId, code: "system-reboot", description: "host reboot", notBefore, notAfter }), 201),
    );
    expect(injected).toMatchObject({ datastoreId: orders.id, code: "system-reboot", refreshed: true });

    const pending = await nodes(memberA, "?pendingEvents=true");
    expect(pending.total).toBe(1);
    expect(pending.items[0]?.events).toEqual([
      expect.objectContaining({ eventId: injected.eventId, code: "system-reboot", description: "host reboot", notBefore, notAfter, deadline: notAfter }),
    ]);
    expect((await nodes(memberA)).facets.pendingEvents).toEqual([
      { value: "true", label: "With pending events", count: 1 },
      { value: "false", label: "No pending events", count: 5 },
    ]);
    expect((await nodes(memberA, "?pendingEvents=false")).total).toBe(5);

    expect((await events(memberA)).items.map((e) => e.instanceId)).toEqual([target.instanceId]);
    expect((await events(memberB)).items).toEqual([]);
    expect((await events(admin, `?datastore=${orders.id}&status=resolved`)).items).toEqual([]);
    const audit = await db().auditEvent.findFirst({ where: { action: "fleet.simulated_event_injected", subjectId: orders.id } });
    expect(audit?.detail).toMatchObject({ instanceId: target.instanceId, code: "system-reboot" });
  });

  it("an injected impairment is a status-impaired event without a deadline", async () => {
    const target = (await nodes(memberB)).items[0];
    if (!target) throw new Error("a node");
    await expectJson(await inject(admin, { instanceId: target.instanceId, code: "status-impaired" }), 201);
    const node = (await nodes(memberB, "?pendingEvents=true")).items[0];
    expect(node?.statusCheck).toBe("impaired");
    expect(node?.events).toEqual([expect.objectContaining({ code: "status-impaired", deadline: null, notBefore: null })]);
  });

  it("refuses injection to non-admins, bad bodies with the field named, unknown instances, and any cloud but the simulated one", async () => {
    const target = (await nodes(memberA)).items[0];
    if (!target) throw new Error("a node");
    await expectProblem(await inject(memberA, { instanceId: target.instanceId, code: "instance-retirement" }), 403);
    const reversed = await expectProblem(
      await inject(admin, { instanceId: target.instanceId, code: "system-maintenance", notBefore: "2027-01-10T06:00:00Z", notAfter: "2027-01-10T02:00:00Z" }),
      422,
    );
    expect(reversed.errors?.map((e) => e.field)).toEqual(["notAfter"]);
    const badCode = await expectProblem(await inject(admin, { instanceId: target.instanceId, code: "meteor-strike" }), 422);
    expect(badCode.errors?.map((e) => e.field)).toEqual(["code"]);
    const badDate = await expectProblem(await inject(admin, { instanceId: target.instanceId, code: "instance-stop", notBefore: "next tuesday" }), 422);
    expect(badDate.errors?.map((e) => e.field)).toEqual(["notBefore"]);
    const unknown = await expectProblem(await inject(admin, { instanceId: "i-0123456789abcdef0", code: "instance-stop" }), 422);
    expect(unknown.errors?.map((e) => e.field)).toEqual(["instanceId"]);
    const before = await db().simCloudEvent.count();
    setFleetCloudForTests(new AwsFleetCloud());
    try {
      await expectProblem(await inject(admin, { instanceId: target.instanceId, code: "instance-retirement" }), 409);
    } finally {
      setFleetCloudForTests(cloud);
    }
    expect(await db().simCloudEvent.count()).toBe(before);
  });
});

describe("POST /api/v1/fleet/refresh", () => {
  it("queues a datastore's refresh for anyone who may see it, the whole fleet's for reviewers only", async () => {
    const job = FleetRefreshJobSchema.parse(await expectJson(await refresh(memberA, { datastoreId: orders.id }), 202));
    expect(job).toMatchObject({ trigger: "on-demand", status: "queued", datastoreId: orders.id, requestedBy: expect.stringContaining("token:") as unknown });
    // Asked again before a worker got to it: the same job.
    expect(FleetRefreshJobSchema.parse(await expectJson(await refresh(memberA, { datastoreId: orders.id }), 202)).id).toBe(job.id);
    await expectProblem(await refresh(memberA, { datastoreId: legacy.id }), 404);
    await expectProblem(await refresh(memberA), 403);
    const whole = FleetRefreshJobSchema.parse(await expectJson(await refresh(reviewer), 202));
    expect(whole.datastoreId).toBeNull();
    const bad = await expectProblem(await refresh(admin, { datastoreId: "no such id!" }), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["datastoreId"]);
    expect(await db().fleetRefreshJob.count({ where: { status: "queued" } })).toBe(2);
  });
});
