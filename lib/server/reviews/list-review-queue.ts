// The review queue: submitted requests and the day-2 changes and decommissions that need a reviewer, in one list,
// longest waiting first, a keyset page at a time. Whose work it holds is the policy's (canReviewTeam: the teams the
// actor reviews), and who may decide each item too (canReview: never what they asked for themselves).
import "server-only";
import { z } from "zod";
import { FamilySchema } from "@/lib/schemas/plan";
import { ReviewItemSchema, type ReviewItem, type ReviewQueue, type ReviewQueueQuery } from "@/lib/schemas/review";
import type { Actor } from "../auth/actor";
import { canReviewTeam } from "../auth/policy";
import { ALLOWED, forbidden, requireAllowed, toAction, type Verdict } from "../auth/verdict";
import { decideChangeVerdict } from "../changes/change-dto";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf, type PageKey } from "../datastores/page-cursor";
import { usersById } from "../requests/request-store";
import { decideVerdict } from "../requests/request-actions";
import { REQUEST_SUMMARY_SELECT, storedChosenPlan, type RequestSummaryRow } from "../requests/request-summary";

const CHANGE_SELECT = {
  id: true,
  kind: true,
  status: true,
  requestedById: true,
  requestedBy: true,
  annualCost: true,
  spec: true,
  approvalReasons: true,
  createdAt: true,
  datastore: { select: { id: true, name: true, family: true, annualCost: true, team: { select: { id: true, slug: true, name: true } } } },
} as const;

// A proposed spec is read for its node count only.
const SpecNodesSchema = z.object({ topology: z.array(z.object({ nodes: z.number().int() })) });
const nodesOf = (topology: readonly { nodes: number }[]) => topology.reduce((n, c) => n + c.nodes, 0);

interface Waiting {
  key: PageKey;
  item: (names: Map<string, string>) => ReviewItem;
}

function requestEntry(actor: Actor, row: RequestSummaryRow): Waiting {
  const at = row.submittedAt ?? row.createdAt;
  const chosen = storedChosenPlan(row.chosenPlan);
  return {
    key: { at, id: row.id },
    item: (names) =>
      ReviewItemSchema.parse({
        kind: "request",
        id: row.id,
        datastoreId: null,
        name: row.name,
        team: row.team,
        family: chosen?.family ?? row.family,
        requestedBy: names.get(row.createdById) ?? "(deleted user)",
        requestedById: row.createdById,
        waitingSince: at.toISOString(),
        annualCost: chosen?.annualCost ?? null,
        annualCostBefore: null,
        nodes: chosen?.nodes ?? null,
        approvalReasons: [],
        actions: { decide: toAction(decideVerdict(actor, row)) },
      }),
  };
}

type ChangeRow = Awaited<ReturnType<typeof findChanges>>[number];

function changeEntry(actor: Actor, row: ChangeRow): Waiting {
  const decommission = row.kind === "decommission";
  const spec = decommission || row.spec === null ? null : SpecNodesSchema.parse(row.spec);
  return {
    key: { at: row.createdAt, id: row.id },
    item: (names) =>
      ReviewItemSchema.parse({
        kind: decommission ? "decommission" : "change",
        id: row.id,
        datastoreId: row.datastore.id,
        name: row.datastore.name,
        team: row.datastore.team,
        family: FamilySchema.parse(row.datastore.family),
        requestedBy: (row.requestedById ? names.get(row.requestedById) : undefined) ?? row.requestedBy,
        requestedById: row.requestedById,
        waitingSince: row.createdAt.toISOString(),
        annualCost: decommission ? 0 : row.annualCost,
        annualCostBefore: row.datastore.annualCost,
        nodes: decommission ? 0 : spec ? nodesOf(spec.topology) : null,
        approvalReasons: z.array(z.string()).parse(row.approvalReasons),
        actions: { decide: toAction(decideChangeVerdict(actor, { teamId: row.datastore.team.id }, row)) },
      }),
  };
}

