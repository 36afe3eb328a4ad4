// The maintenance API through the real route handlers and the test file's database: windows validated field by
// field and replaced whole (audited), the datastore's maintenance (pending events, replacements with their steps and
// what they wait for), approving a held replacement (reviewers only, once), and a team's policy (team admins only).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as maintenanceRoute } from "@/app/api/v1/datastores/[id]/maintenance/route";
import { GET as getWindowsRoute, PUT as putWindowsRoute } from "@/app/api/v1/datastores/[id]/maintenance/windows/route";
import { PATCH as patchTeamRoute } from "@/app/api/v1/teams/[teamId]/route";
import { db } from "@/lib/server/db/client";
import { scheduleMaintenance } from "@/lib/server/maintenance/schedule-maintenance";
import { TeamSchema } from "@/lib/schemas/access";
import { MaintenanceOverviewSchema, MaintenanceWindowListSchema } from "@/lib/schemas/maintenance";
import { OperationSchema } from "@/lib/schemas/operation";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { provisionableDatastore, storeOrgSettings } from "../support/provisioning";
import { expectJson, expectProblem } from "./support";
import { prov } from "./provisioning-support";

const p = (id: string) => ({ params: Promise.resolve({ id }) });
const api = {
  overview: (who: TestPerson, id: string) => maintenanceRoute(jsonRequest("GET", `/api/v1/datastores/${id}/maintenance`, who), p(id)),
  windows: (who: TestPerson, id: string) => getWindowsRoute(jsonRequest("GET", `/api/v1/datastores/${id}/maintenance/windows`, who), p(id)),
  putWindows: (who: TestPerson, id: string, body: unknown) =>
    putWindowsRoute(jsonRequest("PUT", `/api/v1/datastores/${id}/maintenance/windows`, who, body), p(id)),
  patchTeam: (who: TestPerson, teamId: string, body: unknown) =>
    patchTeamRoute(jsonRequest("PATCH", `/api/v1/teams/${teamId}`, who, body), { params: Promise.resolve({ teamId }) }),
};

let team: { id: string };
let member: TestPerson, reviewer: TestPerson, teamAdmin: TestPerson, outsider: TestPerson;

beforeAll(async () => {
  await storeOrgSettings();
  team = await makeTeam();
  member = await makePerson(team.id, "member", "Mia Member");
  reviewer = await makePerson(team.id, "reviewer", "Rey Reviewer");
  // A team admin's role holds in a session (tokens are capped at reviewer).
  teamAdmin = await signedInPerson(team.id, "admin", "ada");
  outsider = await makePerson((await makeTeam()).id, "admin", "Otto Outsider");
});

describe("maintenance windows", () => {
  it("rejects bad windows naming the field, changes nothing, and replaces the list whole when valid (audited)", async () => {
    const ds = await provisionableDatastore({ teamId: team.id, status: "active" });
    const bad = await expectProblem(await api.putWindows(member, ds.id, { windows: [{ weekday: 7, startMinute: 1440, durationMinutes: 10 }] }), 422);
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(["windows.0.durationMinutes", "windows.0.startMinute", "windows.0.weekday"]);
    const overlap = await expectProblem(
      await api.putWindows(member, ds.id, {
        windows: [
          { weekday: 6, startMinute: 23 * 60, durationMinutes: 120 },
          { weekday: 0, startMinute: 30, durationMinutes: 60 },
        ],
      }),
      422,
    );
    expect(overlap.errors).toEqual([{ field: "windows.1", message: "overlaps windows.0" }]);
    expect(await db().maintenanceWindow.count({ where: { datastoreId: ds.id } })).toBe(0);

    const windows = [
      { weekday: 2, startMinute: 120, durationMinutes: 120 },
      { weekday: 4, startMinute: 120, durationMinutes: 120 },
    ];
    const put = MaintenanceWindowListSchema.parse(await expectJson(await api.putWindows(member, ds.id, { windows })));
    expect(put.windows).toEqual(windows);
    expect(new Date(put.nextOpensAt!).getUTCHours()).toBe(2);
    expect([2, 4]).toContain(new Date(put.nextOpensAt!).getUTCDay());
    expect(MaintenanceWindowListSchema.parse(await expectJson(await api.windows(reviewer, ds.id))).windows).toEqual(windows);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "maintenance.windows-changed", subjectId: ds.id } });
    expect(audit.detail).toEqual({ before: [], after: windows });

    await expectProblem(await api.putWindows(outsider, ds.id, { windows: [] }), 404);
    expect(await db().maintenanceWindow.count({ where: { datastoreId: ds.id } })).toBe(2);
  });
});

