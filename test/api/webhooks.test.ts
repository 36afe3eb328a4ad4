// The webhooks API through the real handlers: who manages which subscriptions (another team's are a 404), bad URLs
// and event names as 422s naming the field (the SSRF guard among them), the secret shown once and sealed at rest,
// rotation, disabling, the audit trail, and the outbox: deliveries written with the state change, or not at all.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db/client";
import { emitWebhookEvent } from "@/lib/server/webhooks/emit-event";
import { WebhookDeliveryListSchema, WebhookDeliverySchema, WebhookListSchema, WebhookSchema, WebhookWithSecretSchema } from "@/lib/schemas/webhook";
import { makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { api, json, makeWorld, submitted, workload } from "../support/requests";
import { expectJson, expectProblem } from "./support";
import { hooks } from "./webhooks-support";

// A public address (TEST-NET-3, documentation only): accepted by the guard. No worker runs in this file, so nothing
// is ever sent to it.
const PUBLIC_URL = "https://203.0.113.7/hooks/portal";

let w: Awaited<ReturnType<typeof makeWorld>>;
let portalAdmin: TestPerson;
beforeAll(async () => {
  w = await makeWorld();
  // Signed in: a token never holds the portal-admin grant.
  portalAdmin = await signedInPerson(null, "portal-admin", "portal-admin");
});

async function create(p: TestPerson, teamId: string, events: string[] = ["request.submitted"]) {
  return WebhookWithSecretSchema.parse(await expectJson(await hooks.create(p, { teamId, url: PUBLIC_URL, events }), 201));
}

describe("POST /api/v1/webhooks", () => {
  it("creates a subscription for the caller's team and shows its whsec_ secret once, sealed at rest", async () => {
    const res = await hooks.create(w.member, { teamId: w.team.id, url: PUBLIC_URL, events: ["request.approved", "request.submitted"], description: "CI" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    const created = WebhookWithSecretSchema.parse(await expectJson(res, 201));
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.events).toEqual(["request.submitted", "request.approved"]);
    expect(created).toMatchObject({ enabled: true, disabledReason: null, failureCount: 0, team: { id: w.team.id } });
    const row = await db().webhookSubscription.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    // Read again, the secret is not there.
    const read = (await expectJson(await hooks.get(w.member, created.id))) as Record<string, unknown>;
    expect(read).not.toHaveProperty("secret");
    expect(WebhookSchema.parse(read).secretPrefix).toBe(created.secretPrefix);
    const events = await db().auditEvent.findMany({ where: { subjectType: "webhook", subjectId: created.id } });
    expect(events.map((e) => e.action)).toEqual(["webhook.created"]);
  });

  it.each([
    ["https://127.0.0.1/hook", "loopback"],
    ["https://localhost:8443/hook", "loopback"],
    ["https://169.254.169.254/latest/meta-data", "link-local"],
    ["https://10.0.0.5/hook", "private"],
    ["https://[::ffff:192.168.0.1]/hook", "private"],
    ["https://[fd00::1]/hook", "private"],
    ["https://100.64.1.1/hook", "carrier-grade NAT"],
    ["https://0.0.0.0/hook", "unspecified"],
    ["http://203.0.113.7/hook", "https://"],
  ])("refuses %s with a 422 naming url (%s)", async (url, why) => {
    const before = await db().webhookSubscription.count();
    const problem = await expectProblem(await hooks.create(w.member, { teamId: w.team.id, url, events: ["request.submitted"] }), 422);
    expect(problem.errors).toEqual([{ field: "url", message: expect.stringContaining(why) as string }]);
    expect(await db().webhookSubscription.count()).toBe(before);
  });

  it("resolves and checks the URL before any transaction opens, and not again on a replay", async () => {
    // With SQLite one open transaction holds every other write: a host name that takes seconds to resolve must not.
    const transactions = vi.spyOn(db(), "$transaction");
    try {
      const refused = await hooks.create(
        w.member,
        { teamId: w.team.id, url: "https://127.0.0.1/hook", events: ["request.submitted"] },
        { "idempotency-key": "ssrf-before-tx" },
      );
      await expectProblem(refused, 422);
      expect(transactions).not.toHaveBeenCalled();

      const body = { teamId: w.team.id, url: PUBLIC_URL, events: ["request.submitted"] };
      const first = WebhookWithSecretSchema.parse(await expectJson(await hooks.create(w.member, body, { "idempotency-key": "check-once" }), 201));
      expect(transactions).toHaveBeenCalledTimes(1);
      const again = await hooks.create(w.member, body, { "idempotency-key": "check-once" });
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(WebhookWithSecretSchema.parse(await expectJson(again, 201)).id).toBe(first.id);
      expect(transactions).toHaveBeenCalledTimes(1);
    } finally {
      transactions.mockRestore();
    }
  });

  it("answers another team's id with 403 before looking at the URL (no name resolved for an outsider)", async () => {
    const problem = await expectProblem(
      await hooks.create(w.member, { teamId: w.other.id, url: "https://169.254.169.254/latest", events: ["request.submitted"] }),
      403,
    );
    expect(problem.errors).toEqual([{ field: "teamId", message: expect.any(String) as string }]);
  });

  it("names every bad field: an unknown event, an empty list, a non-URL, an unknown field", async () => {
    const bad = await expectProblem(
      await hooks.create(w.member, { teamId: w.team.id, url: "not a url", events: ["request.submitted", "request.exploded"], color: "red" }),
      422,
    );
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(["color", "events.1", "url"]);
    expect(bad.errors?.find((e) => e.field === "events.1")?.message).toContain("request.submitted");
    const empty = await expectProblem(await hooks.create(w.member, { teamId: w.team.id, url: PUBLIC_URL, events: [] }), 422);
    expect(empty.errors).toEqual([{ field: "events", message: "must name at least one event" }]);
    const creds = await expectProblem(await hooks.create(w.member, { teamId: w.team.id, url: "https://u:p@203.0.113.7/", events: ["request.submitted"] }), 422);
    expect(creds.errors?.[0]?.field).toBe("url");
  });

  it("refuses another team's id with a 403 naming teamId", async () => {
    const problem = await expectProblem(await hooks.create(w.member, { teamId: w.other.id, url: PUBLIC_URL, events: ["request.submitted"] }), 403);
    expect(problem.errors).toEqual([{ field: "teamId", message: "is not one of your teams" }]);
  });
});

describe("who sees and manages which subscriptions", () => {
  it("answers 404 for another team's subscription on every route, and changes nothing", async () => {
    const theirs = await create(w.otherMember, w.other.id);
    const delivery = await db().webhookDelivery.create({
      data: { subscriptionId: theirs.id, eventType: "webhook.ping", webhookId: "msg_x", payload: "{}", status: "delivered" },
    });
    await expectProblem(await hooks.get(w.member, theirs.id), 404);
    await expectProblem(await hooks.patch(w.member, theirs.id, { enabled: false }), 404);
    await expectProblem(await hooks.delete(w.member, theirs.id), 404);
    await expectProblem(await hooks.rotate(w.member, theirs.id), 404);
    await expectProblem(await hooks.ping(w.member, theirs.id), 404);
    await expectProblem(await hooks.deliveries(w.member, theirs.id), 404);
    await expectProblem(await hooks.redeliver(w.member, theirs.id, delivery.id), 404);
    const row = await db().webhookSubscription.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row).toMatchObject({ enabled: true, secretPrefix: theirs.secretPrefix });
    expect(await db().webhookDelivery.count({ where: { subscriptionId: theirs.id } })).toBe(1);
  });

  it("lists a member's own teams' subscriptions only; a portal administrator sees every team's", async () => {
    const mine = await create(w.member2, w.team.id);
    const theirs = await create(w.otherAdmin, w.other.id);
    const memberList = WebhookListSchema.parse(await expectJson(await hooks.list(w.member2)));
    expect(memberList.items.map((i) => i.id)).toContain(mine.id);
    expect(memberList.items.every((i) => i.team.id === w.team.id)).toBe(true);
    const adminList = WebhookListSchema.parse(await expectJson(await hooks.list(portalAdmin, "?limit=100")));
    expect(adminList.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    await expectProblem(await hooks.list(w.member, `?teamId=${w.other.id}`), 403);
    const page = WebhookListSchema.parse(await expectJson(await hooks.list(portalAdmin, "?limit=1")));
    expect(page.items).toHaveLength(1);
    const next = WebhookListSchema.parse(await expectJson(await hooks.list(portalAdmin, `?limit=1&cursor=${page.nextCursor ?? ""}`)));
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
  });
});

describe("changing a subscription", () => {
  it("edits events and URL, refuses a private URL on update, disables and enables with a reason and an audit trail", async () => {
    const hook = await create(w.member, w.team.id);
    const edited = WebhookSchema.parse(await expectJson(await hooks.patch(w.member, hook.id, { events: ["threshold.changed", "datastore.active"] })));
    expect(edited.events).toEqual(["datastore.active", "threshold.changed"]);
    const refused = await expectProblem(await hooks.patch(w.member, hook.id, { url: "https://192.168.1.10/hook" }), 422);
    expect(refused.errors?.[0]?.field).toBe("url");
    await expectProblem(await hooks.patch(w.member, hook.id, {}), 422);
    const disabled = WebhookSchema.parse(await expectJson(await hooks.patch(w.member, hook.id, { enabled: false })));
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "manual" });
    expect(disabled.disabledAt).not.toBeNull();
    await expectProblem(await hooks.ping(w.member, hook.id), 409);
    await db().webhookSubscription.update({ where: { id: hook.id }, data: { failureCount: 7 } });
    const enabled = WebhookSchema.parse(await expectJson(await hooks.patch(w.member, hook.id, { enabled: true })));
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failureCount: 0 });
    const actions = (await db().auditEvent.findMany({ where: { subjectId: hook.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["webhook.created", "webhook.updated", "webhook.disabled", "webhook.enabled"]);
  });

  it("rotates the secret: a new one, shown once, a new prefix, audited", async () => {
    const hook = await create(w.member, w.team.id);
    const rotated = WebhookWithSecretSchema.parse(await expectJson(await hooks.rotate(w.member, hook.id)));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.secretPrefix).not.toBe(hook.secretPrefix);
    expect(await db().auditEvent.count({ where: { subjectId: hook.id, action: "webhook.secret-rotated" } })).toBe(1);
  });

  it("deletes a subscription with its log, audited", async () => {
    const hook = await create(w.member, w.team.id);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(w.member, hook.id), 202));
    expect(ping).toMatchObject({ eventType: "webhook.ping", status: "pending", attempts: 0 });
    await expectJson(await hooks.delete(w.member, hook.id));
    await expectProblem(await hooks.get(w.member, hook.id), 404);
    expect(await db().webhookDelivery.count({ where: { subscriptionId: hook.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { subjectId: hook.id, action: "webhook.deleted" } })).toBe(1);
  });

  it("redelivers a delivery as a new log entry with the same webhook-id and body", async () => {
    const hook = await create(w.member, w.team.id);
    const ping = WebhookDeliverySchema.parse(await expectJson(await hooks.ping(w.member, hook.id), 202));
    const again = WebhookDeliverySchema.parse(await expectJson(await hooks.redeliver(w.member, hook.id, ping.id), 202));
    expect(again.id).not.toBe(ping.id);
    expect(again).toMatchObject({ webhookId: ping.webhookId, payload: ping.payload, redeliveryOfId: ping.id, status: "pending" });
    const log = WebhookDeliveryListSchema.parse(await expectJson(await hooks.deliveries(w.member, hook.id)));
    expect(log.items.map((d) => d.id)).toEqual([again.id, ping.id]);
    await expectProblem(await hooks.redeliver(w.member, hook.id, "no-such-delivery"), 404);
    await expectProblem(await hooks.deliveries(w.member, hook.id, "?cursor=%%%"), 422);
  });
});

