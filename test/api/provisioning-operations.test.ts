// One operation through the real handlers: reading it, its events by polling and as Server-Sent Events (framing,
// Last-Event-ID resume, heartbeats, the end event), cancelling and retrying it, and the deprecated colon forms.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { appendEvents } from "@/lib/server/provisioning/operation-rows";
import { operationEventStream } from "@/lib/server/provisioning/operation-stream";
import { OperationEventDtoSchema, OperationEventListSchema, OperationSchema, type OperationDto } from "@/lib/schemas/operation";
import type { Actor } from "@/lib/server/auth/actor";
import { provisionableDatastore, storeOrgSettings } from "../support/provisioning";
import { makeWorld } from "../support/requests";
import { engineWithoutCli, parseSse, prov, settleByHand, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";
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

async function queuedPreview(status: "approved" | "failed" | "active" = "approved"): Promise<OperationDto> {
  const ds = await provisionableDatastore({ teamId: w.team.id, status });
  return OperationSchema.parse(await expectJson(await prov.queue(w.member, ds.id, { kind: "preview" }), 202));
}

/** The member as a use-case sees them (for calling operationEventStream directly). */
async function memberActor(): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: w.member.userId } });
  return { kind: "user", userId: user.id, label: `user:${user.email}`, isAdmin: false, platformReviewer: false, roles: new Map([[w.team.id, "member"]]) };
}

/** Reads a stream until `until` holds for the text so far (or the stream ends); returns the text. */
async function readUntil(
  stream: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
  timeoutMs = 10_000,
): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  while (!until(text)) {
    if (Date.now() > deadline) throw new Error(`stream did not deliver in time; got: ${text}`);
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

describe("GET /api/v1/operations/{id}", () => {
  it("returns the operation to its team and reviewers, 404 to other teams", async () => {
    const op = await queuedPreview();
    const dto = OperationSchema.parse(await expectJson(await prov.get(w.member, op.id)));
    expect(dto).toEqual(op);
    expect(OperationSchema.parse(await expectJson(await prov.get(w.platformToken, op.id))).id).toBe(op.id);
    await expectProblem(await prov.get(w.otherMember, op.id), 404);
    await expectProblem(await prov.get(w.member, "no-such-op"), 404);
    await expectProblem(await prov.get(null, op.id), 401);
  });
});

describe("GET /api/v1/operations/{id}/events", () => {
  it("pages events after a seq, with the status and the last seq, until terminal and empty", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "succeeded");
    const all = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id)));
    expect(all.items.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(all.items.map((e) => (e.data.type === "status" ? e.data.status : e.data.type))).toEqual(["queued", "running", "succeeded"]);
    expect(all).toMatchObject({ status: "succeeded", lastSeq: 3 });
    const page = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id, "?after=0&limit=2")));
    expect(page.items.map((e) => e.seq)).toEqual([1, 2]);
    expect(page.lastSeq).toBe(2);
    const rest = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id, "?after=2")));
    expect(rest.items.map((e) => e.seq)).toEqual([3]);
    const none = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id, "?after=3")));
    expect(none).toEqual({ items: [], status: "succeeded", lastSeq: 3 });
  });

  it("names bad query parameters (422) and hides other teams' operations (404)", async () => {
    const op = await queuedPreview();
    for (const [query, field] of [
      ["?after=-1", "after"],
      ["?after=abc", "after"],
      ["?limit=0", "limit"],
      ["?limit=5000", "limit"],
      ["?since=1", "since"],
    ] as const) {
      const p = await expectProblem(await prov.events(w.member, op.id, query), 422);
      expect(p.errors?.map((e) => e.field)).toContain(field);
    }
    await expectProblem(await prov.events(w.otherMember, op.id), 404);
  });
});

