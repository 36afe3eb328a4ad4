// The `actions` a DTO carries say what the API then does, for every person and state tried: each action marked
// allowed succeeds when asked for, and each one marked denied answers the status of its code (403 forbidden, 409
// conflict) with its reason as the problem's detail, word for word. Requests: who × status × edit, submit, cancel,
// decide, comment. Datastores: who × lifecycle state (and the blockers within one: missing settings, an open change,
// an up under way, a tier that needs approval) × every action the state offers.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getDatastoreRoute } from "@/app/api/v1/datastores/[id]/route";
import { PUT as putThresholdsRoute } from "@/app/api/v1/datastores/[id]/thresholds/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { GET as reviewsRoute } from "@/app/api/v1/reviews/route";
import type { Action } from "@/lib/schemas/actions";
import { MeSchema } from "@/lib/schemas/access";
import { DatastoreDetailSchema, type DatastoreActions, type DatastoreStatus } from "@/lib/schemas/datastore";
import { OperationSchema, type OperationDto } from "@/lib/schemas/operation";
import { RequestDetailDtoSchema, type RequestActions, type RequestDetailDto } from "@/lib/schemas/request";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { insertOperation } from "@/lib/server/provisioning/operation-rows";
import { jsonRequest, makePerson, signedInPerson, type TestPerson } from "../support/actors";
import { provisionableDatastore, specOf, storeOrgSettings } from "../support/provisioning";
import { api, draft, makeWorld, submitted } from "../support/requests";
import { prov, settleByHand, useSimulatedEngine } from "./provisioning-support";
import { ProblemSchema } from "@/lib/errors";

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;
let platformReviewer: TestPerson;
let portalAdmin: TestPerson;
beforeAll(async () => {
  w = await makeWorld();
  platformReviewer = await signedInPerson(w.other.id, "member", "platform-reviewer", { platformReviewer: true });
  portalAdmin = await signedInPerson(null, "portal-admin", "portal-admin");
});

/** What the API answered, against what the action said. */
async function expectAnswerMatches(action: Action, res: Response, what: string): Promise<void> {
  const text = await res.text();
  if (action.allowed) {
    expect(res.status, `${what}: allowed, but ${text.slice(0, 400)}`).toBeGreaterThanOrEqual(200);
    expect(res.status, `${what}: allowed, but ${text.slice(0, 400)}`).toBeLessThan(300);
    return;
  }
  expect(res.status, `${what}: ${action.code} "${action.reason}", but ${text.slice(0, 400)}`).toBe(action.code === "forbidden" ? 403 : 409);
  expect(ProblemSchema.parse(JSON.parse(text)).detail, what).toBe(action.reason);
}

