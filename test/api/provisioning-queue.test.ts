// Queueing provisioning work through the real handlers: the preview an approval queues, POST …/operations with its
// lifecycle rules (preview first, stale previews, cleanup only after a failure), missing settings, a portal without a
// Pulumi CLI, idempotent retries and bad input. The worker does not run here: operations are settled by hand.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as queueRoute } from "@/app/api/v1/datastores/[id]/operations/route";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { OperationListSchema, OperationSchema, ProvisionerStatusSchema } from "@/lib/schemas/operation";
import { makePerson, makeTeam, type TestPerson } from "../support/actors";
import { CASSANDRA_WITH_CACHE } from "../support/datastores";
import { provisionableDatastore, storeOrgSettings } from "../support/provisioning";
import { api, json, makeWorld, submitted } from "../support/requests";
import { diffOf, engineWithoutCli, prov, settleByHand, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";
import { can } from "../support/actions";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});
beforeEach(async () => {
  await storeOrgSettings();
  await useSimulatedEngine();
});
afterEach(() => setEngineForTests(null));

const opsOf = (datastoreId: string) => db().operation.findMany({ where: { datastoreId }, orderBy: { createdAt: "asc" } });
const ownedDatastore = (opts: Parameters<typeof provisionableDatastore>[0] = {}) => provisionableDatastore({ teamId: w.team.id, ...opts });
const queued = async (p: TestPerson, datastoreId: string, body: unknown, headers: Record<string, string> = {}) =>
  OperationSchema.parse(await expectJson(await prov.queue(p, datastoreId, body, headers), 202));

describe("approving a request", () => {
  it("queues the datastore's first preview as the approver, audited, in the approval's transaction", async () => {
    const s = await submitted(w.member, w.team.id, "vh-prov-approve");
    await json(await api.decide(w.reviewer, s.id, { decision: "approved" }), 200);
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id } });
    const ops = await opsOf(store.id);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: "preview", purpose: "provision", status: "queued", requestedById: w.reviewer.userId, attempt: 1, eventCount: 1 });
    const audit = await db().auditEvent.findMany({ where: { subjectId: store.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["datastore.created", "operation.queued"]);
    expect(audit[1]?.detail).toMatchObject({ operationId: ops[0]?.id, kind: "preview", purpose: "provision" });
  });

  it("queues nothing, and still approves, when a region lacks organisation settings", async () => {
    await db().orgSetting.deleteMany();
    const s = await submitted(w.member, w.team.id, "vh-prov-nosettings");
    const dto = await json(await api.decide(w.reviewer, s.id, { decision: "approved" }), 200);
    expect(dto.status).toBe("approved");
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id } });
    expect(store.status).toBe("approved");
    expect(await opsOf(store.id)).toEqual([]);
    // GET …/operations works; POST names what is missing (both regions of the viewing-history workload).
    expect(OperationListSchema.parse(await expectJson(await prov.list(w.member, store.id))).items).toEqual([]);
    const p = await expectProblem(await prov.queue(w.member, store.id, { kind: "preview" }), 409);
    expect(p.detail).toContain("org.regions.us-east-1");
    expect(p.detail).toContain("org.regions.eu-west-1");
    expect(p.errors?.map((e) => e.field).sort()).toEqual(["org.regions.eu-west-1", "org.regions.us-east-1"]);
  });

  it("approves without asking the engine: no Pulumi CLI does not block an approval", async () => {
    setEngineForTests(engineWithoutCli());
    const s = await submitted(w.member, w.team.id, "vh-prov-nocli");
    await json(await api.decide(w.reviewer, s.id, { decision: "approved" }), 200);
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id } });
    expect((await opsOf(store.id)).map((o) => o.kind)).toEqual(["preview"]);
  });
});