describe("GET /api/v1/operations/{id}/stream", () => {
  it("sends retry, every event as id/event/data, then end with the final status, and closes", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "succeeded");
    const res = await prov.stream(w.member, op.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const text = await res.text();
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    const events = parseSse(text);
    const data = events.filter((e) => e.event === "operation-event");
    expect(data.map((e) => e.id)).toEqual(["1", "2", "3"]);
    for (const e of data) expect(OperationEventDtoSchema.parse(JSON.parse(e.data ?? "")).seq).toBe(Number(e.id));
    expect(events.at(-1)).toEqual({ event: "end", data: JSON.stringify({ status: "succeeded" }) });
  });

  it("resumes after Last-Event-ID (or ?lastEventId=) with only later events", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "failed");
    const resumed = parseSse(await (await prov.stream(w.member, op.id, { "last-event-id": "2" })).text());
    expect(resumed.filter((e) => e.event === "operation-event").map((e) => e.id)).toEqual(["3"]);
    expect(resumed.at(-1)).toEqual({ event: "end", data: JSON.stringify({ status: "failed" }) });
    const byQuery = parseSse(await (await prov.stream(w.member, op.id, {}, "?lastEventId=1")).text());
    expect(byQuery.filter((e) => e.event === "operation-event").map((e) => e.id)).toEqual(["2", "3"]);
  });

  it("answers 422 for a Last-Event-ID that is not a seq, 404 for other teams", async () => {
    const op = await queuedPreview();
    const p = await expectProblem(await prov.stream(w.member, op.id, { "last-event-id": "abc" }), 422);
    expect(p.errors?.[0]?.field).toBe("Last-Event-ID");
    const p2 = await expectProblem(await prov.stream(w.member, op.id, {}, "?lastEventId=-3"), 422);
    expect(p2.errors?.[0]?.field).toBe("lastEventId");
    await expectProblem(await prov.stream(w.otherMember, op.id), 404);
  });

  it("heartbeats while nothing happens, delivers events stored later (by another process), and ends when terminal", async () => {
    const op = await queuedPreview();
    const stream = await operationEventStream({ actor: await memberActor(), id: op.id, heartbeatMs: 20, pollMs: 10 });
    const { text: early, reader } = await readUntil(stream, (t) => t.includes(": heartbeat\n\n") && t.includes("id: 1\n"));
    expect(
      parseSse(early)
        .filter((e) => e.event === "operation-event")
        .map((e) => e.id),
    ).toEqual(["1"]);
    expect(early).not.toContain("event: end");

    await db().$transaction((tx) => appendEvents(tx, op.id, [{ type: "diagnostic", severity: "info", message: "stored later" }]));
    await settleByHand(op.id, "succeeded");
    const decoder = new TextDecoder();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
    }
    const later = parseSse(rest).filter((e) => e.event === "operation-event");
    expect(later.map((e) => e.id)).toEqual(["2", "3", "4"]);
    expect(JSON.parse(later[0]?.data ?? "")).toMatchObject({ seq: 2, data: { type: "diagnostic", message: "stored later" } });
    expect(parseSse(rest).at(-1)).toEqual({ event: "end", data: JSON.stringify({ status: "succeeded" }) });
  });

  it("stops when the client disconnects", async () => {
    const op = await queuedPreview();
    const controller = new AbortController();
    const stream = await operationEventStream({ actor: await memberActor(), id: op.id, heartbeatMs: 10_000, pollMs: 10, signal: controller.signal });
    const { reader } = await readUntil(stream, (t) => t.includes("id: 1"));
    controller.abort();
    // Whatever was already enqueued may still be read; then the stream ends instead of polling on.
    for (let i = 0; i < 10; i++) if ((await reader.read()).done) return;
    throw new Error("the stream kept going after the client went away");
  });
});

describe("POST /api/v1/operations/{id}/cancel", () => {
  it("cancels a queued operation at once, with a status event and an audit event; a finished one is a 409", async () => {
    const op = await queuedPreview();
    const res = await prov.cancel(w.member, op.id);
    const dto = OperationSchema.parse(await expectJson(res, 202));
    expect(dto).toMatchObject({ status: "cancelled", finishedAt: expect.any(String), error: { code: "cancelled" } });
    expect(can(dto.actions)).toEqual({ cancel: false, retry: true, confirm: false, approve: false });
    const events = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id)));
    expect(events.items.at(-1)?.data).toMatchObject({ type: "status", status: "cancelled" });
    expect(await db().auditEvent.count({ where: { subjectId: op.datastoreId, action: "operation.cancelled" } })).toBe(1);
    const p = await expectProblem(await prov.cancel(w.member, op.id), 409);
    expect(p.detail).toContain("cancelled");
  });

  it("asks the worker to stop a running operation (cancelRequestedAt), once", async () => {
    const op = await queuedPreview();
    await db().operation.update({ where: { id: op.id }, data: { status: "running", startedAt: new Date() } });
    const dto = OperationSchema.parse(await expectJson(await prov.cancel(w.reviewer, op.id), 202));
    expect(dto.status).toBe("running");
    expect(dto.cancelRequestedAt).toEqual(expect.any(String));
    expect(dto.actions.cancel).toMatchObject({ allowed: false, code: "conflict", reason: expect.stringContaining("Cancellation was requested") });
    const again = OperationSchema.parse(await expectJson(await prov.cancel(w.reviewer, op.id), 202));
    expect(again.cancelRequestedAt).toBe(dto.cancelRequestedAt);
    const events = OperationEventListSchema.parse(await expectJson(await prov.events(w.member, op.id)));
    expect(events.items.filter((e) => e.data.type === "diagnostic")).toHaveLength(1);
    await settleByHand(op.id, "succeeded");
    await expectProblem(await prov.cancel(w.member, op.id), 409);
    await expectProblem(await prov.cancel(w.otherMember, op.id), 404);
  });
});