describe("a datastore's maintenance", () => {
  it("shows pending events and the replacement scheduled for them, waiting for a reviewer who approves it once", async () => {
    const ds = await provisionableDatastore({ teamId: team.id, status: "active", tier: 0 });
    const now = new Date();
    const node = await db().fleetNode.create({
      data: {
        datastoreId: ds.id,
        instanceId: `i-${ds.id.slice(-8)}`,
        region: "us-east-1",
        zone: "us-east-1b",
        role: "data",
        groupName: "g-data-b",
        instanceType: "i4i.2xlarge",
        imageId: "ami-1",
        engineVersion: "4.1",
        launchedAt: now,
        state: "running",
        lifecycle: "in-service",
        healthy: true,
        statusCheck: "ok",
        firstSeenAt: now,
        seenAt: now,
      },
    });
    const deadline = new Date(Date.now() + 5 * 86_400_000);
    await db().fleetEvent.create({
      data: {
        nodeId: node.id,
        datastoreId: ds.id,
        eventId: "instance-event-1",
        code: "instance-retirement",
        description: "retiring",
        deadline,
        notBefore: deadline,
        firstSeenAt: now,
      },
    });
    const [opId] = (await scheduleMaintenance()).scheduled;

    const overview = MaintenanceOverviewSchema.parse(await expectJson(await api.overview(member, ds.id)));
    expect(overview.events).toEqual([
      expect.objectContaining({ instanceId: node.instanceId, code: "instance-retirement", deadline: deadline.toISOString(), operationId: opId }),
    ]);
    expect(overview.replacements).toEqual([
      expect.objectContaining({
        operationId: opId,
        status: "queued",
        approvalRequired: true,
        waiting: "waiting for a reviewer's approval",
        steps: [expect.objectContaining({ instanceId: node.instanceId, status: "pending" })],
      }),
    ]);
    expect(overview).toMatchObject({ canEdit: true, canApprove: false });
    expect(MaintenanceOverviewSchema.parse(await expectJson(await api.overview(reviewer, ds.id))).canApprove).toBe(true);

    const asMember = OperationSchema.parse(await expectJson(await prov.get(member, opId!)));
    expect(asMember.actions.approve).toMatchObject({ allowed: false, code: "forbidden" });
    await expectProblem(await prov.approve(member, opId!), 403);
    const approved = OperationSchema.parse(await expectJson(await prov.approve(reviewer, opId!)));
    expect(approved).toMatchObject({ approvedBy: "token:Rey Reviewer-test", approvedAt: expect.any(String), waiting: null });
    expect((await expectProblem(await prov.approve(reviewer, opId!), 409)).detail).toMatch(/was approved by/);
  });
});

describe("a team's policy", () => {
  it("is changed by the team's admins only, with a validated topic ARN, audited", async () => {
    await expectProblem(await api.patchTeam(member, team.id, { autoMaintenance: true }), 403);
    await expectProblem(await api.patchTeam(reviewer, team.id, { autoMaintenance: true }), 403);
    await expectProblem(await api.patchTeam(outsider, team.id, { autoMaintenance: true }), 404);
    const bad = await expectProblem(await api.patchTeam(teamAdmin, team.id, { warningTopicArn: "arn:aws:s3:::bucket" }), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["warningTopicArn"]);
    await expectProblem(await api.patchTeam(teamAdmin, team.id, {}), 422);
    expect(await db().team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ autoMaintenance: false, warningTopicArn: null });

    const arn = "arn:aws:sns:us-east-1:123456789012:viewing-warnings";
    const updated = TeamSchema.parse(await expectJson(await api.patchTeam(teamAdmin, team.id, { autoMaintenance: true, warningTopicArn: arn })));
    expect(updated).toMatchObject({ autoMaintenance: true, warningTopicArn: arn });
    const cleared = TeamSchema.parse(await expectJson(await api.patchTeam(teamAdmin, team.id, { warningTopicArn: null })));
    expect(cleared).toMatchObject({ autoMaintenance: true, warningTopicArn: null });
    const audits = await db().auditEvent.findMany({ where: { action: "team.policy-changed", subjectId: team.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(audits.map((a) => a.detail)).toEqual([
      {
        before: { autoMaintenance: false, warningTopicArn: null, upgradeEarly: false },
        after: { autoMaintenance: true, warningTopicArn: arn, upgradeEarly: false },
      },
      {
        before: { autoMaintenance: true, warningTopicArn: arn, upgradeEarly: false },
        after: { autoMaintenance: true, warningTopicArn: null, upgradeEarly: false },
      },
    ]);
  });
});
