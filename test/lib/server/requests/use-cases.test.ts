// The requests use-cases called directly, with actors the token path cannot produce (a portal administrator, a
// browser user in several teams), and the HTTP helpers they rely on.
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor, TeamRole } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { checkIfMatch, etagOf, readIfMatch } from "@/lib/server/http/etag";
import { addComment } from "@/lib/server/requests/add-comment";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { createRequest } from "@/lib/server/requests/create-request";
import { getRequest } from "@/lib/server/requests/get-request";
import { listRequests } from "@/lib/server/requests/list-requests";
import { reviewRequest } from "@/lib/server/requests/review-request";
import { submitRequest } from "@/lib/server/requests/submit-request";
import { updateRequest } from "@/lib/server/requests/update-request";
import { CreateRequestBodySchema, RequestListQuerySchema, ReviewDecisionBodySchema } from "@/lib/schemas";
import { makeTeam } from "../../../support/actors";
import { workload } from "../../../support/requests";

async function user(name: string, isAdmin = false, roles: [string, TeamRole][] = [], platformReviewer = false): Promise<Actor> {
  const id = crypto.randomUUID();
  await db().user.create({ data: { id, name, email: `${name}-${id.slice(0, 6)}@example.test`, isAdmin, platformReviewer } });
  for (const [teamId, role] of roles) await db().membership.create({ data: { userId: id, teamId, role } });
  return { kind: "user", userId: id, label: `user:${name}`, isAdmin, platformReviewer, roles: new Map(roles) };
}

const rejects = (code: string) => ({ asymmetricMatch: (e: unknown) => e instanceof AppError && e.code === code, toString: () => code });
const body = (teamId: string, name: string) => CreateRequestBodySchema.parse({ teamId, workload: workload(name) });

let teamA: string;
let teamB: string;
let portalAdmin: Actor;
let requester: Actor;
beforeAll(async () => {
  teamA = (await makeTeam()).id;
  teamB = (await makeTeam()).id;
  portalAdmin = await user("root", true);
  requester = await user("ana", false, [
    [teamA, "member"],
    [teamB, "reviewer"],
  ]);
});

