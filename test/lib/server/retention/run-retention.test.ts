// Retention keeps the database the size of the fleet: the full event log of each datastore's newest operations for a
// month, status events and summaries of older ones; idempotency keys for 24 hours; rate-limit windows, sessions and
// verification tokens until they are over. The audit log is never touched. The worker runs it.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { appendEvents } from "@/lib/server/provisioning/operation-rows";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { RETENTION, runRetention } from "@/lib/server/retention/run-retention";
import type { OperationEventData, OperationStatus } from "@/lib/schemas/operation";
import { GET as operationRoute } from "@/app/api/v1/operations/[id]/route";
import { OperationSchema } from "@/lib/schemas/operation";
import { jsonRequest, makePerson, makeTeam } from "../../../support/actors";
import { eventsOf, provisionableDatastore, queue, simulatedEngine, tempDir, waitFor } from "../../../support/provisioning";

const HOUR = 3_600_000;

const resource = (i: number) => ({
  urn: `urn:pulumi:s::datastores::aws:ec2/launchTemplate:LaunchTemplate::r${i}`,
  type: "aws:ec2/launchTemplate:LaunchTemplate",
  name: `r${i}`,
  op: "create" as const,
  region: "us-east-1",
});

/** An operation that ran: queued, running, a started event, two resource steps, a summary, and its end. */
async function ranOperation(datastoreId: string, createdAt: Date, status: OperationStatus = "succeeded") {
  const op = await queue(datastoreId, "preview", "provision");
  const engine: OperationEventData[] = [
    { type: "status", status: "running" },
    { type: "started", kind: "preview" },
    { type: "resource-pre", resource: resource(1) },
    { type: "resource-done", resource: resource(1) },
    { type: "diagnostic", severity: "info", message: "planning" },
    { type: "summary", changes: { create: 1 }, durationMs: 5 },
  ];
  await db().$transaction(async (tx) => {
    await appendEvents(tx, op.id, [...engine, ...(status === "queued" ? [] : [{ type: "status" as const, status, message: "Previewed: 1 to create." }])]);
  });
  await db().operation.update({
    where: { id: op.id },
    data: { status, createdAt, summary: { create: 1 }, ...(status === "queued" ? {} : { finishedAt: createdAt }) },
  });
  return op.id;
}

let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop({ graceMs: 0 });
  worker = undefined;
});

describe("operation events", () => {
  it(`keep every event of a datastore's newest ${RETENTION.fullLogOperations} operations, and only the status events of older finished ones`, async () => {
    const store = await provisionableDatastore();
    const other = await provisionableDatastore();
    const t0 = Date.UTC(2026, 0, 1);
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) ids.push(await ranOperation(store.id, new Date(t0 + i * HOUR)));
    // Stuck in the queue since before all of them: it keeps its log whatever its age.
    const stuck = await ranOperation(store.id, new Date(t0 - HOUR), "queued");
    const otherIds: string[] = [];
    for (let i = 0; i < 3; i++) otherIds.push(await ranOperation(other.id, new Date(t0 + i * HOUR)));
    const audit = await db().auditEvent.count();

    const result = await runRetention({ now: new Date(t0 + 24 * HOUR) });
    // 14 operations on the datastore: the 10 newest are kept whole; of the other 4, the 3 finished ones are pruned.
    expect(result.prunedOperations).toBe(3);
    expect(result.deletedEvents).toBe(3 * 5);
    for (const id of ids.slice(0, 3)) {
      const events = await eventsOf(id);
      expect(events.map((e) => e.data.type)).toEqual(["status", "status", "status"]);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 8]);
      expect(events.at(-1)?.data).toMatchObject({ status: "succeeded", message: "Previewed: 1 to create." });
      const op = await db().operation.findUniqueOrThrow({ where: { id } });
      expect(op.eventsPrunedAt).toEqual(new Date(t0 + 24 * HOUR));
      expect(op.summary).toEqual({ create: 1 });
    }
    for (const id of [...ids.slice(3), stuck, ...otherIds]) expect((await eventsOf(id)).length, id).toBeGreaterThan(3);
    expect(await db().operation.count({ where: { eventsPrunedAt: { not: null } } })).toBe(3);
    expect(await db().auditEvent.count()).toBe(audit);

    // Nothing left to do: a second run (another worker's, say) changes nothing.
    expect(await runRetention({ now: new Date(t0 + 25 * HOUR) })).toMatchObject({ prunedOperations: 0, deletedEvents: 0 });
  });

  it("works through more old operations than one batch", async () => {
    const store = await provisionableDatastore();
    const t0 = Date.UTC(2026, 1, 1);
    for (let i = 0; i < 9; i++) await ranOperation(store.id, new Date(t0 + i * HOUR));
    const result = await runRetention({ now: new Date(t0 + 24 * HOUR), fullLogOperations: 2, batch: 3 });
    expect(result.prunedOperations).toBeGreaterThanOrEqual(7);
    expect(await db().operation.count({ where: { datastoreId: store.id, eventsPrunedAt: { not: null } } })).toBe(7);
    expect(await db().operation.count({ where: { datastoreId: store.id, eventsPrunedAt: null } })).toBe(2);
  });
});

