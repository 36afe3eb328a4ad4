// The releases and campaigns API through the real route handlers and the test file's database: bad input named
// field by field with nothing written, administrators only for releases and campaigns, the affected list from the
// inventory, a draft's waves (tier 3 first, early-upgrade teams first within a tier), the status commands' verdicts,
// approval by the team's reviewers only, and the campaign a datastore is in.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as affectedRoute } from "@/app/api/v1/releases/[id]/affected/route";
import { GET as listReleasesRoute, POST as createReleaseRoute } from "@/app/api/v1/releases/route";
import { POST as createCampaignRoute } from "@/app/api/v1/campaigns/route";
import { GET as getCampaignRoute } from "@/app/api/v1/campaigns/[id]/route";
import { POST as pauseRoute } from "@/app/api/v1/campaigns/[id]/pause/route";
import { POST as approveRoute } from "@/app/api/v1/campaigns/[id]/approve/route";
import { GET as eventsRoute } from "@/app/api/v1/campaigns/[id]/events/route";
import { GET as datastoreCampaignRoute } from "@/app/api/v1/datastores/[id]/campaign/route";
import {
  AffectedListSchema,
  CampaignEventListSchema,
  CampaignSchema,
  DatastoreCampaignSchema,
  FamilyReleaseListSchema,
  FamilyReleaseSchema,
} from "@/lib/schemas/campaign";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { makeProvisionedDatastore } from "../support/fleet";
import { storeOrgSettings } from "../support/provisioning";
import type { z } from "zod";
import { expectJson as expectJsonBody, expectProblem } from "./support";

/** The JSON body of a `status` answer, parsed with the operation's response schema. */
async function expectJson<S extends z.ZodType>(res: Response, status: number, schema: S): Promise<z.infer<S>> {
  return schema.parse(await expectJsonBody(res, status));
}

const p = (id: string) => ({ params: Promise.resolve({ id }) });
const none = { params: Promise.resolve({}) };
let admin: TestPerson;
let member: TestPerson;
let reviewer: TestPerson;
let team: { id: string };

beforeAll(async () => {
  await storeOrgSettings();
  team = await makeTeam();
  // Administering is for people signed in (tokens never administer).
  admin = await signedInPerson(null, "portal-admin", "ada");
  member = await makePerson(team.id, "member", "Mia Member");
  reviewer = await makePerson(team.id, "reviewer", "Rey Reviewer");
});

async function store(tier: 0 | 1 | 2 | 3, teamId: string, name: string) {
  const ds = await makeProvisionedDatastore({ teamId, family: "dynomite", tier, name, regions: ["us-east-1"] });
  await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
  return ds;
}

