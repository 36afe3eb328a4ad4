// Every event is emitted where its transition really happens, into the outbox: reviews (changes requested, rejected),
// threshold edits, changes awaiting a reviewer, and what the worker's operations do to a datastore (active, failed,
// drifted, decommissioned; operation succeeded or failed). The engine is the simulated one, with drift and a failure
// scripted at its edge (a drift check that finds a change, an up the cloud refuses).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putThresholds } from "@/app/api/v1/datastores/[id]/thresholds/route";
import { db } from "@/lib/server/db/client";
import { EngineError, type ProvisioningEngine } from "@/lib/server/provisioning/engine-contract";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { WEBHOOK_EVENTS, WebhookWithSecretSchema } from "@/lib/schemas/webhook";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { CASSANDRA_THRESHOLDS } from "../support/datastores";
import { provisionableDatastore, queue, settled, simulatedEngine, storeOrgSettings, tempDir } from "../support/provisioning";
import { api, json, makeWorld, submitted } from "../support/requests";
import { prov } from "./provisioning-support";
import { expectJson } from "./support";
import { hooks } from "./webhooks-support";

let w: Awaited<ReturnType<typeof makeWorld>>;
let worker: Worker;
/** Datastores whose next up the "cloud" refuses. */
const failUps = new Set<string>();

beforeAll(async () => {
  w = await makeWorld();
  await storeOrgSettings();
  const dataDir = tempDir();
  const base = await simulatedEngine(dataDir, 1);
  const engine: ProvisioningEngine = {
    kind: base.kind,
    status: () => base.status(),
    cancel: (t) => base.cancel(t),
    outputs: (t) => base.outputs(t),
    async run(run) {
      const op = await db().operation.findUniqueOrThrow({ where: { id: run.operationId }, select: { datastoreId: true } });
      if (run.kind === "up" && failUps.has(op.datastoreId)) throw new EngineError({ code: "engine", message: "the cloud refused the launch template" });
      if (run.kind === "refresh" && op.datastoreId === driftingId) return { summary: { same: 5, update: 1 }, changes: [], outputs: null };
      return base.run(run);
    },
  };
  setEngineForTests(engine);
  // No delivery loop here: the outbox rows are what this file is about (delivery is webhooks-delivery.test.ts's).
  worker = startWorker({ engine, dataDir, pollMs: 20, leaseMs: 10_000, retentionEveryMs: 0, webhooks: false });
  await json(await hooks.create(w.member, { teamId: w.team.id, url: "https://203.0.113.9/all", events: [...WEBHOOK_EVENTS] }), 201);
});
afterAll(async () => {
  await worker.stop({ graceMs: 0 });
  setEngineForTests(null);
});
let driftingId = "";

