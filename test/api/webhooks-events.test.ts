// End to end: real state changes — a request submitted, approved by a reviewer, its first preview run by the worker —
// produce signed deliveries at a real receiver on 127.0.0.1 (allowed explicitly here), each verified with the
// standardwebhooks library, stamped in the order the changes happened, with the resource and links back to the portal.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { WebhookWithSecretSchema } from "@/lib/schemas/webhook";
import { storeOrgSettings, waitFor } from "../support/provisioning";
import { api, json, makeWorld, submitted } from "../support/requests";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { useSimulatedEngine } from "./provisioning-support";
import { expectJson } from "./support";
import { hooks } from "./webhooks-support";

let receiver: Receiver;
let worker: Worker;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  receiver = await startReceiver();
  w = await makeWorld();
  await storeOrgSettings();
  const { engine, dataDir } = await useSimulatedEngine(1);
  worker = startWorker({ engine, dataDir, pollMs: 20, leaseMs: 10_000, retentionEveryMs: 0, webhooks: { pollMs: 20 } });
});
afterAll(async () => {
  await worker.stop({ graceMs: 0 });
  setEngineForTests(null);
  await receiver.close();
});

interface Message {
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { links?: { portal?: string; api?: string } };
}

describe("events from real state changes", () => {
  it("delivers request.submitted, request.approved and operation.succeeded (the first preview), signed, to the team's receiver", async () => {
    const path = "/team-events";
    const hook = WebhookWithSecretSchema.parse(
      await expectJson(
        await hooks.create(w.member, { teamId: w.team.id, url: receiver.url(path), events: ["request.submitted", "request.approved", "operation.succeeded"] }),
        201,
      ),
    );
    receiver.secretFor(path, hook.secret);
    // Another team's subscription hears none of it.
    const otherPath = "/other-team";
    const other = WebhookWithSecretSchema.parse(
      await expectJson(
        await hooks.create(w.otherMember, { teamId: w.other.id, url: receiver.url(otherPath), events: ["request.submitted", "request.approved"] }),
        201,
      ),
    );
    receiver.secretFor(otherPath, other.secret);

    const request = await submitted(w.member, w.team.id, "vh-webhooks");
    const approved = await json(await api.decide(w.reviewer, request.id, { decision: "approved", comment: "Looks right." }), 200);
    const datastoreId = approved.datastoreId;
    expect(datastoreId).toBeTruthy();

    const got = await waitFor(
      "three deliveries",
      async () => {
        const r = receiver.received(path);
        return r.length >= 3 ? r : undefined;
      },
      30_000,
    );
    const messages = got.map((r) => {
      expect(r.verified, `signature of ${r.body.slice(0, 60)}`).not.toBeNull();
      return r.verified as Message;
    });
    // Deliveries go out side by side, so they may arrive in any order; their timestamps keep the order of the changes.
    const byType = (type: string) => messages.find((m) => m.type === type);
    expect(messages.map((m) => m.type).sort()).toEqual(["operation.succeeded", "request.approved", "request.submitted"]);
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(3);

    const [sub, app, op] = [byType("request.submitted"), byType("request.approved"), byType("operation.succeeded")];
    expect(Date.parse(sub?.timestamp ?? "")).toBeLessThanOrEqual(Date.parse(app?.timestamp ?? ""));
    expect(Date.parse(app?.timestamp ?? "")).toBeLessThanOrEqual(Date.parse(op?.timestamp ?? ""));
    expect(sub?.data).toMatchObject({ request: { id: request.id, name: "vh-webhooks", status: "submitted" }, team: { id: w.team.id } });
    expect(sub?.data.links?.portal).toMatch(new RegExp(`/requests/${request.id}$`));
    expect(app?.data).toMatchObject({ request: { id: request.id, status: "approved", datastoreId } });
    expect(op?.data).toMatchObject({
      datastore: { id: datastoreId, status: "approved" },
      operation: { kind: "preview", purpose: "provision", status: "succeeded" },
    });
    expect(op?.data.links?.portal).toMatch(new RegExp(`/catalog/${datastoreId ?? ""}$`));
    for (const m of messages) expect(Date.parse(m.timestamp)).not.toBeNaN();
    expect(receiver.received(otherPath)).toHaveLength(0);
  });
});