describe("a request's actions", () => {
  const STATUSES = ["draft", "submitted", "changes-requested", "approved", "rejected", "cancelled"] as const;
  type Status = (typeof STATUSES)[number];
  const WHO = ["member", "member2", "reviewer", "admin", "platformReviewer", "platformToken", "portalAdmin"] as const;
  type Who = (typeof WHO)[number];
  const person = (who: Who): TestPerson => (who === "platformReviewer" ? platformReviewer : who === "portalAdmin" ? portalAdmin : w[who]);

  let n = 0;
  /** A request of `member` in `status`, decided by the team's reviewer where it is decided. */
  async function requestIn(status: Status): Promise<RequestDetailDto> {
    n += 1;
    const name = `vh-act-${n}`;
    if (status === "draft") return draft(w.member, w.team.id, name);
    if (status === "cancelled") {
      const d = await draft(w.member, w.team.id, name);
      expect((await api.cancel(w.member, d.id)).status).toBe(200);
      return d;
    }
    const s = await submitted(w.member, w.team.id, name);
    if (status === "submitted") return s;
    const decision = status === "approved" ? { decision: "approved" } : { decision: status, comment: "Size it for the peak." };
    expect((await api.decide(w.reviewer, s.id, decision)).status).toBe(200);
    return s;
  }

  /** Asks for the action as `p`; an edit sends back the ETag the GET answered (never one built here). */
  const perform: Record<keyof RequestActions, (p: TestPerson, id: string, etag: string) => Promise<Response>> = {
    edit: (p, id, etag) => api.patch(p, id, { family: "cassandra" }, { "if-match": etag }),
    submit: (p, id) => api.submit(p, id),
    cancel: (p, id) => api.cancel(p, id),
    decide: (p, id) => api.decide(p, id, { decision: "rejected", comment: "Not this quarter." }),
    comment: (p, id) => api.comment(p, id, { body: "Looks right to me." }),
  };

  it.each(STATUSES)("say what the API does with a %s request, for every person who can see it", async (status) => {
    for (const name of Object.keys(perform) as (keyof RequestActions)[]) {
      for (const who of WHO) {
        const r = await requestIn(status);
        const res = await api.get(person(who), r.id);
        const etag = res.headers.get("etag") ?? "";
        const detail = RequestDetailDtoSchema.parse(await res.json());
        await expectAnswerMatches(detail.actions[name], await perform[name](person(who), r.id, etag), `${who} × ${name} on a ${status} request`);
      }
    }
  });

  it("agree with the list summaries' actions", async () => {
    const s = await submitted(w.member, w.team.id, "vh-act-list");
    for (const who of WHO) {
      const detail = RequestDetailDtoSchema.parse(await (await api.get(person(who), s.id)).json());
      const listed = (
        (await (await api.list(person(who), "?status=submitted&limit=100")).json()) as { items: { id: string; actions: RequestActions }[] }
      ).items.find((i) => i.id === s.id);
      expect(listed?.actions, who).toEqual(detail.actions);
    }
  });
});

describe("/me's actions", () => {
  it("say whether the review queue answers and whether administration does", async () => {
    const { GET: usersRoute } = await import("@/app/api/v1/admin/users/route");
    for (const p of [w.member, w.reviewer, w.otherMember, platformReviewer, w.platformToken, portalAdmin]) {
      const me = MeSchema.parse(await (await meRoute(jsonRequest("GET", "/api/v1/me", p))).json());
      await expectAnswerMatches(me.actions.review, await reviewsRoute(jsonRequest("GET", "/api/v1/reviews", p)), `${p.email} × review`);
      const users = await usersRoute(jsonRequest("GET", "/api/v1/admin/users", p));
      expect(users.status, `${p.email} × administer`).toBe(me.actions.administer.allowed ? 200 : 403);
    }
  });
});

