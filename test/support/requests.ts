// Calling the requests API as people: typed wrappers over the real route handlers.
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/requests/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/requests/[id]/route";
import { POST as submitRoute } from "@/app/api/v1/requests/[id]/submit/route";
import { POST as cancelRoute } from "@/app/api/v1/requests/[id]/cancel/route";
import { POST as decideRoute } from "@/app/api/v1/requests/[id]/decisions/route";
import { GET as commentsRoute, POST as commentRoute } from "@/app/api/v1/requests/[id]/comments/route";
import { db } from "@/lib/server/db/client";
import type { RequestDetailDto } from "@/lib/schemas";
import { viewingHistory } from "../api/support";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "./actors";

type Body = unknown;
const params = (id: string) => ({ params: Promise.resolve({ id }) });

export const api = {
  create: (p: TestPerson | null, body: Body, headers: Record<string, string> = {}) => createRoute(jsonRequest("POST", "/api/v1/requests", p, body, headers)),
  list: (p: TestPerson | null, query = "") => listRoute(jsonRequest("GET", `/api/v1/requests${query}`, p)),
  get: (p: TestPerson | null, id: string) => getRoute(jsonRequest("GET", `/api/v1/requests/${id}`, p), params(id)),
  patch: (p: TestPerson | null, id: string, body: Body, headers: Record<string, string> = {}) =>
    patchRoute(jsonRequest("PATCH", `/api/v1/requests/${id}`, p, body, headers), params(id)),
  submit: (p: TestPerson | null, id: string, body?: Body, headers: Record<string, string> = {}) =>
    submitRoute(jsonRequest("POST", `/api/v1/requests/${id}/submit`, p, body, headers), params(id)),
  cancel: (p: TestPerson | null, id: string, headers: Record<string, string> = {}) =>
    cancelRoute(jsonRequest("POST", `/api/v1/requests/${id}/cancel`, p, undefined, headers), params(id)),
  decide: (p: TestPerson | null, id: string, body: Body, headers: Record<string, string> = {}) =>
    decideRoute(jsonRequest("POST", `/api/v1/requests/${id}/decisions`, p, body, headers), params(id)),
  comments: (p: TestPerson | null, id: string) => commentsRoute(jsonRequest("GET", `/api/v1/requests/${id}/comments`, p), params(id)),
  comment: (p: TestPerson | null, id: string, body: Body, headers: Record<string, string> = {}) =>
    commentRoute(jsonRequest("POST", `/api/v1/requests/${id}/comments`, p, body, headers), params(id)),
};

export async function json<T = RequestDetailDto>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * A team with a member (the requester), a second member, a reviewer and a team admin; another team's member, reviewer
 * and admin; and a platform reviewer in the other team (the grant to review every team) with a token carrying the
 * grant and one that does not.
 */
export async function makeWorld() {
  const team = await makeTeam();
  const other = await makeTeam();
  const [member, member2, reviewer, admin, otherMember, otherReviewer, otherAdmin, platformToken, platformPlainToken] = await Promise.all([
    makePerson(team.id, "member", "member"),
    makePerson(team.id, "member", "member2"),
    makePerson(team.id, "reviewer", "reviewer"),
    makePerson(team.id, "admin", "admin"),
    makePerson(other.id, "member", "other-member"),
    makePerson(other.id, "reviewer", "other-reviewer"),
    makePerson(other.id, "admin", "other-admin"),
    makePerson(other.id, "reviewer", "platform-token", { platformReviewer: true, tokenPlatformReviewer: true }),
    makePerson(other.id, "reviewer", "platform-plain-token", { platformReviewer: true }),
  ]);
  return { team, other, member, member2, reviewer, admin, otherMember, otherReviewer, otherAdmin, platformToken, platformPlainToken };
}

export const workload = (name = "viewing-history", extra: Record<string, unknown> = {}) => ({ ...viewingHistory, name, ...extra });

export async function draft(p: TestPerson, teamId: string, name = `vh-${Math.random().toString(36).slice(2, 8)}`): Promise<RequestDetailDto> {
  return json(await api.create(p, { teamId, workload: workload(name) }), 201);
}

export async function submitted(p: TestPerson, teamId: string, name?: string): Promise<RequestDetailDto> {
  const d = await draft(p, teamId, name);
  return json(await api.submit(p, d.id), 200);
}

/** Row counts of every table the requests API writes. */
export async function counts() {
  const d = db();
  return {
    requests: await d.request.count(),
    decisions: await d.reviewDecision.count(),
    comments: await d.comment.count(),
    datastores: await d.datastore.count(),
    thresholds: await d.threshold.count(),
    audit: await d.auditEvent.count(),
    idempotency: await d.idempotencyRecord.count(),
  };
}