describe("POST /api/v1/operations/{id}/retry", () => {
  it("queues attempt 2 with the same kind, purpose and spec; only the latest attempt; idempotent", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "interrupted");
    const headers = { "idempotency-key": `retry-${op.id}` };
    const res = await prov.retry(w.member, op.id, headers);
    const retry = OperationSchema.parse(await expectJson(res, 202));
    expect(res.headers.get("location")).toBe(`/api/v1/operations/${retry.id}`);
    expect(retry).toMatchObject({ kind: "preview", purpose: "provision", status: "queued", attempt: 2, retryOfId: op.id });
    const [a, b] = await Promise.all([
      db().operation.findUniqueOrThrow({ where: { id: op.id } }),
      db().operation.findUniqueOrThrow({ where: { id: retry.id } }),
    ]);
    expect(b.specHash).toBe(a.specHash);
    const replay = await prov.retry(w.member, op.id, headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(OperationSchema.parse(await expectJson(replay, 202)).id).toBe(retry.id);

    const p = await expectProblem(await prov.retry(w.member, op.id), 409);
    expect(p.detail).toContain(retry.id);
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, op.id))).actions.retry.allowed).toBe(false);
    const p2 = await expectProblem(await prov.retry(w.member, retry.id), 409);
    expect(p2.detail).toContain("queued");
    await settleByHand(retry.id, "succeeded");
    await expectProblem(await prov.retry(w.member, retry.id), 409);
  });

  it("retries an up only while its preview still matches the datastore's spec", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "succeeded");
    const up = OperationSchema.parse(await expectJson(await prov.queue(w.member, op.datastoreId, { kind: "up", previewId: op.id }), 202));
    await settleByHand(up.id, "failed");
    await db().datastore.update({ where: { id: op.datastoreId }, data: { status: "failed" } });
    expect(OperationSchema.parse(await expectJson(await prov.get(w.member, up.id))).actions.retry.allowed).toBe(true);
    await db().datastore.update({ where: { id: op.datastoreId }, data: { annualCost: 1 } });
    const p = await expectProblem(await prov.retry(w.member, up.id), 409);
    expect(p.detail).toMatch(/stale/);
  });

  it("answers 503 without a Pulumi CLI, and 404 to other teams", async () => {
    const op = await queuedPreview();
    await settleByHand(op.id, "failed");
    await expectProblem(await prov.retry(w.otherMember, op.id), 404);
    setEngineForTests(engineWithoutCli());
    const p = await expectProblem(await prov.retry(w.member, op.id), 503);
    expect(p.detail).toMatch(/Pulumi CLI/);
    expect(await db().operation.count({ where: { retryOfId: op.id } })).toBe(0);
  });
});

/** What an answer says about the operation, without what differs between two operations (ids, times, the datastore). */
const outcome = (dto: OperationDto) => ({
  kind: dto.kind,
  status: dto.status,
  attempt: dto.attempt,
  error: dto.error,
  actions: dto.actions,
  cancelRequested: dto.cancelRequestedAt !== null,
});

/** RFC 9745: 2026-12-02T00:00:00Z as a Structured Field Date, the day the colon forms gave way to sub-paths. */
const DEPRECATED_SINCE = "@1796169600";

function expectDeprecated(res: Response, successor: string): void {
  expect(res.headers.get("deprecation")).toBe(DEPRECATED_SINCE);
  expect(res.headers.get("link")).toBe(`<${successor}>; rel="successor-version"`);
}