describe("POST /api/v1/datastores/{id}/operations", () => {
  it("queues a preview: 202, Location, the operation with its actions; a retry with the same Idempotency-Key replays it", async () => {
    const ds = await ownedDatastore();
    const headers = { "idempotency-key": `k-${ds.id}` };
    const res = await prov.queue(w.member, ds.id, { kind: "preview" }, headers);
    const dto = OperationSchema.parse(await expectJson(res, 202));
    expect(res.headers.get("location")).toBe(`/api/v1/operations/${dto.id}`);
    expect(dto).toMatchObject({
      datastoreId: ds.id,
      kind: "preview",
      purpose: "provision",
      status: "queued",
      requestedBy: expect.stringMatching(/^token:/),
      attempt: 1,
      progress: { planned: null, done: 0 },
      eventCount: 1,
    });
    expect(can(dto.actions)).toEqual({ cancel: true, retry: false, confirm: false, approve: false });

    const again = await prov.queue(w.member, ds.id, { kind: "preview" }, headers);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/api/v1/operations/${dto.id}`);
    expect(OperationSchema.parse(await expectJson(again, 202)).id).toBe(dto.id);
    expect(await opsOf(ds.id)).toHaveLength(1);
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "refresh" }, headers), 422);
    expect(p.errors?.[0]?.field).toBe("Idempotency-Key");
  });

  it("confirms a succeeded preview with an up whose planned steps are the preview's, then refuses a second up", async () => {
    const ds = await ownedDatastore();
    const preview = await queued(w.member, ds.id, { kind: "preview" });
    await settleByHand(preview.id, "succeeded", diffOf(7));
    const seen = OperationSchema.parse(await expectJson(await prov.get(w.member, preview.id)));
    expect(seen.actions.confirm).toEqual({ allowed: true });
    expect(seen.diff).toHaveLength(7);

    const up = await queued(w.reviewer, ds.id, { kind: "up", previewId: preview.id });
    expect(up).toMatchObject({ kind: "up", purpose: "provision", previewId: preview.id, progress: { planned: 7, done: 0 } });
    // The preview is no longer confirmable while its up is queued; a second up is a conflict naming the first.
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, preview.id))).actions.confirm.allowed).toBe(false);
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: preview.id }), 409);
    expect(p.detail).toContain(up.id);
  });

  it("needs previewId for an up (422 naming it), a preview of this datastore (404) that succeeded (409)", async () => {
    const ds = await ownedDatastore();
    const p1 = await expectProblem(await prov.queue(w.member, ds.id, { kind: "up" }), 422);
    expect(p1.errors).toEqual([{ field: "previewId", message: expect.stringContaining("required") }]);

    const other = await ownedDatastore();
    const foreign = await queued(w.member, other.id, { kind: "preview" });
    await settleByHand(foreign.id, "succeeded");
    await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: foreign.id }), 404);
    await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: "no-such-operation" }), 404);

    const pending = await queued(w.member, ds.id, { kind: "preview" });
    const p2 = await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: pending.id }), 409);
    expect(p2.detail).toContain("queued");
    await settleByHand(pending.id, "failed");
    await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: pending.id }), 409);
    expect((await opsOf(ds.id)).map((o) => o.kind)).toEqual(["preview"]);
  });

  it("refuses a stale preview: the datastore's spec changed since (thresholds edited)", async () => {
    const ds = await ownedDatastore();
    const preview = await queued(w.member, ds.id, { kind: "preview" });
    await settleByHand(preview.id, "succeeded");
    const t = ds.thresholds[0];
    if (!t) throw new Error("fixture has thresholds");
    await db().threshold.update({ where: { id: t.id }, data: { critical: t.critical + 1 } });
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, preview.id))).actions.confirm.allowed).toBe(false);
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "up", previewId: preview.id }), 409);
    expect(p.detail).toMatch(/preview is stale.*preview again/);
  });

  it("answers 503 naming what to install when no Pulumi CLI is on the machine, and queues nothing", async () => {
    setEngineForTests(engineWithoutCli());
    const ds = await ownedDatastore();
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "preview" }), 503);
    expect(p.detail).toMatch(/Install the Pulumi CLI/);
    expect(await opsOf(ds.id)).toEqual([]);
    const status = ProvisionerStatusSchema.parse(await expectJson(await prov.provisioner(w.member)));
    expect(status).toMatchObject({ engine: "pulumi", available: false, version: null });
    expect(status.message).toMatch(/pulumi CLI/i);
  });

  it("reports the simulated provisioner plainly", async () => {
    const status = ProvisionerStatusSchema.parse(await expectJson(await prov.provisioner(w.member)));
    expect(status).toMatchObject({ engine: "simulated", available: true });
    expect(status.message.toLowerCase()).toContain("no cloud resources are created");
  });

  it("answers 409 naming every missing setting: a region without settings, a family without an image", async () => {
    const east = CASSANDRA_WITH_CACHE.filter((c) => c.region === "us-east-1");
    const ds = await ownedDatastore({
      regions: ["us-east-1", "ap-southeast-2"],
      topology: [...east, ...east.map((c) => ({ ...c, region: "ap-southeast-2" }))],
    });
    const p = await expectProblem(await prov.queue(w.member, ds.id, { kind: "preview" }), 409);
    expect(p.errors?.map((e) => e.field)).toEqual(["org.regions.ap-southeast-2"]);
    expect(p.detail).toContain("org.regions.ap-southeast-2");
    const row = await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } });
    const regions = row.regions as Record<string, { imageIds: Record<string, string> }>;
    delete regions["us-east-1"]?.imageIds.evcache;
    await db().orgSetting.update({ where: { id: "org" }, data: { regions } });
    const p2 = await expectProblem(await prov.queue(w.member, ds.id, { kind: "refresh" }), 409);
    expect(p2.detail).toMatch(/active or failed/);
    const p3 = await expectProblem(await prov.queue(w.member, ds.id, { kind: "preview" }), 409);
    expect(p3.errors?.map((e) => e.field).sort()).toEqual(["org.regions.ap-southeast-2", "org.regions.us-east-1.imageIds.evcache"]);
    expect(await opsOf(ds.id)).toEqual([]);
  });

  it("runs a drift check only on an active or failed datastore", async () => {
    const active = await ownedDatastore({ status: "active" });
    expect(await queued(w.member, active.id, { kind: "refresh" })).toMatchObject({ kind: "refresh", purpose: "drift" });
    // A preview of an active datastore shows what differs from the catalog and cannot be confirmed.
    const preview = await queued(w.member, active.id, { kind: "preview" });
    expect(preview.purpose).toBe("drift");
    await settleByHand(preview.id, "succeeded");
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, preview.id))).actions.confirm.allowed).toBe(false);
    await expectProblem(await prov.queue(w.member, active.id, { kind: "up", previewId: preview.id }), 409);
    const approved = await ownedDatastore();
    await expectProblem(await prov.queue(w.member, approved.id, { kind: "refresh" }), 409);
  });

  it("destroys the partial resources of a failed datastore with the name typed; an active one goes through /changes", async () => {
    const failed = await ownedDatastore({ status: "failed" });
    const p1 = await expectProblem(await prov.queue(w.member, failed.id, { kind: "destroy" }), 422);
    expect(p1.errors).toEqual([{ field: "confirmName", message: "must be the datastore's name, typed exactly" }]);
    const p2 = await expectProblem(await prov.queue(w.member, failed.id, { kind: "destroy", confirmName: failed.name.toUpperCase() }), 422);
    expect(p2.errors?.[0]?.field).toBe("confirmName");
    const destroy = await queued(w.member, failed.id, { kind: "destroy", confirmName: failed.name });
    expect(destroy).toMatchObject({ kind: "destroy", purpose: "cleanup" });

    const active = await ownedDatastore({ status: "active" });
    const p3 = await expectProblem(await prov.queue(w.member, active.id, { kind: "destroy", confirmName: active.name }), 409);
    expect(p3.detail).toContain("/changes");
    for (const status of ["decommissioning", "decommissioned"] as const) {
      const gone = await ownedDatastore({ status });
      const p = await expectProblem(await prov.queue(w.member, gone.id, { kind: "preview" }), 409);
      expect(p.detail).toContain(status);
    }
  });

  it("refuses fields that do not belong to the kind, and bad bodies, naming the field; never a 500", async () => {
    const ds = await ownedDatastore();
    const cases: [unknown, string][] = [
      [{ kind: "preview", previewId: "x" }, "previewId"],
      [{ kind: "preview", confirmName: ds.name }, "confirmName"],
      [{ kind: "launch" }, "kind"],
      [{}, "kind"],
      [{ kind: "up", previewId: "" }, "previewId"],
      [{ kind: "preview", extra: 1 }, "extra"],
      [{ kind: "up", previewId: 42 }, "previewId"],
    ];
    for (const [body, field] of cases) {
      const p = await expectProblem(await prov.queue(w.member, ds.id, body), 422);
      expect(
        p.errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const raw = new Request(`http://localhost/api/v1/datastores/${ds.id}/operations`, {
      method: "POST",
      headers: { ...w.member.headers, "content-type": "application/json" },
      body: "{kind:",
    });
    await expectProblem(await queueRoute(raw, { params: Promise.resolve({ id: ds.id }) }), 400);
    await expectProblem(await prov.queue(w.member, ds.id, [1, 2]), 422);
    expect(await opsOf(ds.id)).toEqual([]);
  });

  it("lets owners and reviewers queue; other teams get 404, an unauthenticated caller 401", async () => {
    const ds = await ownedDatastore();
    expect((await queued(w.platformToken, ds.id, { kind: "preview" })).kind).toBe("preview");
    await expectProblem(await prov.queue(w.otherMember, ds.id, { kind: "preview" }), 404);
    await expectProblem(await prov.list(w.otherMember, ds.id), 404);
    await expectProblem(await prov.queue(null, ds.id, { kind: "preview" }), 401);
    await expectProblem(await prov.queue(w.member, "no-such-datastore", { kind: "preview" }), 404);
  });
});