/** The teams whose work the actor reviews, by the policy; null when that is every team (no team condition needed). */
async function reviewedTeams(actor: Actor): Promise<string[] | null> {
  const teams = await db().team.findMany({ select: { id: true } });
  const reviewed = teams.filter((t) => canReviewTeam(actor, t.id)).map((t) => t.id);
  return reviewed.length === teams.length ? null : reviewed;
}

interface Scope {
  requests: { status: "submitted"; submittedAt: { not: null }; teamId?: { in: string[] } };
  changes: { status: "pending-approval"; datastore?: { teamId: { in: string[] } } };
}

function scopeOf(teams: string[] | null): Scope {
  return {
    requests: { status: "submitted", submittedAt: { not: null }, ...(teams ? { teamId: { in: teams } } : {}) },
    changes: { status: "pending-approval", ...(teams ? { datastore: { teamId: { in: teams } } } : {}) },
  };
}

function findChanges(scope: Scope, after: PageKey | null, take: number) {
  return db().datastoreChange.findMany({
    where: { AND: [scope.changes, after ? afterKey("createdAt", after, "asc") : {}] },
    select: CHANGE_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
  });
}

const byKey = (a: Waiting, b: Waiting) => a.key.at.getTime() - b.key.at.getTime() || (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0);

/**
 * The whole queue's size, and how much of it the actor may decide: the header's badge. Counted in the database (the
 * queue's indexes), not read: within the teams the actor reviews, canReview leaves out only what they asked for.
 */
async function countWaiting(actor: Actor, scope: Scope): Promise<ReviewQueue["waiting"]> {
  const [requests, ownRequests, changes, ownChanges] = await Promise.all([
    db().request.count({ where: scope.requests }),
    db().request.count({ where: { ...scope.requests, createdById: actor.userId } }),
    db().datastoreChange.count({ where: scope.changes }),
    db().datastoreChange.count({ where: { ...scope.changes, requestedById: actor.userId } }),
  ]);
  return { total: requests + changes, forYou: requests - ownRequests + (changes - ownChanges) };
}

const NOT_A_REVIEWER = forbidden("The review queue is for reviewers; follow your own requests on the dashboard.");

/** Whether the actor has a review queue: the teams the policy lets them review are not none (/me's `actions.review`). */
export async function reviewQueueVerdict(actor: Actor): Promise<Verdict> {
  const teams = await reviewedTeams(actor);
  return teams === null || teams.length > 0 ? ALLOWED : NOT_A_REVIEWER;
}

/** Whether the actor reviews any team's work (has a queue): the pages ask before they prefetch it. */
export async function hasReviewQueue(actor: Actor): Promise<boolean> {
  return (await reviewQueueVerdict(actor)).allowed;
}

export async function listReviewQueue({ actor, query }: { actor: Actor; query: ReviewQueueQuery }): Promise<ReviewQueue> {
  const teams = await reviewedTeams(actor);
  if (teams?.length === 0) requireAllowed(NOT_A_REVIEWER);
  const scope = scopeOf(teams);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const take = query.limit + 1;
  // Each source's first page in the queue's order; the merged page is the first `take` of both.
  const requests = await db().request.findMany({
    where: { AND: [scope.requests, after ? afterKey("submittedAt", after, "asc") : {}] },
    select: REQUEST_SUMMARY_SELECT,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take,
  });
  const changes = await findChanges(scope, after, take);
  const merged = [...requests.map((r) => requestEntry(actor, r)), ...changes.map((c) => changeEntry(actor, c))].sort(byKey).slice(0, take);
  const { page, nextCursor } = pageOf(merged, query.limit, (w) => w.key);
  const users = await usersById(db(), [...requests.map((r) => r.createdById), ...changes.flatMap((c) => (c.requestedById ? [c.requestedById] : []))]);
  const names = new Map([...users].map(([id, u]) => [id, u.name]));
  return { items: page.map((w) => w.item(names)), nextCursor, waiting: await countWaiting(actor, scope) };
}