describe("the deprecated colon forms /api/v1/operations/{id}:cancel and :retry", () => {
  it("cancel: answers as /cancel does, with Deprecation and a Link to /cancel", async () => {
    const [viaPath, viaColon] = [await queuedPreview(), await queuedPreview()];
    const current = await prov.cancel(w.member, viaPath.id);
    expect(current.headers.get("deprecation")).toBeNull();
    expect(current.headers.get("link")).toBeNull();
    const old = await prov.post(w.member, `${viaColon.id}:cancel`);
    expectDeprecated(old, `/api/v1/operations/${viaColon.id}/cancel`);
    const [a, b] = [OperationSchema.parse(await expectJson(current, 202)), OperationSchema.parse(await expectJson(old, 202))];
    expect(b.id).toBe(viaColon.id);
    expect(outcome(b)).toEqual(outcome(a));
    expect(outcome(b)).toMatchObject({ status: "cancelled" });
    expect(await db().auditEvent.count({ where: { subjectId: viaColon.datastoreId, action: "operation.cancelled" } })).toBe(1);
    // Its errors say it too, with the same problem as the sub-path's.
    const again = [await prov.cancel(w.member, viaPath.id), await prov.post(w.member, `${viaColon.id}:cancel`)];
    expectDeprecated(again[1] as Response, `/api/v1/operations/${viaColon.id}/cancel`);
    const [p1, p2] = [await expectProblem(again[0] as Response, 409), await expectProblem(again[1] as Response, 409)];
    expect(p2.detail).toBe(p1.detail.replace(viaPath.id, viaColon.id));
    expectDeprecated(await prov.post(null, `${viaColon.id}:cancel`), `/api/v1/operations/${viaColon.id}/cancel`);
    await expectProblem(await prov.post(null, `${viaColon.id}:cancel`), 401);
  });

  it("retry: answers as /retry does (202, Location, attempt 2, Idempotency-Key replays), with Deprecation and a Link to /retry", async () => {
    const [viaPath, viaColon] = [await queuedPreview(), await queuedPreview()];
    await settleByHand(viaPath.id, "failed");
    await settleByHand(viaColon.id, "failed");
    const current = await prov.retry(w.member, viaPath.id);
    const headers = { "idempotency-key": `colon-retry-${viaColon.id}` };
    const old = await prov.post(w.member, `${viaColon.id}:retry`, headers);
    expectDeprecated(old, `/api/v1/operations/${viaColon.id}/retry`);
    const [a, b] = [OperationSchema.parse(await expectJson(current, 202)), OperationSchema.parse(await expectJson(old, 202))];
    expect(old.headers.get("location")).toBe(`/api/v1/operations/${b.id}`);
    expect(b.retryOfId).toBe(viaColon.id);
    expect(outcome(b)).toEqual(outcome(a));
    expect(outcome(b)).toMatchObject({ status: "queued", attempt: 2 });
    const replay = await prov.post(w.member, `${viaColon.id}:retry`, headers);
    expectDeprecated(replay, `/api/v1/operations/${viaColon.id}/retry`);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(OperationSchema.parse(await expectJson(replay, 202)).id).toBe(b.id);
    expect(await db().operation.count({ where: { retryOfId: viaColon.id } })).toBe(1);
  });

  it("accepts a percent-encoded colon", async () => {
    const op = await queuedPreview();
    const cancelled = await prov.post(w.member, `${op.id}%3Acancel`);
    expectDeprecated(cancelled, `/api/v1/operations/${op.id}/cancel`);
    expect(OperationSchema.parse(await expectJson(cancelled, 202)).status).toBe("cancelled");
    expect(OperationSchema.parse(await expectJson(await prov.post(w.member, `${op.id}%3aretry`), 202)).attempt).toBe(2);
  });

  it("answers 404 for an unknown custom method or a GET with one, 405 for a plain POST or a PUT, 422 for a body", async () => {
    const op = await queuedPreview();
    const unknown = await prov.post(w.member, `${op.id}:frobnicate`);
    expect(unknown.headers.get("deprecation")).toBeNull();
    const p = await expectProblem(unknown, 404);
    expect(p.detail).toContain(`/api/v1/operations/{id}/cancel`);
    await expectProblem(await prov.get(w.member, `${op.id}:cancel`), 404);
    const plain = await prov.post(w.member, op.id);
    await expectProblem(plain.clone(), 405);
    expect(plain.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    await expectProblem(await prov.put(w.member, op.id), 405);
    const withBody = await prov.post(w.member, `${op.id}:cancel`, {}, { force: true });
    expectDeprecated(withBody, `/api/v1/operations/${op.id}/cancel`);
    await expectProblem(withBody, 422);
    await expectProblem(await prov.cancel(w.member, op.id, { force: true }), 422);
    expect((await db().operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("queued");
  });
});
