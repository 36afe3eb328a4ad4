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

describe("releases and campaigns", () => {
  it("validates, authorises, lists what a release affects and shows a draft's waves", async () => {
    const bad = await expectProblem(
      await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", admin, { family: "mongo", engineVersion: "", imageId: "x y" }), none),
      422,
    );
    expect([...new Set(bad.errors?.map((e) => e.field))].sort()).toEqual(["engineVersion", "family", "imageId"]);
    const body = { family: "dynomite", engineVersion: "7.2.99", imageId: "ami-0dyn000000000001" };
    await expectProblem(await createReleaseRoute(jsonRequest("POST", "/api/v1/releases", member, body), none), 403);
    expect(await db().familyRelease.count()).toBe(0);

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
    expect(await db().upgradeCampaign.count()).toBe(0);

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