describe("requests use-cases", () => {
  it("a portal administrator requests for any team, but still cannot approve their own request", async () => {
    const d = await createRequest({ actor: portalAdmin, input: body(teamB, "vh-root") });
    const s = await submitRequest({ actor: portalAdmin, id: d.id });
    await expect(reviewRequest({ actor: portalAdmin, id: s.id, input: ReviewDecisionBodySchema.parse({ decision: "approved" }) })).rejects.toEqual(
      rejects("forbidden"),
    );
    const ok = await reviewRequest({ actor: requester, id: s.id, input: ReviewDecisionBodySchema.parse({ decision: "approved" }) });
    expect(ok.status).toBe("approved");
  });

  it("an administrator naming a team that does not exist gets a 422 on teamId", async () => {
    await expect(createRequest({ actor: portalAdmin, input: body("no-such-team", "vh-ghost") })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "invalid_input" && e.fieldErrors[0]?.field === "teamId",
    );
  });

  it("a team's reviewer reviews that team's requests only (not another team's, even as its member), never their own; a platform reviewer reviews every team's", async () => {
    const other = await user("bo", false, [
      [teamA, "member"],
      [teamB, "member"],
    ]);
    const inA = await submitRequest({ actor: other, id: (await createRequest({ actor: other, input: body(teamA, "vh-bo") })).id });
    // ana reviews in teamB; in teamA she is a member, so teamA's request is not hers to decide.
    await expect(reviewRequest({ actor: requester, id: inA.id, input: ReviewDecisionBodySchema.parse({ decision: "approved" }) })).rejects.toEqual(
      rejects("forbidden"),
    );
    const inB = await submitRequest({ actor: other, id: (await createRequest({ actor: other, input: body(teamB, "vh-bo-b") })).id });
    expect(
      (
        await reviewRequest({
          actor: requester,
          id: inB.id,
          input: ReviewDecisionBodySchema.parse({ decision: "changes-requested", comment: "Smaller, please." }),
        })
      ).status,
    ).toBe("changes-requested");
    const mine = await submitRequest({ actor: requester, id: (await createRequest({ actor: requester, input: body(teamB, "vh-ana") })).id });
    await expect(reviewRequest({ actor: requester, id: mine.id, input: ReviewDecisionBodySchema.parse({ decision: "approved" }) })).rejects.toEqual(
      rejects("forbidden"),
    );
    // The grant, not a team role, reaches every team: rita reviews teamA's request without being in teamA.
    const rita = await user("rita", false, [[teamB, "member"]], true);
    expect((await reviewRequest({ actor: rita, id: inA.id, input: ReviewDecisionBodySchema.parse({ decision: "approved" }) })).status).toBe("approved");
  });

  it("every state change is audited with who did it", async () => {
    const d = await createRequest({ actor: requester, input: body(teamA, "vh-audit") });
    await updateRequest({ actor: requester, id: d.id, input: { family: "cassandra" }, ifMatch: [1] });
    await addComment({ actor: requester, id: d.id, input: { body: "note" } });
    await cancelRequest({ actor: requester, id: d.id });
    const events = await db().auditEvent.findMany({ where: { subjectId: d.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(events.map((e) => e.action).sort()).toEqual(["request.cancelled", "request.commented", "request.created", "request.updated"]);
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([requester.userId]));
    expect(events.every((e) => e.teamId === teamA)).toBe(true);
  });

  it("a workload no family can serve is refused at submission with a 422 (no_family_fits), the draft untouched", async () => {
    const d = await createRequest({ actor: requester, input: body(teamA, "vh-linear") });
    await updateRequest({
      actor: requester,
      id: d.id,
      input: { workload: CreateRequestBodySchema.shape.workload.parse(workload("vh-linear", { consistency: "linearizable" })) },
      ifMatch: "*",
    });
    await expect(submitRequest({ actor: requester, id: d.id })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "no_family_fits" && e.status === 422,
    );
    expect(await getRequest({ actor: requester, id: d.id })).toMatchObject({ status: "draft", version: 2, planResult: null });
  });

  it("lists a reviewer's queue across teams and a member's own teams only", async () => {
    const outsider = await user("cy", false, [[(await makeTeam()).id, "member"]]);
    const page = await listRequests({ actor: outsider, query: RequestListQuerySchema.parse({}) });
    expect(page.items).toEqual([]);
    const queue = await listRequests({ actor: portalAdmin, query: RequestListQuerySchema.parse({ status: "submitted", limit: "100" }) });
    expect(queue.items.every((r) => r.status === "submitted")).toBe(true);
  });
});

describe("ETag helpers", () => {
  const req = (h?: string) => new Request("http://localhost/x", { method: "PATCH", headers: h === undefined ? {} : { "if-match": h } });
  it("reads strong version tags, lists and *, and ignores foreign or weak tags", () => {
    expect(etagOf(3)).toBe('"v3"');
    expect(readIfMatch(req('"v3"'))).toEqual([3]);
    expect(readIfMatch(req('"v3", "v4"'))).toEqual([3, 4]);
    expect(readIfMatch(req("*"))).toBe("*");
    expect(readIfMatch(req('W/"v3"'))).toEqual([]);
    expect(readIfMatch(req())).toBeUndefined();
    expect(() => readIfMatch(req(), { required: true })).toThrow(expect.objectContaining({ code: "precondition_required" }));
  });
  it("checks the current version: 412 on a mismatch, nothing without a header", () => {
    expect(() => checkIfMatch([2], 3, "request")).toThrow(expect.objectContaining({ code: "precondition_failed" }));
    expect(() => checkIfMatch([3], 3, "request")).not.toThrow();
    expect(() => checkIfMatch("*", 3, "request")).not.toThrow();
    expect(() => checkIfMatch(undefined, 3, "request")).not.toThrow();
  });
});
