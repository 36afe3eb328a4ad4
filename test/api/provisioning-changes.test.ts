// Day-2 changes and decommissions through the real handlers: re-planning on the server, when a reviewer must approve
// (and never their own change), the preview to confirm, one open change at a time, withdrawing, typed confirmation
// of the name, and tier 0/1 decommissions awaiting a reviewer.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { DatastoreChangeListSchema, DatastoreChangeSchema, type DatastoreChangeDto } from "@/lib/schemas/change";
import { OperationSchema } from "@/lib/schemas/operation";
import type { TestPerson } from "../support/actors";
import { storeOrgSettings } from "../support/provisioning";
import { api, json, makeWorld, workload } from "../support/requests";
import { engineWithoutCli, prov, settleByHand, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem, viewingHistory } from "./support";
import { can } from "../support/actions";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
  await storeOrgSettings();
});
beforeEach(async () => {
  await useSimulatedEngine();
});
afterEach(() => setEngineForTests(null));

let n = 0;
/** A datastore approved from a real request (so its topology is the planner's), then marked active as an up would. */
async function activeDatastore(extra: Record<string, unknown> = {}) {
  n += 1;
  const name = `vh-change-${n}`;
  const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload(name, extra) }), 201);
  await json(await api.submit(w.member, d.id), 200);
  await json(await api.decide(w.reviewer, d.id, { decision: "approved" }), 200);
  const store = await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } });
  // The approval's preview ran; the datastore is provisioned.
  await db().operation.updateMany({ where: { datastoreId: store.id }, data: { status: "succeeded", finishedAt: new Date() } });
  return db().datastore.update({ where: { id: store.id }, data: { status: "active" } });
}

const change = async (p: TestPerson, datastoreId: string, body: unknown, status = 201, headers: Record<string, string> = {}): Promise<DatastoreChangeDto> =>
  DatastoreChangeSchema.parse(await expectJson(await prov.createChange(p, datastoreId, body, headers), status));
const sameWorkload = (name: string, extra: Record<string, unknown> = {}) => ({ kind: "update", workload: workload(name, extra) });