describe("old operations", () => {
  it(`lose their engine events ${RETENTION.fullLogDays} days after they finished, even among the newest, and say so`, async () => {
    const team = await makeTeam();
    const owner = await makePerson(team.id, "member");
    const store = await provisionableDatastore({ teamId: team.id });
    const now = new Date(Date.UTC(2026, 5, 1));
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
    const old = await ranOperation(store.id, daysAgo(RETENTION.fullLogDays + 1));
    const recent = await ranOperation(store.id, daysAgo(RETENTION.fullLogDays - 1));
    const result = await runRetention({ now });
    expect(result.prunedOperations).toBeGreaterThanOrEqual(1);
    expect((await eventsOf(old)).map((e) => e.data.type)).toEqual(["status", "status", "status"]);
    expect((await eventsOf(recent)).length).toBe(8);
    // The operation tells its readers when its log was cut, so a short log is not mistaken for a short run.
    const read = async (id: string) =>
      OperationSchema.parse(await (await operationRoute(jsonRequest("GET", `/api/v1/operations/${id}`, owner), { params: Promise.resolve({ id }) })).json());
    expect((await read(old)).eventsPrunedAt).toBe(now.toISOString());
    expect((await read(old)).summary).toEqual({ create: 1 });
    expect((await read(recent)).eventsPrunedAt).toBeNull();
  });
});

describe("short-lived records", () => {
  it("deletes idempotency records after 24 hours, rate-limit windows an hour after their last request, expired sessions and verifications", async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const person = await makePerson((await makeTeam()).id, "member");
    const record = (key: string, createdAt: Date) =>
      db().idempotencyRecord.create({ data: { scope: person.userId, key, requestHash: "h", status: 201, body: {}, createdAt } });
    await record("old", ago(25 * HOUR));
    await record("fresh", ago(23 * HOUR));
    const window = (key: string, at: Date) => db().rateLimit.create({ data: { id: key, key, count: 3, lastRequest: BigInt(at.getTime()) } });
    await window(`old-${randomUUID()}`, ago(2 * HOUR));
    const fresh = await window(`fresh-${randomUUID()}`, ago(10 * 60_000));
    const session = (expiresAt: Date) => db().session.create({ data: { id: randomUUID(), token: randomUUID(), userId: person.userId, expiresAt } });
    await session(ago(60_000));
    const live = await session(new Date(now.getTime() + HOUR));
    await db().verification.create({ data: { id: randomUUID(), identifier: "oidc-state", value: "v", expiresAt: ago(60_000) } });

    const result = await runRetention({ now });
    expect(result).toMatchObject({ idempotencyRecords: 1, rateLimits: 1, sessions: 1, verifications: 1 });
    expect((await db().idempotencyRecord.findMany({ where: { scope: person.userId } })).map((r) => r.key)).toEqual(["fresh"]);
    expect(await db().rateLimit.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect((await db().session.findMany({ where: { userId: person.userId } })).map((s) => s.id)).toEqual([live.id]);
  });
});

describe("webhook deliveries", () => {
  it(`go ${RETENTION.webhookDeliveryDays} days after they were queued once delivered or failed for good; pending ones stay`, async () => {
    const team = await makeTeam();
    const hook = await db().webhookSubscription.create({
      data: { teamId: team.id, url: "https://203.0.113.7/hook", events: ["request.submitted"], secretCipher: "x", secretPrefix: "whsec_x", createdBy: "test" },
    });
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
    const delivery = (status: string, createdAt: Date) =>
      db().webhookDelivery.create({
        data: { subscriptionId: hook.id, eventType: "request.submitted", webhookId: `msg_${randomUUID()}`, payload: "{}", status, createdAt },
        select: { id: true },
      });
    const oldDelivered = await delivery("delivered", daysAgo(RETENTION.webhookDeliveryDays + 1));
    const oldFailed = await delivery("failed", daysAgo(RETENTION.webhookDeliveryDays + 5));
    const oldPending = await delivery("pending", daysAgo(RETENTION.webhookDeliveryDays + 5));
    const recent = await delivery("delivered", daysAgo(RETENTION.webhookDeliveryDays - 1));

    const result = await runRetention({ now, batch: 1 });
    expect(result.webhookDeliveries).toBe(2);
    const left = await db().webhookDelivery.findMany({ where: { subscriptionId: hook.id }, select: { id: true } });
    expect(left.map((d) => d.id).sort()).toEqual([oldPending.id, recent.id].sort());
    expect([oldDelivered.id, oldFailed.id].some((id) => left.some((d) => d.id === id))).toBe(false);
    expect((await runRetention({ now })).webhookDeliveries).toBe(0);
  });
});

describe("the worker", () => {
  it("runs retention when it starts", async () => {
    const store = await provisionableDatastore();
    const t0 = Date.now() - 24 * HOUR;
    const ids: string[] = [];
    for (let i = 0; i < RETENTION.fullLogOperations + 1; i++) ids.push(await ranOperation(store.id, new Date(t0 + i * 60_000)));
    const dataDir = tempDir();
    worker = startWorker({ engine: await simulatedEngine(dataDir, 1), dataDir, pollMs: 20 });
    const oldest = ids[0] ?? "";
    await waitFor(
      "the oldest operation's engine events to be pruned",
      async () => (await db().operation.findUniqueOrThrow({ where: { id: oldest } })).eventsPrunedAt !== null,
    );
    expect((await eventsOf(oldest)).every((e) => e.data.type === "status")).toBe(true);
    expect((await eventsOf(ids[1] ?? "")).length).toBeGreaterThan(3);
  });
});