describe("a release's images per region", () => {
  const release = async (imageIds: unknown) =>
    createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, { family: "graph", engineVersion: "3.7.9", imageIds }), none);

  it("refuses a map without regions, a region the portal does not know and a bad image, each on its own field, writing nothing", async () => {
    const empty = await expectProblem(await release({}), 422);
    expect(empty.errors).toEqual([{ field: "imageIds", message: expect.stringMatching(/needs an image for at least one region/) }]);
    const bad = await expectProblem(await release({ "eu-mars-1": "ami-0aaa000000000001", "eu-west-1": "x y", "us-east-1": "ami-0aaa000000000002" }), 422);
    expect(bad.errors).toEqual([
      { field: "imageIds.eu-mars-1", message: "is not a known AWS region" },
      { field: "imageIds.eu-west-1", message: expect.stringMatching(/must be an image id/) },
    ]);
    expect(await db().familyRelease.count({ where: { family: "graph" } })).toBe(0);
  });

  it("keeps each region's image, and the same version with other images is another release", async () => {
    const images = { "us-east-1": "ami-0aaa000000000001", "eu-west-1": "ami-0bbb000000000001" };
    const created = await expectJson(await release(images), 201, FamilyReleaseSchema);
    expect(created).toMatchObject({ imageIds: images, imageId: null });
    // The same map in another key order is the same release.
    await expectProblem(await release({ "eu-west-1": images["eu-west-1"], "us-east-1": images["us-east-1"] }), 409);
    const other = await expectJson(await release({ ...images, "eu-west-1": "ami-0ccc000000000001" }), 201, FamilyReleaseSchema);
    expect(other.imageIds["eu-west-1"]).toBe("ami-0ccc000000000001");
  });

  it("counts as affected only the nodes off the release's image for their own region, and keeps a datastore with a region it has no image for out of campaigns", async () => {
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", tier: 3, name: "two-region-cache", regions: ["us-east-1", "eu-west-1"] });
    await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
    const nodes = await db().fleetNode.findMany({ where: { datastoreId: ds.id, goneAt: null } });
    const imageIn = (region: string) => nodes.find((n) => n.region === region)!.imageId;
    expect(new Set(nodes.map((n) => n.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    // Each region's nodes run their own region's AMI: one image for both would be wrong for one of them.
    expect(imageIn("us-east-1")).not.toBe(imageIn("eu-west-1"));

    // The same engine version; us-east-1's nodes are on the release's us-east-1 image already, eu-west-1's are not.
    const imageIds = { "us-east-1": imageIn("us-east-1"), "eu-west-1": "ami-0eeeeeeeeeeeeeee1" };
    const both = await expectJson(
      await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, { family: "evcache", engineVersion: ds.engineVersion, imageIds }), none),
      201,
      FamilyReleaseSchema,
    );
    const affected = await expectJson(
      await affectedRoute(jsonRequest("GET", `/api/v1/releases/${both.id}/affected`, admin), p(both.id)),
      200,
      AffectedListSchema,
    );
    const item = affected.items.find((i) => i.datastore.id === ds.id)!;
    expect(item.nodes.length).toBeGreaterThan(0);
    expect(new Set(item.nodes.map((n) => n.region))).toEqual(new Set(["eu-west-1"]));
    expect(item.nodes.length).toBe(nodes.filter((n) => n.region === "eu-west-1").length);
    expect(item).toMatchObject({ missingImageRegions: [], actions: { upgrade: { allowed: true } } });

    // A release with no image for eu-west-1: listed, not upgradable, the reason naming the region.
    const eastOnly = await expectJson(
      await createReleaseRoute(
        jsonRequest("POST", "/api/v1/releases", admin, { family: "evcache", engineVersion: "1.6.98", imageIds: { "us-east-1": "ami-0fff000000000001" } }),
        none,
      ),
      201,
      FamilyReleaseSchema,
    );
    const uncovered = await expectJson(
      await affectedRoute(jsonRequest("GET", `/api/v1/releases/${eastOnly.id}/affected`, admin), p(eastOnly.id)),
      200,
      AffectedListSchema,
    );
    const listed = uncovered.items.find((i) => i.datastore.id === ds.id)!;
    expect(listed.missingImageRegions).toEqual(["eu-west-1"]);
    expect(listed.actions.upgrade).toMatchObject({ allowed: false, code: "conflict", reason: expect.stringContaining("eu-west-1") });

    // Naming it: a 422 on datastoreIds naming the datastore and the region; nothing is written.
    const named = await expectProblem(
      await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: eastOnly.id, datastoreIds: [ds.id] }), none),
      422,
    );
    expect(named.errors).toEqual([{ field: "datastoreIds", message: expect.stringMatching(/two-region-cache \(eu-west-1\)/) }]);
    // Not naming it: it is left out, and with nothing else to upgrade there is no campaign (409 saying why).
    const nothing = await expectProblem(await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: eastOnly.id }), none), 409);
    expect(nothing.detail).toMatch(/no image for a region of two-region-cache \(eu-west-1\)/);
    expect(await db().upgradeCampaign.count({ where: { releaseId: eastOnly.id } })).toBe(0);

    // With a datastore the release covers: the campaign takes it, and its first event says which one it left out.
    const east = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", tier: 3, name: "east-cache", regions: ["us-east-1"] });
    await refreshDatastoreInventory(east.id, { cloud: new SimulatedFleetCloud() });
    const draft = await expectJson(
      await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: eastOnly.id }), none),
      201,
      CampaignSchema,
    );
    expect(draft.waves.flatMap((w) => w.targets.map((t) => t.datastore.name))).toEqual(["east-cache"]);
    // What a rollback of it launches: the image its us-east-1 nodes run now.
    expect(draft.waves[0]?.targets[0]?.fromImageIds).toEqual({ "us-east-1": imageIn("us-east-1") });
    const events = await expectJson(
      await eventsRoute(jsonRequest("GET", `/api/v1/campaigns/${draft.id}/events`, admin), p(draft.id)),
      200,
      CampaignEventListSchema,
    );
    expect(events.items[0]?.message).toContain("Left out, the release having no image for a region of theirs: two-region-cache (eu-west-1).");
  });
});

