// A team's upgrade opt-in through the real route handlers and the test file's database: PATCH /api/v1/teams/{id}
// sets `upgradeEarly` (the team's admins and portal administrators only, a bad value named, nothing written, audited),
// and a campaign created afterwards puts the opted-in team's datastore first within its tier's wave.
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchTeamRoute } from "@/app/api/v1/teams/[teamId]/route";
import { GET as listTeamsRoute } from "@/app/api/v1/teams/route";
import { POST as createReleaseRoute } from "@/app/api/v1/releases/route";
import { POST as createCampaignRoute } from "@/app/api/v1/campaigns/route";
import { TeamListSchema, TeamSchema } from "@/lib/schemas/access";
import { CampaignSchema, FamilyReleaseSchema } from "@/lib/schemas/campaign";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { makeProvisionedDatastore } from "../support/fleet";
import { storeOrgSettings } from "../support/provisioning";
import { expectJson, expectProblem } from "./support";

const none = { params: Promise.resolve({}) };
const patchTeam = (who: TestPerson, teamId: string, body: unknown) =>
  patchTeamRoute(jsonRequest("PATCH", `/api/v1/teams/${teamId}`, who, body), { params: Promise.resolve({ teamId }) });

let early: { id: string };
let other: { id: string };
let teamAdmin: TestPerson, maintainer: TestPerson, member: TestPerson, portalAdmin: TestPerson;

beforeAll(async () => {
  await storeOrgSettings();
  early = await makeTeam();
  other = await makeTeam();
  // A team admin's role holds in a session (tokens are capped at reviewer).
  teamAdmin = await signedInPerson(early.id, "admin", "ada");
  maintainer = await makePerson(early.id, "reviewer", "Rey Reviewer");
  member = await makePerson(early.id, "member", "Mia Member");
  portalAdmin = await signedInPerson(null, "portal-admin", "pat");
});

async function store(tier: 0 | 1 | 2 | 3, teamId: string, name: string) {
  const ds = await makeProvisionedDatastore({ teamId, family: "evcache", tier, name, regions: ["us-east-1"] });
  await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
  return ds;
}

describe("a team's upgrade opt-in", () => {
  it("is offered to the team's admins only: the team's changePolicy action says who may set it", async () => {
    const actionFor = async (who: TestPerson) => {
      const list = TeamListSchema.parse(await expectJson(await listTeamsRoute(jsonRequest("GET", "/api/v1/teams", who), none)));
      return list.items.find((t) => t.id === early.id)?.actions.changePolicy;
    };
    expect(await actionFor(teamAdmin)).toEqual({ allowed: true });
    expect(await actionFor(portalAdmin)).toEqual({ allowed: true });
    expect(await actionFor(maintainer)).toMatchObject({ allowed: false, code: "forbidden", reason: expect.stringContaining("upgrade opt-in") });
    expect(await actionFor(member)).toMatchObject({ allowed: false, code: "forbidden" });
  });

  it("is set by the team's admins only, rejects a value that is not true or false naming upgradeEarly, and is audited", async () => {
    const bad = await expectProblem(await patchTeam(teamAdmin, early.id, { upgradeEarly: "yes" }), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["upgradeEarly"]);
    const mixed = await expectProblem(await patchTeam(teamAdmin, early.id, { upgradeEarly: 1, autoMaintenance: true }), 422);
    expect(mixed.errors?.map((e) => e.field)).toEqual(["upgradeEarly"]);
    await expectProblem(await patchTeam(member, early.id, { upgradeEarly: true }), 403);
    const refused = await expectProblem(await patchTeam(maintainer, early.id, { upgradeEarly: true }), 403);
    expect(refused.detail).toContain("upgrade opt-in");
    // Nothing written by the refused or bad requests (autoMaintenance rode along with a bad upgradeEarly).
    expect(await db().team.findUniqueOrThrow({ where: { id: early.id } })).toMatchObject({ upgradeEarly: false, autoMaintenance: false });
    expect(await db().auditEvent.count({ where: { action: "team.policy-changed", subjectId: early.id } })).toBe(0);

    const on = TeamSchema.parse(await expectJson(await patchTeam(teamAdmin, early.id, { upgradeEarly: true })));
    expect(on).toMatchObject({ id: early.id, upgradeEarly: true, autoMaintenance: false, warningTopicArn: null, role: "admin" });
    const off = TeamSchema.parse(await expectJson(await patchTeam(portalAdmin, early.id, { upgradeEarly: false })));
    expect(off.upgradeEarly).toBe(false);
    const audits = await db().auditEvent.findMany({ where: { action: "team.policy-changed", subjectId: early.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(audits.map((a) => a.detail)).toEqual([
      {
        before: { autoMaintenance: false, warningTopicArn: null, upgradeEarly: false },
        after: { autoMaintenance: false, warningTopicArn: null, upgradeEarly: true },
      },
      {
        before: { autoMaintenance: false, warningTopicArn: null, upgradeEarly: true },
        after: { autoMaintenance: false, warningTopicArn: null, upgradeEarly: false },
      },
    ]);
    expect(audits.map((a) => a.actorId)).toEqual([teamAdmin.userId, portalAdmin.userId]);
  });

  it("puts the opted-in team's datastore first within its tier when a campaign is created", async () => {
    // Names sort the other team first, so only the opt-in can put the early team's datastore ahead of it.
    const a = await store(2, other.id, "aa-other-cache");
    const b = await store(2, early.id, "zz-early-cache");
    const c = await store(1, other.id, "critical-cache");
    const release = await expectJson(
      await createReleaseRoute(
        jsonRequest("POST", "/api/v1/releases", portalAdmin, { family: "evcache", engineVersion: "1.6.99", imageIds: { "us-east-1": "ami-0evc000000000099" } }),
        none,
      ),
      201,
    );
    const { id: releaseId } = FamilyReleaseSchema.parse(release);

    // Before the opt-in: by name within the tier.
    const before = CampaignSchema.parse(
      await expectJson(await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", portalAdmin, { releaseId }), none), 201),
    );
    expect(before.waves[0]!.targets.map((t) => t.datastore.id)).toEqual([a.id, b.id]);
    expect(before.waves[0]!.targets.map((t) => t.upgradeEarly)).toEqual([false, false]);
    await db().upgradeCampaign.delete({ where: { id: before.id } });

    TeamSchema.parse(await expectJson(await patchTeam(teamAdmin, early.id, { upgradeEarly: true })));
    const after = CampaignSchema.parse(
      await expectJson(await createCampaignRoute(jsonRequest("POST", "/api/v1/campaigns", portalAdmin, { releaseId }), none), 201),
    );
    expect(after.waves.map((w) => ({ tier: w.tier, ids: w.targets.map((t) => t.datastore.id), early: w.targets.map((t) => t.upgradeEarly) }))).toEqual([
      { tier: 2, ids: [b.id, a.id], early: [true, false] },
      { tier: 1, ids: [c.id], early: [false] },
    ]);
    expect(after.waves[0]!.targets.map((t) => t.seq)).toEqual([0, 1]);
  });
});
