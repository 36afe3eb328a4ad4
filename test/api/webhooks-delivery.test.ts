// Delivering webhooks through the worker to a REAL receiver on 127.0.0.1 (private targets are allowed explicitly in
// this file, as an administrator would with WEBHOOK_ALLOW_PRIVATE=1): signatures verify, failed attempts (503) are
// retried under the same webhook-id until one succeeds, the log rows say what happened, a subscription that keeps
// failing is disabled with a notice, a delivery whose worker died is delivered by another, redirects are not
// followed, an attempt has a deadline, and the guard refuses loopback at delivery time when private is not allowed.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { RESPONSE_EXCERPT_BYTES, sendWebhook } from "@/lib/server/webhooks/send-webhook";
import { WebhookDeliveryListSchema, WebhookDeliverySchema, WebhookSchema, WebhookWithSecretSchema, type WebhookDeliveryDto } from "@/lib/schemas/webhook";
import { makePerson, makeTeam, type TestPerson } from "../support/actors";
import { waitFor } from "../support/provisioning";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { useSimulatedEngine } from "./provisioning-support";
import { expectJson } from "./support";
import { hooks } from "./webhooks-support";

const FAILURE_LIMIT = 4;
let receiver: Receiver;
let worker: Worker;
let member: TestPerson;
let teamId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  teamId = (await makeTeam()).id;
  member = await makePerson(teamId, "member", "hook-owner");
  const { engine, dataDir } = await useSimulatedEngine(1);
  // Retries after 40 ms instead of 5 s and up: the schedule itself is backoff.test.ts's.
  worker = startWorker({
    engine,
    dataDir,
    pollMs: 20,
    leaseMs: 10_000,
    retentionEveryMs: 0,
    webhooks: { pollMs: 20, retryDelayMs: () => 40, timeoutMs: 1500, failureLimit: FAILURE_LIMIT },
  });
});
afterAll(async () => {
  await worker.stop({ graceMs: 0 });
  setEngineForTests(null);
  await receiver.close();
});

async function subscribe(path: string, events: string[] = ["request.submitted"]) {
  const created = WebhookWithSecretSchema.parse(await expectJson(await hooks.create(member, { teamId, url: receiver.url(path), events }), 201));
  receiver.secretFor(path, created.secret);
  return created;
}

const deliveryRow = async (hookId: string, deliveryId: string): Promise<WebhookDeliveryDto> => {
  const log = WebhookDeliveryListSchema.parse(await expectJson(await hooks.deliveries(member, hookId)));
  const row = log.items.find((d) => d.id === deliveryId);
  if (!row) throw new Error(`delivery ${deliveryId} is not in the log`);
  return row;
};

const until = (hookId: string, deliveryId: string, done: (d: WebhookDeliveryDto) => boolean, what: string) =>
  waitFor(what, async () => {
    const d = await deliveryRow(hookId, deliveryId);
    return done(d) ? d : undefined;
  });