describe("releases and campaigns", () => {
  it("validates, authorises, lists what a release affects and shows a draft's waves", async () => {
    const bad = await expectProblem(
      await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, { family: "mongo", engineVersion: "", imageId: "x y" }), none),
      422,
    );
    expect([...new Set(bad.errors?.map((e) => e.field))].sort()).toEqual(["engineVersion", "family", "imageId", "imageIds"]);
    // One image for every region is not a shorthand: an AMI exists in one region, so the error says what to send.
    expect(bad.errors?.find((e) => e.field === "imageId")?.message).toMatch(/exists in one region: give imageIds/);
    expect(bad.errors?.find((e) => e.field === "imageIds")?.message).toMatch(/^is required: one image per region, e\.g\. \{"us-east-1"/);
    // A list of images is the likeliest wrong shape: the 422 says an object, keyed by region, is wanted.
    const listed = await expectProblem(
      await createReleaseRoute(
        jsonRequest("POST", "/api/v1/releases", admin, { family: "evcache", engineVersion: "1.6.99", imageIds: ["ami-0123456789abcdef0"] }),
        none,
      ),
      422,
    );
    expect(listed.errors).toEqual([{ field: "imageIds", message: expect.stringMatching(/^must be an object: one image per region/) }]);
    const body = { family: "dynomite", engineVersion: "7.2.99", imageIds: { "us-east-1": "ami-0dyn000000000001" } };
    await expectProblem(await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", member, body), none), 403);
    expect(await db().familyRelease.count({ where: { family: "dynomite" } })).toBe(0);

    const early = await makeTeam();
    await db().team.update({ where: { id: early.id }, data: { upgradeEarly: true } });
    const critical = await store(0, team.id, "delay-queue");
    const late = await store(3, team.id, "test-queue");
    const first = await store(3, early.id, "zz-early-queue");
    const release = await expectJson(await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, body), none), 201, FamilyReleaseSchema);
    expect(release.current).toBe(true);
    await expectProblem(await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, body), none), 409);
    const list = await expectJson(await listReleasesRoute(jsonRequest("GET", "/api/v1/releases?family=dynomite", member), none), 200, FamilyReleaseListSchema);
    expect(list.items.map((r) => r.id)).toEqual([release.id]);

    await expectProblem(await affectedRoute(jsonRequest("GET", `/api/v1/releases/${release.id}/affected`, member), p(release.id)), 403);
    const affected = await expectJson(
      await affectedRoute(jsonRequest("GET", `/api/v1/releases/${release.id}/affected`, admin), p(release.id)),
      200,
      AffectedListSchema,
    );
    expect(affected.items.map((i) => i.datastore.name)).toEqual(["zz-early-queue", "test-queue", "delay-queue"]);
    expect(affected.items[0]!.nodes.every((n) => n.engineVersion !== "7.2.99")).toBe(true);
    expect(affected.nodeCount).toBe(affected.items.reduce((n, i) => n + i.nodes.length, 0));

    const unknown = await expectProblem(
      await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: release.id, maxRegressionPct: -1, datastoreIds: ["nope"] }), none),
      422,
    );
    expect(unknown.errors?.map((e) => e.field)).toEqual(["maxRegressionPct"]);
    const notAffected = await expectProblem(
      await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: release.id, datastoreIds: ["nope"] }), none),
      422,
    );
    expect(notAffected.errors?.map((e) => e.field)).toEqual(["datastoreIds"]);
    expect(await db().upgradeCampaign.count({ where: { family: "dynomite" } })).toBe(0);

    const draft = await expectJson(
      await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: release.id }), none),
      201,
      CampaignSchema,
    );
    expect(draft.status).toBe("draft");
    expect(draft.waves.map((w) => ({ tier: w.tier, approval: w.approvalRequired, names: w.targets.map((t) => t.datastore.name) }))).toEqual([
      { tier: 3, approval: false, names: ["zz-early-queue", "test-queue"] },
      { tier: 0, approval: true, names: ["delay-queue"] },
    ]);
    expect(draft.actions).toMatchObject({ start: { allowed: true }, pause: { allowed: false, code: "conflict" } });
    await expectProblem(await pauseRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/pause`, admin), p(draft.id)), 409);
    // A second campaign may not take datastores the first holds.
    await expectProblem(await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId: release.id }), none), 409);

    // Approval: the body names a wave or a target; a member may not; the team's reviewer may, once.
    const noWave = await expectProblem(await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, reviewer, {}), p(draft.id)), 422);
    expect(noWave.errors?.map((e) => e.field)).toEqual(["wave"]);
    await expectProblem(await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, member, { wave: 1 }), p(draft.id)), 403);
    // Another team's datastore is not theirs to approve; their own tier 3 one needs no approval.
    await expectProblem(await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, reviewer, { wave: 0 }), p(draft.id)), 403);
    const tier3 = draft.waves[0]!.targets.find((t) => t.datastore.id === late.id)!;
    await expectProblem(await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, reviewer, { targetId: tier3.id }), p(draft.id)), 409);
    const approved = await expectJson(
      await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, reviewer, { wave: 1 }), p(draft.id)),
      200,
      CampaignSchema,
    );
    expect(approved.waves[1]).toMatchObject({ approved: true, targets: [{ approvedBy: "token:Rey Reviewer-test" }] });
    await expectProblem(await approveRoute(jsonRequest("POST", `/api/v1/campaigns/${draft.id}/approve`, reviewer, { wave: 1 }), p(draft.id)), 409);

    // The reviewer sees the campaign (it holds their team's datastore) and its events; the datastore shows it.
    const seen = await expectJson(await getCampaignRoute(jsonRequest("GET", `/api/v1/campaigns/${draft.id}`, reviewer), p(draft.id)), 200, CampaignSchema);
    expect(seen.actions.start).toMatchObject({ allowed: false, code: "forbidden" });
    const events = await expectJson(
      await eventsRoute(jsonRequest("GET", `/api/v1/campaigns/${draft.id}/events`, admin), p(draft.id)),
      200,
      CampaignEventListSchema,
    );
    expect(events.items.map((e) => e.kind)).toEqual(["created", "approved"]);
    const mine = await expectJson(
      await datastoreCampaignRoute(jsonRequest("GET", `/api/v1/datastores/${critical.id}/campaign`, member), p(critical.id)),
      200,
      DatastoreCampaignSchema,
    );
    expect(mine.campaign).toMatchObject({ id: draft.id, status: "draft", target: { step: "pending", tier: 0 } });
    expect(draft.waves[0]!.targets[0]!.datastore.id).toBe(first.id);
  });
});
