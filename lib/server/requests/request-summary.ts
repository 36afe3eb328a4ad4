// Request rows → the list allow-list (RequestSummarySchema): the columns a list reads, the chosen plan in a line and
// what the caller may do. The line is stored beside the pinned plan (chosenPlan), so a list never reads the plan.
import "server-only";
import { ChosenPlanSummarySchema, RequestSummarySchema, type ChosenPlanSummary, type Family, type RequestSummary, type UserRef } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { requestActions } from "./request-actions";
import { userRef } from "./request-store";

/** What a list reads of a request: the chosen plan's line, never the pinned plan, workload, recommendation or thresholds. */
export const REQUEST_SUMMARY_SELECT = {
  id: true,
  teamId: true,
  name: true,
  status: true,
  family: true,
  chosenPlan: true,
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

/**
 * The chosen plan in a line. Stored as the request's chosenPlan whenever a plan is pinned or chosen (submit, approve),
 * so that lists and the review queue never read the pinned plan; the migration that added it wrote the same for
 * requests pinned before.
 */
export function planLine(
  family: Family,
  plan: { rank: number; annualCost: number; monthlyCost: number; clusters: readonly { nodes: number }[] },
): ChosenPlanSummary {
  return { rank: plan.rank, family, annualCost: plan.annualCost, monthlyCost: plan.monthlyCost, nodes: plan.clusters.reduce((n, c) => n + c.nodes, 0) };
}

/** The stored chosenPlan column as the wire carries it (null: nothing pinned yet). */
export function storedChosenPlan(value: unknown): ChosenPlanSummary | null {
  return value === null || value === undefined ? null : ChosenPlanSummarySchema.parse(value);
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
    chosen: storedChosenPlan(row.chosenPlan),
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