/** The event types queued for the team's subscription whose payload names `id`, in the order they were written. */
async function eventsAbout(id: string): Promise<string[]> {
  const rows = await db().webhookDelivery.findMany({ where: { payload: { contains: id } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((r) => r.eventType);
}

describe("events at the real transition points", () => {
  it("request.changes_requested and request.rejected come from the reviewer's decisions", async () => {
    const a = await submitted(w.member, w.team.id, "vh-evt-changes");
    await json(await api.decide(w.reviewer, a.id, { decision: "changes-requested", comment: "Fewer regions." }), 200);
    const b = await submitted(w.member, w.team.id, "vh-evt-rejected");
    await json(await api.decide(w.reviewer, b.id, { decision: "rejected", comment: "Not needed." }), 200);
    expect(await eventsAbout(a.id)).toEqual(["request.submitted", "request.changes_requested"]);
    expect(await eventsAbout(b.id)).toEqual(["request.submitted", "request.rejected"]);
  });

  it("threshold.changed comes with the new thresholds when an owner edits them", async () => {
    const ds = await provisionableDatastore({ teamId: w.team.id, status: "active" });
    const edited = CASSANDRA_THRESHOLDS.map((t) => ({ ...t, critical: t.critical + 1 }));
    const res = await putThresholds(jsonRequest("PUT", `/api/v1/datastores/${ds.id}/thresholds`, w.member, { thresholds: edited }, { "if-match": '"v1"' }), {
      params: Promise.resolve({ id: ds.id }),
    });
    await expectJson(res);
    expect(await eventsAbout(ds.id)).toEqual(["threshold.changed"]);
    const row = await db().webhookDelivery.findFirstOrThrow({ where: { eventType: "threshold.changed", payload: { contains: ds.id } } });
    const payload = JSON.parse(row.payload) as { data: { thresholds: { critical: number }[]; datastore: { id: string } } };
    expect(payload.data.datastore.id).toBe(ds.id);
    expect(payload.data.thresholds.map((t) => t.critical).sort()).toEqual(edited.map((t) => t.critical).sort());
  });

  it("change.awaiting_review comes when a decommission of a tier-1 datastore waits for a reviewer, not when none is needed", async () => {
    const critical = await provisionableDatastore({ teamId: w.team.id, status: "active", tier: 1 });
    await expectJson(await prov.createChange(w.member, critical.id, { kind: "decommission", confirmName: critical.name }), 201);
    expect(await eventsAbout(critical.id)).toEqual(["change.awaiting_review"]);
    const test = await provisionableDatastore({ teamId: w.team.id, status: "active", tier: 3 });
    await expectJson(await prov.createChange(w.member, test.id, { kind: "decommission", confirmName: test.name }), 201);
    expect(await eventsAbout(test.id)).not.toContain("change.awaiting_review");
  });

  it("a provisioning up that succeeds: operation.succeeded and datastore.active; one the cloud refuses: operation.failed and datastore.failed", async () => {
    const good = await provisionableDatastore({ teamId: w.team.id, status: "approved" });
    const bad = await provisionableDatastore({ teamId: w.team.id, status: "approved" });
    failUps.add(bad.id);
    const [okOp, badOp] = [await queue(good.id, "up", "provision"), await queue(bad.id, "up", "provision")];
    expect((await settled(okOp.id)).status).toBe("succeeded");
    expect((await settled(badOp.id)).status).toBe("failed");
    expect(await eventsAbout(good.id)).toEqual(["operation.succeeded", "datastore.active"]);
    expect(await eventsAbout(bad.id)).toEqual(["operation.failed", "datastore.failed"]);
  });

  it("a drift check that finds changes: datastore.drifted; one that finds none: no drift event", async () => {
    const drifting = await provisionableDatastore({ teamId: w.team.id, status: "active" });
    const steady = await provisionableDatastore({ teamId: w.team.id, status: "active" });
    driftingId = drifting.id;
    await settled((await queue(drifting.id, "refresh", "drift")).id);
    await settled((await queue(steady.id, "refresh", "drift")).id);
    expect(await eventsAbout(drifting.id)).toEqual(["operation.succeeded", "datastore.drifted"]);
    expect(await eventsAbout(steady.id)).toEqual(["operation.succeeded"]);
  });

  it("a decommission's destroy: datastore.decommissioned", async () => {
    const ds = await provisionableDatastore({ teamId: w.team.id, status: "active", tier: 3 });
    const c = await json<{ applyOperationId: string | null }>(await prov.createChange(w.member, ds.id, { kind: "decommission", confirmName: ds.name }), 201);
    expect((await settled(c.applyOperationId ?? "")).status).toBe("succeeded");
    expect(await eventsAbout(ds.id)).toEqual(["operation.succeeded", "datastore.decommissioned"]);
  });

  it("another team's transitions reach none of this team's subscriptions", async () => {
    const otherTeam = (await makeTeam()).id;
    const other: TestPerson = await makePerson(otherTeam, "member", "elsewhere");
    const theirs = WebhookWithSecretSchema.parse(
      await json(await hooks.create(other, { teamId: otherTeam, url: "https://203.0.113.9/theirs", events: ["request.submitted"] }), 201),
    );
    const r = await submitted(other, otherTeam, "vh-evt-elsewhere");
    const rows = await db().webhookDelivery.findMany({ where: { payload: { contains: r.id } } });
    expect(rows.map((d) => [d.subscriptionId, d.eventType])).toEqual([[theirs.id, "request.submitted"]]);
  });
});
