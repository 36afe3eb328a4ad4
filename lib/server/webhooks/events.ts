// The portal's events, built where the state changes (each called in the transaction that writes the change and its
// audit event): the resource in a few fields, its team, and links back to the portal and the API.
import "server-only";
import { env } from "@/lib/env";
import type { ChangeSummary } from "@/lib/schemas/operation";
import type { WebhookEvent } from "@/lib/schemas/webhook";
import type { Tx } from "../db/client";
import { emitWebhookEvent } from "./emit-event";

/** Where people reach the portal: PUBLIC_URL, else this server's own address. */
export function portalUrl(path: string): string {
  const base = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return `${base}${path}`;
}

const teamOf = (team: { id: string; slug: string; name: string }) => ({ id: team.id, slug: team.slug, name: team.name });
const TEAM = { select: { id: true, slug: true, name: true } } as const;

type RequestEvent = Extract<WebhookEvent, `request.${string}`>;

/** request.submitted | approved | changes_requested | rejected */
export async function emitRequestEvent(tx: Tx, type: RequestEvent, requestId: string): Promise<void> {
  const row = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      id: true,
      teamId: true,
      name: true,
      status: true,
      family: true,
      chosenPlan: true,
      submittedAt: true,
      decidedAt: true,
      team: TEAM,
      datastore: { select: { id: true } },
    },
  });
  await emitWebhookEvent(tx, type, row.teamId, () => ({
    request: {
      id: row.id,
      name: row.name,
      status: row.status,
      family: row.family,
      chosenPlan: row.chosenPlan,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      datastoreId: row.datastore?.id ?? null,
    },
    team: teamOf(row.team),
    links: { portal: portalUrl(`/requests/${row.id}`), api: portalUrl(`/api/v1/requests/${row.id}`) },
  }));
}

async function datastoreSummary(tx: Tx, datastoreId: string) {
  const row = await tx.datastore.findUniqueOrThrow({
    where: { id: datastoreId },
    select: { id: true, teamId: true, name: true, family: true, tier: true, status: true, regions: true, monthlyCost: true, annualCost: true, team: TEAM },
  });
  const { team, teamId, ...datastore } = row;
  return {
    teamId,
    data: {
      datastore,
      team: teamOf(team),
      links: { portal: portalUrl(`/catalog/${row.id}`), api: portalUrl(`/api/v1/datastores/${row.id}`) },
    },
  };
}

type DatastoreEvent = Extract<
  WebhookEvent,
  `datastore.${string}` | `operation.${string}` | "threshold.changed" | `fleet.${string}` | `maintenance.${string}` | `benchmark.${string}`
>;

/** datastore.*, operation.*, threshold.changed, fleet.*, maintenance.*, benchmark.*: the datastore and what else the event says (the operation, the thresholds, the node). */
export async function emitDatastoreEvent(tx: Tx, type: DatastoreEvent, datastoreId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const teamId = (await tx.datastore.findUniqueOrThrow({ where: { id: datastoreId }, select: { teamId: true } })).teamId;
  await emitWebhookEvent(tx, type, teamId, async () => ({ ...(await datastoreSummary(tx, datastoreId)).data, ...extra }));
}

/** change.awaiting_review, when a day-2 change or a decommission waits for a reviewer. */
export async function emitChangeAwaitingReview(tx: Tx, changeId: string): Promise<void> {
  const change = await tx.datastoreChange.findUniqueOrThrow({
    where: { id: changeId },
    select: {
      id: true,
      datastoreId: true,
      kind: true,
      status: true,
      approvalReasons: true,
      annualCost: true,
      monthlyCost: true,
      reason: true,
      requestedBy: true,
    },
  });
  if (change.status !== "pending-approval") return;
  const teamId = (await tx.datastore.findUniqueOrThrow({ where: { id: change.datastoreId }, select: { teamId: true } })).teamId;
  await emitWebhookEvent(tx, "change.awaiting_review", teamId, async () => {
    const { data } = await datastoreSummary(tx, change.datastoreId);
    return { ...data, change, links: { ...data.links, review: portalUrl(`/reviews`) } };
  });
}

interface FinishedOperation {
  id: string;
  datastoreId: string;
  kind: string;
  purpose: string;
  attempt: number;
}

/**
 * What an operation's end means for webhooks: operation.succeeded | failed, the datastore's new status (active,
 * failed, decommissioned) when the operation changed it, and datastore.drifted when a drift check found changes.
 */
export async function emitOperationOutcome(
  tx: Tx,
  op: FinishedOperation,
  outcome: { status: string; summary?: ChangeSummary; error?: string },
  datastoreStatus: string | undefined,
): Promise<void> {
  const operation = {
    id: op.id,
    kind: op.kind,
    purpose: op.purpose,
    attempt: op.attempt,
    status: outcome.status,
    ...(outcome.summary ? { summary: outcome.summary } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    links: { api: portalUrl(`/api/v1/operations/${op.id}`) },
  };
  if (outcome.status === "succeeded" || outcome.status === "failed")
    await emitDatastoreEvent(tx, outcome.status === "succeeded" ? "operation.succeeded" : "operation.failed", op.datastoreId, { operation });
  // A replacement the maintenance scheduler placed: the owning team hears how it ended (an interrupted one failed
  // for them too: the node was not replaced, and a retry is theirs to ask for).
  if (op.kind === "replace-nodes" && outcome.status === "succeeded") await emitDatastoreEvent(tx, "maintenance.completed", op.datastoreId, { operation });
  if (op.kind === "replace-nodes" && (outcome.status === "failed" || outcome.status === "interrupted"))
    await emitDatastoreEvent(tx, "maintenance.failed", op.datastoreId, { operation });
  // A benchmark that ran to its end: the run's id and where its figures are (a cancelled one is not "completed").
  if (op.kind === "benchmark" && outcome.status === "succeeded") {
    const run = await tx.benchRun.findUnique({
      where: { operationId: op.id },
      select: { id: true, purpose: true, label: true, region: true, role: true, target: true },
    });
    if (run)
      await emitDatastoreEvent(tx, "benchmark.completed", op.datastoreId, {
        operation,
        benchmark: { ...run, links: { api: portalUrl(`/api/v1/benchmarks/${run.id}`) } },
      });
  }
  if (datastoreStatus === "active" || datastoreStatus === "failed" || datastoreStatus === "decommissioned")
    await emitDatastoreEvent(tx, `datastore.${datastoreStatus}`, op.datastoreId, { operation });
  const drifted = Object.entries(outcome.summary ?? {}).some(([change, n]) => change !== "same" && (n ?? 0) > 0);
  if (outcome.status === "succeeded" && op.kind === "refresh" && drifted) await emitDatastoreEvent(tx, "datastore.drifted", op.datastoreId, { operation });
}