describe("the outbox", () => {
  it("writes a delivery with the state change, for subscriptions that asked for the event, enabled ones only", async () => {
    // A team of its own: no subscription of another test listens.
    const team = (await makeTeam()).id;
    const member = await makePerson(team, "member", "outbox-member");
    const wants = await create(member, team, ["request.submitted"]);
    const other = await create(member, team, ["request.approved"]);
    const off = await create(member, team, ["request.submitted"]);
    await expectJson(await hooks.patch(member, off.id, { enabled: false }));
    const s = await submitted(member, team, "vh-outbox");
    const rows = await db().webhookDelivery.findMany({ where: { eventType: "request.submitted", payload: { contains: s.id } } });
    expect(rows.map((r) => r.subscriptionId)).toEqual([wants.id]);
    const payload = JSON.parse(rows[0]?.payload ?? "{}") as {
      type: string;
      timestamp: string;
      data: { request: { id: string; status: string }; links: { portal: string } };
    };
    expect(payload.type).toBe("request.submitted");
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    expect(payload.data.request).toMatchObject({ id: s.id, status: "submitted" });
    expect(payload.data.links.portal).toMatch(new RegExp(`/requests/${s.id}$`));
    expect(await db().webhookDelivery.count({ where: { subscriptionId: other.id, payload: { contains: s.id } } })).toBe(0);
  });

  it("writes nothing when the state change rolls back", async () => {
    await create(w.member, w.team.id, ["threshold.changed"]);
    const before = await db().webhookDelivery.count();
    await expect(
      db().$transaction(async (tx) => {
        expect(await emitWebhookEvent(tx, "threshold.changed", w.team.id, () => ({ probe: true }))).toBeGreaterThan(0);
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await db().webhookDelivery.count()).toBe(before);
  });

  it("writes no delivery for a request whose submission conflicts (a second submit)", async () => {
    await create(w.member, w.team.id, ["request.submitted"]);
    const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-twice") }), 201);
    await json(await api.submit(w.member, d.id), 200);
    const count = await db().webhookDelivery.count({ where: { payload: { contains: d.id } } });
    await expectProblem(await api.submit(w.member, d.id), 409);
    expect(await db().webhookDelivery.count({ where: { payload: { contains: d.id } } })).toBe(count);
  });
});
