// Issue 9.1: editing a saved request over HTTP against a portal started as `npm start` starts it — a production
// build with the provisioning worker running inside the portal process (WORKER=inline, the default). The worker is
// loaded by Next's instrumentation hook, the route by the app bundle; both must share one database client and one
// Prisma namespace, or the route's "store SQL NULL" marker reaches a client that does not recognise it and is
// stored as `{}` (which the response schema then rejects with a 500).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { ProvisionerStatus } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { PortalHttp, type Caller } from "./http";

describe("editing a saved request with the in-process worker running", () => {
  const http = new PortalHttp(inject("baseUrl"), "198.51.100.91");
  const password = inject("demoPassword");
  const viewingHistory = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
  let mo: Caller = {};
  let rita: Caller = {};
  let teamId = "";

  beforeAll(async () => {
    mo = { cookie: (await http.signIn("mo@portal.local", password)).cookie };
    rita = { cookie: (await http.signIn("rita@portal.local", password)).cookie };
    const me = await http.call<Me>("/api/v1/me", mo);
    teamId = me.body.teams[0]?.id ?? "";
    // The premise: this portal runs its worker in-process, as `npm start` does.
    const provisioner = await http.call<ProvisionerStatus>("/api/v1/provisioner", mo);
    expect(provisioner.status).toBe(200);
    expect(provisioner.body.inProcessWorker).toBe(true);
  });

  async function createDraft(name: string): Promise<RequestDetailDto> {
    if (!viewingHistory) throw new Error("the viewing-history use case is missing");
    const created = await http.call<RequestDetailDto>("/api/v1/requests", mo, {
      method: "POST",
      body: { teamId, name, workload: { ...viewingHistory.workload, name } },
    });
    expect(created.status, created.text).toBe(201);
    return created.body;
  }

  async function patch(id: string, version: number, body: unknown) {
    return http.call<RequestDetailDto>(`/api/v1/requests/${id}`, mo, { method: "PATCH", body, headers: { "if-match": `"v${version}"` } });
  }

  it("saves a changed workload on a draft and reads it back", async () => {
    const draft = await createDraft("edit-draft-worker");
    const edited = await patch(draft.id, draft.version, { workload: { ...draft.workload, writesPerSecond: 150_000 } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.workload.writesPerSecond).toBe(150_000);
    expect(edited.body).toMatchObject({ status: "draft", recommendation: null, planResult: null, thresholds: null, version: draft.version + 1 });

    const read = await http.call<RequestDetailDto>(`/api/v1/requests/${draft.id}`, mo);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ recommendation: null, planResult: null, thresholds: null });
    expect(read.body.workload.writesPerSecond).toBe(150_000);
  });

  it("walks submit → changes requested → edit → resubmit → approve", async () => {
    const draft = await createDraft("edit-loop-worker");
    const submitted = await http.call<RequestDetailDto>(`/api/v1/requests/${draft.id}/submit`, mo, { method: "POST" });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.planResult).not.toBeNull();
    const firstPlanCost = submitted.body.planResult?.plans[0]?.annualCost;

    const sentBack = await http.call<RequestDetailDto>(`/api/v1/requests/${draft.id}/decisions`, rita, {
      method: "POST",
      body: { decision: "changes-requested", comment: "Plan for 150k writes/s." },
    });
    expect(sentBack.status, sentBack.text).toBe(200);
    expect(sentBack.body.status).toBe("changes-requested");

    const edited = await patch(draft.id, sentBack.body.version, { workload: { ...sentBack.body.workload, writesPerSecond: 150_000 } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ status: "changes-requested", recommendation: null, planResult: null, thresholds: null });

    const resubmitted = await http.call<RequestDetailDto>(`/api/v1/requests/${draft.id}/submit`, mo, { method: "POST" });
    expect(resubmitted.status, resubmitted.text).toBe(200);
    expect(resubmitted.body.status).toBe("submitted");
    expect(resubmitted.body.workload.writesPerSecond).toBe(150_000);
    // The server pinned a new plan for the edited workload: more writes never cost less.
    expect(resubmitted.body.planResult?.plans[0]?.annualCost).toBeGreaterThanOrEqual(firstPlanCost ?? Infinity);

    const approved = await http.call<RequestDetailDto>(`/api/v1/requests/${draft.id}/decisions`, rita, { method: "POST", body: { decision: "approved" } });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe("approved");
  });
});