describe("GET /api/v1/datastores/{id}/operations", () => {
  it("lists newest first in keyset pages with actions per operation, and rejects a forged cursor", async () => {
    const team = await makeTeam();
    const owner = await makePerson(team.id, "member");
    const ds = await provisionableDatastore({ teamId: team.id });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const op = await queued(owner, ds.id, { kind: "preview" });
      await settleByHand(op.id, i === 4 ? "succeeded" : "failed");
      ids.push(op.id);
    }
    const first = OperationListSchema.parse(await expectJson(await prov.list(owner, ds.id, "?limit=2")));
    expect(first.items.map((o) => o.id)).toEqual([ids[4], ids[3]]);
    expect(can(first.items[0]!.actions)).toEqual({ cancel: false, retry: false, confirm: true, approve: false });
    expect(can(first.items[1]!.actions)).toEqual({ cancel: false, retry: true, confirm: false, approve: false });
    const second = OperationListSchema.parse(await expectJson(await prov.list(owner, ds.id, `?limit=2&cursor=${first.nextCursor}`)));
    const third = OperationListSchema.parse(await expectJson(await prov.list(owner, ds.id, `?limit=2&cursor=${second.nextCursor}`)));
    expect([...second.items, ...third.items].map((o) => o.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();
    const p = await expectProblem(await prov.list(owner, ds.id, "?cursor=forged!"), 422);
    expect(p.errors?.[0]?.field).toBe("cursor");
    const p2 = await expectProblem(await prov.list(owner, ds.id, "?limit=0&sort=asc"), 422);
    expect(p2.errors?.map((e) => e.field).sort()).toEqual(["limit", "sort"]);
  });
});