describe("a datastore's actions", () => {
  beforeEach(async () => {
    await storeOrgSettings();
    await useSimulatedEngine();
  });
  afterEach(() => setEngineForTests(null));

  const WHO = ["member", "reviewer", "platformReviewer", "portalAdmin"] as const;
  type Who = (typeof WHO)[number];
  const person = (who: Who): TestPerson => (who === "platformReviewer" ? platformReviewer : who === "portalAdmin" ? portalAdmin : w[who]);

  /** A state and what else holds the datastore: the cases the actions must tell apart. */
  interface Case {
    name: string;
    status: DatastoreStatus;
    tier?: 0 | 1 | 2 | 3;
    /** Something else about the datastore: its settings removed, a change open, an up under way. */
    arrange?: (datastoreId: string) => Promise<void>;
  }
  const upUnderWay = async (datastoreId: string) => {
    await insertOperation(db(), { datastoreId, kind: "up", purpose: "provision", actor: null, spec: await specOf(datastoreId) });
  };
  const CASES: Case[] = [
    { name: "approved", status: "approved", tier: 2 },
    { name: "approved, tier 1", status: "approved", tier: 1 },
    { name: "approved, without organisation settings", status: "approved", tier: 2, arrange: async () => void (await db().orgSetting.deleteMany()) },
    { name: "provisioning", status: "provisioning", tier: 2, arrange: upUnderWay },
    { name: "active", status: "active", tier: 2 },
    { name: "active, tier 0", status: "active", tier: 0 },
    { name: "active, an up under way", status: "active", tier: 2, arrange: upUnderWay },
    { name: "active, without organisation settings", status: "active", tier: 2, arrange: async () => void (await db().orgSetting.deleteMany()) },
    {
      name: "active, a change open",
      status: "active",
      tier: 1,
      arrange: async (id) => {
        const d = await db().datastore.findUniqueOrThrow({ where: { id } });
        const res = await prov.createChange(w.member, id, { kind: "decommission", confirmName: d.name });
        expect(res.status, await res.clone().text()).toBe(201);
      },
    },
    { name: "failed", status: "failed", tier: 2 },
    { name: "failed, an up under way", status: "failed", tier: 2, arrange: upUnderWay },
    { name: "decommissioning", status: "decommissioning", tier: 2 },
    { name: "decommissioned", status: "decommissioned", tier: 2 },
  ];

  const getDetail = async (p: TestPerson, id: string) => {
    const res = await getDatastoreRoute(jsonRequest("GET", `/api/v1/datastores/${id}`, p), { params: Promise.resolve({ id }) });
    return { etag: res.headers.get("etag") ?? "", detail: DatastoreDetailSchema.parse(await res.json()) };
  };

  /** Asks for the action as `p`, with a body that is right for it (the typed name, the current workload, the ETag read). */
  const perform: Record<keyof DatastoreActions, (p: TestPerson, id: string, etag: string) => Promise<Response>> = {
    preview: (p, id) => prov.queue(p, id, { kind: "preview" }),
    refresh: (p, id) => prov.queue(p, id, { kind: "refresh" }),
    cleanup: async (p, id) => prov.queue(p, id, { kind: "destroy", confirmName: (await db().datastore.findUniqueOrThrow({ where: { id } })).name }),
    change: async (p, id) => {
      const d = await db().datastore.findUniqueOrThrow({ where: { id }, include: { request: true } });
      return prov.createChange(p, id, { kind: "update", workload: d.request.workload });
    },
    decommission: async (p, id) =>
      prov.createChange(p, id, { kind: "decommission", confirmName: (await db().datastore.findUniqueOrThrow({ where: { id } })).name }),
    editThresholds: async (p, id, etag) => {
      const { detail } = await getDetail(p, id);
      return putThresholdsRoute(jsonRequest("PUT", `/api/v1/datastores/${id}/thresholds`, p, { thresholds: detail.thresholds }, { "if-match": etag }), {
        params: Promise.resolve({ id }),
      });
    },
    export: (p, id) => prov.exportProject(p, id),
  };
  const OFFERED: Record<DatastoreStatus, (keyof DatastoreActions)[]> = {
    approved: ["preview", "decommission", "editThresholds", "export"],
    provisioning: ["editThresholds", "export"],
    active: ["refresh", "change", "decommission", "editThresholds", "export"],
    failed: ["preview", "cleanup", "decommission", "editThresholds", "export"],
    decommissioning: ["editThresholds", "export"],
    decommissioned: [],
  };

  it.each(CASES.map((c) => [c.name, c] as const))("say what the API does with a datastore %s, for its team, reviewers and admins", async (_name, c) => {
    for (const name of OFFERED[c.status]) {
      for (const who of WHO) {
        await storeOrgSettings();
        const ds = await provisionableDatastore({ teamId: w.team.id, status: c.status, tier: c.tier ?? 2 });
        await c.arrange?.(ds.id);
        const { etag, detail } = await getDetail(person(who), ds.id);
        expect(Object.keys(detail.actions).sort(), `${c.name} offers`).toEqual([...OFFERED[c.status]].sort());
        const action = detail.actions[name];
        if (!action) throw new Error(`${c.name}: ${name} is not offered`);
        await expectAnswerMatches(action, await perform[name](person(who), ds.id, etag), `${who} × ${name} on a datastore ${c.name}`);
      }
    }
  });

  it("deny what the lifecycle blocks with the blocker's words, and leave workload changes to the owning team", async () => {
    const { detail: noSettings } = await (async () => {
      const ds = await provisionableDatastore({ teamId: w.team.id, status: "approved", tier: 2 });
      await db().orgSetting.deleteMany();
      return getDetail(w.member, ds.id);
    })();
    expect(noSettings.actions.preview).toMatchObject({
      allowed: false,
      code: "conflict",
      reason: expect.stringContaining("organisation settings that are missing"),
    });
    expect(noSettings.actions.export).toMatchObject({ allowed: false, code: "conflict" });
    await storeOrgSettings();
    const active = await provisionableDatastore({ teamId: w.team.id, status: "active", tier: 2 });
    const asReviewer = (await getDetail(platformReviewer, active.id)).detail.actions;
    expect(asReviewer.refresh).toEqual({ allowed: true });
    expect(asReviewer.change).toMatchObject({ allowed: false, code: "forbidden", reason: expect.stringMatching(/asked for by .*, the owning team/) });
    expect(asReviewer.decommission).toEqual(asReviewer.change);
    await upUnderWay(active.id);
    expect((await getDetail(w.member, active.id)).detail.actions.decommission).toMatchObject({
      allowed: false,
      code: "conflict",
      reason: expect.stringContaining("is already queued"),
    });
  });
});

