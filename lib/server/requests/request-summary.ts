// Request rows → the list allow-list (RequestSummarySchema): the columns a list reads, the chosen plan in a line and
// what the caller may do. The pinned plan is read for its chosen plan's cost and nodes only; the rest stays unparsed.
import "server-only";
import { z } from "zod";
import { FamilySchema, RequestSummarySchema, type ChosenPlanSummary, type RequestSummary, type UserRef } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite";
import { requestActions } from "./request-actions";
import { userRef } from "./request-store";

/** What a list reads of a request: no workload, recommendation or thresholds. */
export const REQUEST_SUMMARY_SELECT = {
  id: true,
  teamId: true,
  name: true,
  status: true,
  family: true,
  planResult: true,
  chosenRank: true,
  createdById: true,
  version: true,
  submittedAt: true,
  decidedAt: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, slug: true, name: true } },
  datastore: { select: { id: true } },
} as const satisfies NonNullable<Parameters<Db["request"]["findMany"]>[0]>["select"];

export type RequestSummaryRow = Prisma.RequestGetPayload<{ select: typeof REQUEST_SUMMARY_SELECT }>;

// Only the fields a summary needs, so the rest of a plan result (shapes, rejections, working) is never walked.
const PinnedPlansSchema = z.object({
  family: FamilySchema,
  plans: z.array(z.object({ rank: z.number().int().positive(), annualCost: z.number(), monthlyCost: z.number(), clusters: z.array(z.object({ nodes: z.number().int() })) })),
});

/** The chosen plan of a pinned plan result (the reviewer's pick, else the first), in a line. */
export function chosenPlanSummary(planResult: unknown, chosenRank: number | null): ChosenPlanSummary | null {
  if (planResult === null || planResult === undefined) return null;
  const pinned = PinnedPlansSchema.parse(planResult);
  const plan = pinned.plans.find((p) => p.rank === (chosenRank ?? 1)) ?? pinned.plans[0];
  if (!plan) return null;
  return { rank: plan.rank, family: pinned.family, annualCost: plan.annualCost, monthlyCost: plan.monthlyCost, nodes: plan.clusters.reduce((n, c) => n + c.nodes, 0) };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toRequestSummary(actor: Actor, row: RequestSummaryRow, users: Map<string, UserRef>): RequestSummary {
  return RequestSummarySchema.parse({
    id: row.id,
    teamId: row.teamId,
    team: row.team,
    name: row.name,
    status: row.status,
    family: row.family,
    chosen: chosenPlanSummary(row.planResult, row.chosenRank),
    createdById: row.createdById,
    createdBy: userRef(users, row.createdById),
    version: row.version,
    datastoreId: row.datastore?.id ?? null,
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: requestActions(actor, row),
  });
}