describe("delivery through the worker", () => {
  it("retries a failing receiver (503, 503) under the same webhook-id until it answers 200, every attempt signed", async () => {
    const path = "/flaky";
    receiver.script(path, [
      { status: 503, body: "busy" },
      { status: 503, body: "still busy" },
      { status: 200, body: "thanks" },
    ]);
    const hook = await subscribe(path);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(member, hook.id), 202));
    const done = await until(hook.id, ping.id, (d) => d.status === "delivered", "the delivery to succeed");

    const got = receiver.received(path);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([ping.webhookId]));
    for (const r of got) {
      expect(r.verified).toEqual(JSON.parse(ping.payload));
      expect(r.body).toBe(ping.payload);
      expect(r.headers["content-type"]).toBe("application/json");
    }
    expect(done).toMatchObject({ attempts: 3, lastStatusCode: 200, responseExcerpt: "thanks", lastError: null, nextAttemptAt: null });
    expect(done.deliveredAt).not.toBeNull();
    expect(done.lastLatencyMs).toBeGreaterThanOrEqual(0);
    // Two failures, then a success: the count of failures in a row is back to 0.
    const sub = WebhookSchema.parse(await expectJson(await hooks.get(member, hook.id)));
    expect(sub).toMatchObject({ enabled: true, failureCount: 0 });
  });

  it("records each failed attempt in the log row: status code, error, excerpt, the next attempt", async () => {
    const path = "/down-then-up";
    receiver.script(path, [{ status: 500, body: "boom" }, "hang"]);
    const hook = await subscribe(path);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(member, hook.id), 202));
    const failedOnce = await until(hook.id, ping.id, (d) => d.attempts >= 1 && d.lastStatusCode === 500, "the first attempt to fail");
    expect(failedOnce.lastError).toBe("answered 500");
    expect(failedOnce.responseExcerpt).toBe("boom");
    expect(failedOnce.nextAttemptAt).not.toBeNull();
    // The second attempt hangs: it fails at the deadline.
    const timedOut = await until(hook.id, ping.id, (d) => d.lastError?.startsWith("timed out") ?? false, "an attempt to time out");
    expect(timedOut.lastStatusCode).toBeNull();
    expect(timedOut.lastLatencyMs).toBeGreaterThanOrEqual(1400);
    await expectJson(await hooks.delete(member, hook.id));
  });

  it(`disables a subscription after ${FAILURE_LIMIT} failed attempts in a row, with an audit notice, and sends no more`, async () => {
    const path = "/always-down";
    receiver.script(path, [{ status: 503, body: "down" }]);
    const hook = await subscribe(path);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(member, hook.id), 202));
    const sub = await waitFor("the subscription to be disabled", async () => {
      const s = WebhookSchema.parse(await expectJson(await hooks.get(member, hook.id)));
      return s.enabled ? undefined : s;
    });
    expect(sub).toMatchObject({ enabled: false, disabledReason: "failures", failureCount: FAILURE_LIMIT });
    const notice = await db().auditEvent.findFirstOrThrow({ where: { subjectType: "webhook", subjectId: hook.id, action: "webhook.disabled" } });
    expect(notice.actor).toBe("system");
    expect(notice.detail).toMatchObject({ reason: "failures", failureCount: FAILURE_LIMIT, lastError: "answered 503" });
    // Nothing more goes out: the waiting delivery stays pending until someone enables the subscription.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received(path)).toHaveLength(FAILURE_LIMIT);
    expect(await deliveryRow(hook.id, ping.id)).toMatchObject({ status: "pending", attempts: FAILURE_LIMIT });

    // Enabled again (the receiver is back): the waiting delivery goes out, same webhook-id.
    receiver.script(path, [{ status: 204 }]);
    await expectJson(await hooks.patch(member, hook.id, { enabled: true }));
    const done = await until(hook.id, ping.id, (d) => d.status === "delivered", "the waiting delivery to go out");
    expect(done.attempts).toBe(FAILURE_LIMIT + 1);
    expect(new Set(receiver.received(path).map((r) => r.headers["webhook-id"]))).toEqual(new Set([ping.webhookId]));
  });

  it("gives a delivery up after its last attempt (failed), and a redelivery sends it again under the same webhook-id", async () => {
    const path = "/gives-up";
    receiver.script(path, [{ status: 500 }]);
    const hook = await subscribe(path);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(member, hook.id), 202));
    // One attempt left: the delivery is given up at its first failure.
    await db().webhookDelivery.update({ where: { id: ping.id }, data: { attempts: ping.maxAttempts - 1 } });
    const failed = await until(hook.id, ping.id, (d) => d.status === "failed", "the delivery to be given up");
    expect(failed).toMatchObject({ attempts: ping.maxAttempts, nextAttemptAt: null, lastStatusCode: 500 });
    receiver.script(path, [{ status: 200, body: "ok" }]);
    const again = WebhookDeliverySchema.parse(await expectJson(await hooks.redeliver(member, hook.id, ping.id), 202));
    const done = await until(hook.id, again.id, (d) => d.status === "delivered", "the redelivery to succeed");
    expect(done.attempts).toBe(1);
    const last = receiver.received(path).at(-1);
    expect(last?.headers["webhook-id"]).toBe(ping.webhookId);
    expect(last?.verified).toEqual(JSON.parse(ping.payload));
  });

  it("delivers a delivery whose worker died mid-attempt (its lease expired): at least once, the same webhook-id", async () => {
    const path = "/after-crash";
    const hook = await subscribe(path);
    const orphan = await db().webhookDelivery.create({
      data: {
        subscriptionId: hook.id,
        eventType: "webhook.ping",
        webhookId: "msg_orphaned",
        payload: JSON.stringify({ type: "webhook.ping", timestamp: new Date().toISOString(), data: {} }),
        status: "delivering",
        attempts: 1,
        leaseOwner: "a-worker-that-died",
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    const done = await until(hook.id, orphan.id, (d) => d.status === "delivered", "the orphaned delivery to go out");
    expect(done.attempts).toBe(2);
    const [got] = receiver.received(path);
    expect(got?.headers["webhook-id"]).toBe("msg_orphaned");
    expect(got?.verified).not.toBeNull();
  });

  it("does not take over a delivery whose lease is still held", async () => {
    const path = "/leased";
    const hook = await subscribe(path);
    const held = await db().webhookDelivery.create({
      data: {
        subscriptionId: hook.id,
        eventType: "webhook.ping",
        webhookId: "msg_held",
        payload: "{}",
        status: "delivering",
        attempts: 1,
        leaseOwner: "a-live-worker",
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received(path)).toHaveLength(0);
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "delivering", leaseOwner: "a-live-worker" });
  });

  it("does not follow a redirect (a 3xx fails the attempt), and keeps at most 1 KiB of an answer", async () => {
    receiver.script("/moved", [{ status: 302, headers: { location: receiver.url("/elsewhere") } }]);
    const moved = await sendWebhook({ url: receiver.url("/moved"), headers: {}, body: "{}", timeoutMs: 2000, policy: { allowPrivate: true } });
    expect(moved).toMatchObject({ ok: false, statusCode: 302, error: "answered 302 (redirects are not followed)" });
    expect(receiver.received("/elsewhere")).toHaveLength(0);
    receiver.script("/chatty", [{ status: 200, body: "x".repeat(50_000) }]);
    const chatty = await sendWebhook({ url: receiver.url("/chatty"), headers: {}, body: "{}", timeoutMs: 2000, policy: { allowPrivate: true } });
    expect(chatty.ok).toBe(true);
    expect(chatty.responseExcerpt).toHaveLength(RESPONSE_EXCERPT_BYTES);
  });

  it("connects to a host name through the guard's own lookup (the address it checked) when the policy allows it", async () => {
    const port = new URL(receiver.url("/")).port;
    receiver.script("/by-name", [{ status: 200, body: "named" }]);
    const result = await sendWebhook({ url: `http://localhost:${port}/by-name`, headers: {}, body: "{}", timeoutMs: 2000, policy: { allowPrivate: true } });
    expect(result).toMatchObject({ ok: true, statusCode: 200, responseExcerpt: "named" });
    expect(receiver.received("/by-name")).toHaveLength(1);
  });

  it("refuses loopback at delivery time when private targets are not allowed, before anything is sent", async () => {
    const port = new URL(receiver.url("/")).port;
    for (const url of [`https://127.0.0.1:${port}/guarded`, `https://localhost:${port}/guarded`, `https://[::ffff:127.0.0.1]:${port}/guarded`]) {
      const result = await sendWebhook({ url, headers: {}, body: "{}", timeoutMs: 2000, policy: { allowPrivate: false } });
      expect(result.ok, url).toBe(false);
      expect(result.error, url).toMatch(/^refused: .*loopback/);
    }
    const plain = await sendWebhook({ url: receiver.url("/guarded"), headers: {}, body: "{}", timeoutMs: 2000, policy: { allowPrivate: false } });
    expect(plain.error).toMatch(/^refused: the URL must use https/);
    expect(receiver.received("/guarded")).toHaveLength(0);
  });
});