describe("an operation's actions", () => {
  beforeEach(async () => {
    await storeOrgSettings();
    await useSimulatedEngine();
  });
  afterEach(() => setEngineForTests(null));

  type State = "queued" | "running" | "cancel requested" | "succeeded" | "failed" | "cancelled" | "interrupted" | "up failed";
  const STATES: State[] = ["queued", "running", "cancel requested", "succeeded", "failed", "cancelled", "interrupted", "up failed"];

  /** An operation of a fresh datastore of the team in `state`: a preview, or (up failed) the up confirming one. */
  async function operationIn(state: State): Promise<string> {
    const ds = await provisionableDatastore({ teamId: w.team.id, status: "approved", tier: 2 });
    const preview = OperationSchema.parse(await (await prov.queue(w.member, ds.id, { kind: "preview" })).json());
    if (state === "queued") return preview.id;
    if (state === "running" || state === "cancel requested") {
      await db().operation.update({
        where: { id: preview.id },
        data: { status: "running", startedAt: new Date(), ...(state === "cancel requested" ? { cancelRequestedAt: new Date() } : {}) },
      });
      return preview.id;
    }
    await settleByHand(preview.id, state === "up failed" ? "succeeded" : state);
    if (state !== "up failed") return preview.id;
    const up = OperationSchema.parse(await (await prov.queue(w.member, ds.id, { kind: "up", previewId: preview.id })).json());
    await settleByHand(up.id, "failed");
    await db().datastore.update({ where: { id: ds.id }, data: { status: "failed" } });
    return up.id;
  }

  const perform: Record<keyof OperationDto["actions"], (p: TestPerson, id: string) => Promise<Response>> = {
    cancel: (p, id) => prov.cancel(p, id),
    retry: (p, id) => prov.retry(p, id),
    approve: (p, id) => prov.approve(p, id),
    confirm: async (p, id) => prov.queue(p, (await db().operation.findUniqueOrThrow({ where: { id } })).datastoreId, { kind: "up", previewId: id }),
  };

  it.each(STATES)("say what the API does with a %s operation, for its team and reviewers", async (state) => {
    for (const name of Object.keys(perform) as (keyof OperationDto["actions"])[]) {
      for (const p of [w.member, w.reviewer, platformReviewer]) {
        const id = await operationIn(state);
        const op = OperationSchema.parse(await (await prov.get(p, id)).json());
        const res = await perform[name](p, id);
        if (state === "cancel requested" && name === "cancel") {
          // The one answer that is not a refusal: asking again is accepted and changes nothing (idempotent), so the
          // action says there is nothing left to ask for.
          expect(op.actions.cancel).toMatchObject({ allowed: false, code: "conflict", reason: expect.stringContaining("Cancellation was requested") });
          expect(res.status).toBe(202);
          expect(OperationSchema.parse(await res.json()).cancelRequestedAt).toBe(op.cancelRequestedAt);
          continue;
        }
        await expectAnswerMatches(op.actions[name], res, `${p.email} × ${name} on a ${state} operation`);
      }
    }
  });
});

// A stranger sees nothing, and so is told nothing: no actions, a 404 — the same as for what does not exist.
describe("what the caller cannot see", () => {
  it("answers 404 with no actions", async () => {
    const stranger = await makePerson(w.other.id, "member", "stranger");
    const r = await submitted(w.member, w.team.id, "vh-act-hidden");
    expect((await api.get(stranger, r.id)).status).toBe(404);
  });
});