describe("an update (day-2 change)", () => {
  it("of the same workload applies without approval and queues a preview of the (unchanged) spec", async () => {
    const ds = await activeDatastore();
    const c = await change(w.member, ds.id, { ...sameWorkload(ds.name), reason: "re-plan" });
    expect(c).toMatchObject({
      kind: "update",
      status: "approved",
      needsApproval: false,
      approvalReasons: [],
      requestedBy: expect.stringMatching(/^token:/),
      applyOperationId: null,
    });
    expect(c.after).toEqual(c.before);
    expect(c.before).toMatchObject({ regions: ds.regions, annualCost: ds.annualCost });
    const preview = await db().operation.findUniqueOrThrow({ where: { id: c.previewId ?? "" } });
    expect(preview).toMatchObject({ kind: "preview", purpose: "change", changeId: c.id, status: "queued" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: ds.id, action: "change.requested" } });
    expect(audit.detail).toMatchObject({ changeId: c.id, previewId: c.previewId, reason: "re-plan" });
  });

  it("that grows needs a reviewer, with reasons; the requester cannot decide it; the owner confirms the preview after approval", async () => {
    const ds = await activeDatastore();
    const c = await change(w.reviewer, ds.id, sameWorkload(ds.name, { writesPerSecond: 400_000, datasetGiB: 20_000 }));
    expect(c.status).toBe("pending-approval");
    expect(c.needsApproval).toBe(true);
    expect(c.approvalReasons[0]).toMatch(/^the annual cost grows from \$[\d,]+ to \$[\d,]+$/);
    expect(c.after?.annualCost).toBeGreaterThan(c.before.annualCost);
    expect(can(c.actions)).toEqual({ decide: false, cancel: true });

    const p = await expectProblem(await prov.decideChange(w.reviewer, ds.id, c.id, { decision: "approved" }), 403);
    expect(p.detail).toMatch(/asked for yourself/);
    await expectProblem(await prov.decideChange(w.member, ds.id, c.id, { decision: "approved" }), 403);

    // The preview runs while it waits; it cannot be confirmed before the approval.
    const previewId = c.previewId ?? "";
    await settleByHand(previewId, "succeeded");
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, previewId))).actions.confirm.allowed).toBe(false);
    const early = await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId }), 409);
    expect(early.detail).toMatch(/waits for a reviewer's approval/);

    const listed = DatastoreChangeListSchema.parse(await expectJson(await prov.changes(w.platformToken, ds.id)));
    expect(listed.items[0]?.actions.decide.allowed).toBe(true);
    const decided = DatastoreChangeSchema.parse(
      await expectJson(await prov.decideChange(w.platformToken, ds.id, c.id, { decision: "approved", comment: "Capacity is budgeted." })),
    );
    expect(decided).toMatchObject({
      status: "approved",
      decidedBy: `user:${w.platformToken.email}`,
      decisionComment: "Capacity is budgeted.",
      decidedAt: expect.any(String),
      version: 2,
    });
    await expectProblem(await prov.decideChange(w.platformToken, ds.id, c.id, { decision: "rejected", comment: "too late" }), 409);

    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, previewId))).actions.confirm.allowed).toBe(true);
    const up = OperationSchema.parse(await expectJson(await prov.queue(w.member, ds.id, { kind: "up", previewId }), 202));
    expect(up).toMatchObject({ kind: "up", purpose: "change", changeId: c.id, previewId });
    const after = DatastoreChangeListSchema.parse(await expectJson(await prov.changes(w.member, ds.id))).items[0];
    expect(after).toMatchObject({ id: c.id, applyOperationId: up.id, actions: { decide: { allowed: false }, cancel: { allowed: false } } });
  });

  it("that shrinks applies at once", async () => {
    const ds = await activeDatastore();
    const c = await change(w.member, ds.id, sameWorkload(ds.name, { writesPerSecond: 20_000, datasetGiB: 800 }));
    expect(c).toMatchObject({ status: "approved", needsApproval: false, approvalReasons: [] });
    expect(c.after?.annualCost).toBeLessThan(c.before.annualCost);
  });

  it("that adds a region needs a reviewer, naming the region", async () => {
    const ds = await activeDatastore({ regions: ["us-east-1"] });
    const c = await change(w.member, ds.id, sameWorkload(ds.name, { regions: ["us-east-1", "us-west-2"] }));
    expect(c.status).toBe("pending-approval");
    expect(c.approvalReasons).toContain("region us-west-2 is added");
    expect(c.after?.regions).toEqual(["us-east-1", "us-west-2"]);
  });

  it("is one open change at a time; withdrawing one cancels its queued preview and frees the datastore", async () => {
    const ds = await activeDatastore();
    const c = await change(w.member, ds.id, sameWorkload(ds.name, { writesPerSecond: 400_000 }));
    const p = await expectProblem(await prov.createChange(w.member, ds.id, sameWorkload(ds.name)), 409);
    expect(p.detail).toContain(c.id);
    await expectProblem(await prov.createChange(w.member, ds.id, { kind: "decommission", confirmName: ds.name }), 409);

    await expectProblem(await prov.cancelChange(w.otherMember, ds.id, c.id), 404);
    const withdrawn = DatastoreChangeSchema.parse(await expectJson(await prov.cancelChange(w.member2, ds.id, c.id)));
    expect(withdrawn).toMatchObject({ status: "cancelled", actions: { decide: { allowed: false }, cancel: { allowed: false } } });
    expect((await db().operation.findUniqueOrThrow({ where: { id: c.previewId ?? "" } })).status).toBe("cancelled");
    await expectProblem(await prov.cancelChange(w.member, ds.id, c.id), 409);
    await change(w.member, ds.id, sameWorkload(ds.name));
  });

  it("rejected: the reason is required, the queued preview is cancelled", async () => {
    const ds = await activeDatastore();
    const c = await change(w.member, ds.id, sameWorkload(ds.name, { writesPerSecond: 400_000 }));
    const p = await expectProblem(await prov.decideChange(w.reviewer, ds.id, c.id, { decision: "rejected" }), 422);
    expect(p.errors?.[0]?.field).toBe("comment");
    const r = DatastoreChangeSchema.parse(
      await expectJson(await prov.decideChange(w.reviewer, ds.id, c.id, { decision: "rejected", comment: "Not this quarter." })),
    );
    expect(r.status).toBe("rejected");
    expect((await db().operation.findUniqueOrThrow({ where: { id: c.previewId ?? "" } })).status).toBe("cancelled");
  });

  it("is refused for a datastore that is not active (409), a new tier (422), a region without settings (409), and without a Pulumi CLI (503)", async () => {
    const ds = await activeDatastore();
    const tier = await expectProblem(await prov.createChange(w.member, ds.id, sameWorkload(ds.name, { tier: 0 })), 422);
    expect(tier.errors?.[0]?.field).toBe("workload.tier");
    const settings = await expectProblem(
      await prov.createChange(w.member, ds.id, sameWorkload(ds.name, { regions: ["us-east-1", "eu-west-1", "ap-southeast-2"] })),
      409,
    );
    expect(settings.errors?.map((e) => e.field)).toEqual(["org.regions.ap-southeast-2"]);
    setEngineForTests(engineWithoutCli());
    await expectProblem(await prov.createChange(w.member, ds.id, sameWorkload(ds.name)), 503);
    await useSimulatedEngine();
    await db().datastore.update({ where: { id: ds.id }, data: { status: "approved" } });
    const p = await expectProblem(await prov.createChange(w.member, ds.id, sameWorkload(ds.name)), 409);
    expect(p.detail).toContain("approved");
    expect(await db().datastoreChange.count({ where: { datastoreId: ds.id } })).toBe(0);
  });

  it("names bad input (422) and is idempotent with a key", async () => {
    const ds = await activeDatastore();
    const cases: [unknown, string][] = [
      [{ kind: "resize" }, "kind"],
      [{ kind: "update", workload: { ...viewingHistory, readsPerSecond: -1 } }, "workload.readsPerSecond"],
      [{ kind: "update" }, "workload"],
      [{ kind: "decommission" }, "confirmName"],
      [{ kind: "update", workload: viewingHistory, reason: "" }, "reason"],
    ];
    for (const [body, field] of cases) {
      const p = await expectProblem(await prov.createChange(w.member, ds.id, body), 422);
      expect(
        p.errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const headers = { "idempotency-key": `change-${ds.id}` };
    const first = await change(w.member, ds.id, sameWorkload(ds.name), 201, headers);
    const replay = await prov.createChange(w.member, ds.id, sameWorkload(ds.name), headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(DatastoreChangeSchema.parse(await expectJson(replay, 201)).id).toBe(first.id);
    expect(await db().datastoreChange.count({ where: { datastoreId: ds.id } })).toBe(1);
    await expectProblem(await prov.createChange(w.otherMember, ds.id, sameWorkload(ds.name)), 404);
    // Reviewers of other teams see the datastore but only its team may ask for changes.
    await expectProblem(await prov.createChange(w.platformToken, ds.id, { kind: "decommission", confirmName: ds.name }), 403);
  });
});

describe("a decommission", () => {
  it("needs the name typed exactly (422) and changes nothing otherwise", async () => {
    const ds = await activeDatastore();
    for (const confirmName of [ds.name.toUpperCase(), ` ${ds.name}`, ""]) {
      const p = await expectProblem(await prov.createChange(w.member, ds.id, { kind: "decommission", confirmName }), 422);
      expect(p.errors).toEqual([{ field: "confirmName", message: "must be the datastore's name, typed exactly" }]);
    }
    expect(await db().datastoreChange.count({ where: { datastoreId: ds.id } })).toBe(0);
  });

  it("of a tier 1 datastore waits for another reviewer, whose approval queues the destroy", async () => {
    const ds = await activeDatastore();
    const c = await change(w.reviewer, ds.id, { kind: "decommission", confirmName: ds.name, reason: "Replaced by viewing-history-v2." });
    expect(c).toMatchObject({
      kind: "decommission",
      status: "pending-approval",
      needsApproval: true,
      approvalReasons: ["tier 1 datastores need a reviewer's approval to decommission"],
      after: null,
      workload: null,
      applyOperationId: null,
    });
    expect(await db().operation.count({ where: { changeId: c.id } })).toBe(0);
    await expectProblem(await prov.decideChange(w.reviewer, ds.id, c.id, { decision: "approved" }), 403);

    setEngineForTests(engineWithoutCli());
    await expectProblem(await prov.decideChange(w.platformToken, ds.id, c.id, { decision: "approved" }), 503);
    await useSimulatedEngine();
    const approved = DatastoreChangeSchema.parse(await expectJson(await prov.decideChange(w.platformToken, ds.id, c.id, { decision: "approved" })));
    expect(approved.status).toBe("approved");
    const destroy = await db().operation.findUniqueOrThrow({ where: { id: approved.applyOperationId ?? "" } });
    expect(destroy).toMatchObject({ kind: "destroy", purpose: "decommission", changeId: c.id, status: "queued", requestedById: w.platformToken.userId });
  });

  it("of a tier 2 datastore queues the destroy at once", async () => {
    const ds = await activeDatastore({ tier: 2 });
    const c = await change(w.member, ds.id, { kind: "decommission", confirmName: ds.name });
    expect(c).toMatchObject({ status: "approved", needsApproval: false, approvalReasons: [] });
    expect(await db().operation.findUniqueOrThrow({ where: { id: c.applyOperationId ?? "" } })).toMatchObject({ kind: "destroy", purpose: "decommission" });
    // A cleanup destroy cannot jump in while the decommission is queued.
    await db().datastore.update({ where: { id: ds.id }, data: { status: "failed" } });
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "destroy", confirmName: ds.name }), 409);
    expect(p.detail).toContain(c.applyOperationId ?? "");
  });

  it("of a datastore never provisioned retires it at once: no destroy, no provisioner needed, its queued preview cancelled", async () => {
    const ds = await activeDatastore({ tier: 3 });
    await db().datastore.update({ where: { id: ds.id }, data: { status: "approved" } });
    const preview = await db().operation.create({
      data: { datastoreId: ds.id, kind: "preview", purpose: "provision", status: "queued", requestedBy: "system", spec: {}, specHash: "x" },
    });
    setEngineForTests(engineWithoutCli());
    const c = await change(w.member, ds.id, { kind: "decommission", confirmName: ds.name });
    expect(c).toMatchObject({ status: "applied", applyOperationId: null });
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ status: "decommissioned", decommissionedAt: expect.any(Date) });
    expect(await db().operation.findUniqueOrThrow({ where: { id: preview.id } })).toMatchObject({ status: "cancelled" });
    expect(await db().operation.count({ where: { datastoreId: ds.id, kind: "destroy" } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: ds.id, action: "datastore.decommissioned" } });
    expect(audit.detail).toMatchObject({ withoutDestroy: true, cancelledOperations: [preview.id] });
  });

  it("of a tier 1 datastore never provisioned waits for a reviewer, whose approval retires it", async () => {
    const ds = await activeDatastore();
    await db().datastore.update({ where: { id: ds.id }, data: { status: "approved" } });
    const c = await change(w.member, ds.id, { kind: "decommission", confirmName: ds.name });
    expect(c.status).toBe("pending-approval");
    expect((await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).status).toBe("approved");
    const approved = DatastoreChangeSchema.parse(await expectJson(await prov.decideChange(w.platformToken, ds.id, c.id, { decision: "approved" })));
    expect(approved).toMatchObject({ status: "applied", applyOperationId: null });
    expect((await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).status).toBe("decommissioned");
  });
});
