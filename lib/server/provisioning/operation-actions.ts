// What may be done with an operation now, and why not: the rules that queueing, retrying and the `actions` of an
// operation's DTO share, so that a button the UI offers is exactly a request the API accepts.
import "server-only";
import type { FieldError } from "@/lib/errors";
import { isTerminal, type OperationKind, type OperationPurpose, type OperationStatus } from "@/lib/schemas/operation";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { OrgSettings } from "@/lib/schemas/org-settings";
import type { Actor } from "../auth/actor";
import { canEditDatastore, canReviewTeam } from "../auth/policy";
import { ALLOWED, conflict, firstDenial, forbidden, toAction, type Verdict } from "../auth/verdict";
import type { Tx } from "../db/client";
import type { DatastoreWithRelations } from "../datastores/datastore-dto";
import { loadOrgSettings, missingSettings } from "../settings/provisioning-settings";
import type { OperationActions, OperationRow } from "./operation-rows";
import { parseStoredSpec, specHash, specOfDatastore } from "./spec";

/** Datastore statuses in which no operation may be queued any more. */
const GONE = ["decommissioning", "decommissioned"] as const;
/** Operations that change the stack: at most one of them queued or running per datastore. */
const APPLY_KINDS = ["up", "destroy"] as const satisfies readonly OperationKind[];

interface ChangeFacts {
  id: string;
  kind: string;
  status: string;
  spec: unknown;
}

/** What the rules need to know about a datastore beyond the row: its busy apply, retried operations and changes. */
export interface ActionContext {
  datastore: DatastoreWithRelations;
  /** The up or destroy queued or running for the datastore, if any. */
  busy: { id: string; kind: string; status: string } | null;
  /** Operation id → the id of its retry (the newer attempt). */
  retriedBy: ReadonlyMap<string, string>;
  changes: ReadonlyMap<string, ChangeFacts>;
  /** The organisation's provisioning settings, which every operation's spec needs for its regions. */
  org: OrgSettings;
  /** Memo of the datastore's own spec (it is parsed at most once per context). */
  ownSpec?: SpecOrReason;
}

export type SpecOrReason = { spec: DatastoreSpec; hash: string } | { reason: string };

export async function loadActionContext(client: Tx, datastore: DatastoreWithRelations): Promise<ActionContext> {
  const [busy, retries, changes, org] = await Promise.all([
    client.operation.findFirst({
      where: { datastoreId: datastore.id, kind: { in: [...APPLY_KINDS] }, status: { in: ["queued", "running"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, status: true },
    }),
    client.operation.findMany({ where: { datastoreId: datastore.id, retryOfId: { not: null } }, select: { id: true, retryOfId: true } }),
    client.datastoreChange.findMany({ where: { datastoreId: datastore.id }, select: { id: true, kind: true, status: true, spec: true } }),
    loadOrgSettings(client),
  ]);
  return {
    datastore,
    busy,
    retriedBy: new Map(retries.flatMap((r) => (r.retryOfId ? [[r.retryOfId, r.id] as const] : []))),
    changes: new Map(changes.map((c) => [c.id, c])),
    org,
  };
}

/** The datastore's spec as the catalog holds it; a stored row the program cannot accept is a reason, not a 500. */
export function datastoreSpecOrReason(datastore: DatastoreWithRelations): SpecOrReason {
  try {
    const spec = specOfDatastore(datastore);
    return { spec, hash: specHash(spec) };
  } catch (error) {
    return { reason: `the datastore cannot be provisioned as stored (${error instanceof Error ? error.message.split("\n")[0] : "invalid spec"})` };
  }
}

/** The context's datastore spec (datastoreSpecOrReason), parsed at most once per context. */
export function ownSpec(ctx: ActionContext): SpecOrReason {
  return (ctx.ownSpec ??= datastoreSpecOrReason(ctx.datastore));
}

function changeSpec(change: ChangeFacts): SpecOrReason {
  try {
    const spec = parseStoredSpec(change.spec);
    return { spec, hash: specHash(spec) };
  } catch {
    return { reason: `change ${change.id} holds no valid spec` };
  }
}

/**
 * Whether a change may be applied now: approved, or failed (its up or destroy failed: a retry or a new confirm may
 * apply it) as long as no other change has been asked for since.
 */
function applyBlocker(ctx: ActionContext, change: ChangeFacts): string | null {
  if (change.status === "pending-approval") return `change ${change.id} waits for a reviewer's approval`;
  if (change.status === "approved") return null;
  if (change.status === "failed") {
    const open = [...ctx.changes.values()].find((c) => c.id !== change.id && (c.status === "pending-approval" || c.status === "approved"));
    return open ? `change ${open.id} has been asked for since; change ${change.id} no longer applies` : null;
  }
  return `change ${change.id} is ${change.status}`;
}

const statusIs = (ctx: ActionContext, ...allowed: string[]) => allowed.includes(ctx.datastore.status);
const statusReason = (ctx: ActionContext, needs: string) => `the datastore is ${ctx.datastore.status}; ${needs}`;

/**
 * The spec an up of this purpose would apply now: for a first provisioning (or a new attempt after a failure) the
 * datastore's own spec; for a day-2 change the approved change's proposed spec. Otherwise why no up can run.
 */
export function desiredSpec(ctx: ActionContext, purpose: OperationPurpose, changeId: string | null): SpecOrReason {
  if (purpose === "provision") {
    if (!statusIs(ctx, "approved", "failed")) return { reason: statusReason(ctx, "provisioning needs it approved or failed") };
    return ownSpec(ctx);
  }
  if (purpose === "change") {
    const change = changeId === null ? undefined : ctx.changes.get(changeId);
    if (!change || change.kind !== "update") return { reason: "the operation belongs to no day-2 change" };
    const blocked = applyBlocker(ctx, change);
    if (blocked) return { reason: blocked };
    if (!statusIs(ctx, "active", "failed")) return { reason: statusReason(ctx, "a change applies to an active (or failed) datastore") };
    return changeSpec(change);
  }
  return { reason: `a ${purpose} preview shows what differs; it cannot be confirmed` };
}

export interface Intent {
  kind: OperationKind;
  purpose: OperationPurpose;
  /** The spec the operation would run with (an up: the confirmed preview's). */
  specHash: string;
  changeId: string | null;
}

/** Why no up or destroy can be queued now (one is already queued or running), or null. */
export function busyBlocker(ctx: ActionContext): string | null {
  return ctx.busy ? `operation ${ctx.busy.id} (${ctx.busy.kind}) is already ${ctx.busy.status} for this datastore; wait for it or cancel it` : null;
}

/** Why the operation cannot be queued now, or null when it can. The same rules for new operations and retries. */
export function blockerOf(ctx: ActionContext, intent: Intent): string | null {
  if ((GONE as readonly string[]).includes(ctx.datastore.status)) return `the datastore is ${ctx.datastore.status}`;
  const busy = (APPLY_KINDS as readonly string[]).includes(intent.kind) ? busyBlocker(ctx) : null;
  switch (intent.kind) {
    case "up": {
      if (busy) return busy;
      const desired = desiredSpec(ctx, intent.purpose, intent.changeId);
      if ("reason" in desired) return desired.reason;
      return desired.hash === intent.specHash ? null : "the preview is stale: the datastore's desired spec changed since; preview again";
    }
    case "destroy": {
      if (busy) return busy;
      if (intent.purpose === "cleanup")
        return statusIs(ctx, "approved", "failed")
          ? null
          : statusReason(ctx, "cleaning up needs it failed or approved (an active datastore is decommissioned through /changes)");
      if (intent.purpose !== "decommission") return `a destroy is for cleanup or decommission, not ${intent.purpose}`;
      const change = intent.changeId === null ? undefined : ctx.changes.get(intent.changeId);
      if (!change || change.kind !== "decommission") return "a decommission needs an approved decommission change";
      const blocked = applyBlocker(ctx, change);
      if (blocked) return blocked;
      return statusIs(ctx, "active", "failed") ? null : statusReason(ctx, "only an active or failed datastore is decommissioned");
    }
    case "preview": {
      if (intent.purpose === "provision")
        return statusIs(ctx, "approved", "failed") ? null : statusReason(ctx, "a provisioning preview needs it approved or failed");
      if (intent.purpose === "drift") return statusIs(ctx, "active") ? null : statusReason(ctx, "a preview of the current spec needs it active");
      if (intent.purpose === "change") {
        const change = intent.changeId === null ? undefined : ctx.changes.get(intent.changeId);
        if (!change || !["pending-approval", "approved"].includes(change.status)) return "the change is no longer open";
        return statusIs(ctx, "active", "failed") ? null : statusReason(ctx, "a change applies to an active (or failed) datastore");
      }
      return `a preview is for provision, change or drift, not ${intent.purpose}`;
    }
    case "refresh":
      return statusIs(ctx, "active", "failed") ? null : statusReason(ctx, "a drift check needs it active or failed");
    case "replace-nodes":
      return statusIs(ctx, "active") ? null : statusReason(ctx, "nodes are replaced on an active datastore");
    case "benchmark":
      return statusIs(ctx, "active") ? null : statusReason(ctx, "a benchmark runs against an active datastore");
  }
}

const RETRYABLE: readonly OperationStatus[] = ["failed", "cancelled", "interrupted"];

/** Why an operation in this status can never be retried, or null when its status allows a retry. */
export function statusRetryBlocker(status: string): string | null {
  return RETRYABLE.includes(status as OperationStatus) ? null : `the operation is ${status}; only a failed, cancelled or interrupted one can be retried`;
}

/** Why this operation cannot be retried now (latest attempt only, same rules as queueing it anew), or null. */
export function retryBlocker(ctx: ActionContext, op: OperationRow): string | null {
  // A run's figures belong to its bench_runs row: a new run is started, not the operation retried.
  if (op.kind === "benchmark") return "a benchmark is not retried: start a new run";
  const byStatus = statusRetryBlocker(op.status);
  if (byStatus) return byStatus;
  const newer = ctx.retriedBy.get(op.id);
  if (newer) return `operation ${newer} is a newer attempt of it; retry that one`;
  return blockerOf(ctx, { kind: op.kind as OperationKind, purpose: op.purpose as OperationPurpose, specHash: op.specHash, changeId: op.changeId });
}

/** Why this (succeeded) preview cannot be confirmed with an up now, or null. */
export function confirmBlocker(ctx: ActionContext, preview: OperationRow): string | null {
  if (preview.kind !== "preview") return "only a preview can be confirmed";
  if (preview.status !== "succeeded") return `the preview is ${preview.status}; only a succeeded preview can be confirmed`;
  return blockerOf(ctx, { kind: "up", purpose: preview.purpose as OperationPurpose, specHash: preview.specHash, changeId: preview.changeId });
}

/** A blocker as the API words it: the reason as a sentence. */
export function sentence(reason: string): string {
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}

/** The 409 sentence naming every organisation setting a spec still lacks. */
export function missingSettingsReason(missing: readonly FieldError[]): string {
  const list = missing.map((m) => `${m.field} (${m.message})`).join("; ");
  return `Provisioning needs organisation settings that are missing: ${list}. A portal administrator must add them under Settings.`;
}

/** Whether the organisation settings cover every region, family and zone of the spec (409 naming what is missing). */
export function settingsVerdict(org: OrgSettings, spec: DatastoreSpec): Verdict {
  const missing = missingSettings(spec, org);
  return missing.length > 0 ? conflict(missingSettingsReason(missing), missing) : ALLOWED;
}

/** The spec an operation row runs with, or the verdict that it cannot run at all. */
function storedSpecVerdict(op: OperationRow, then: (spec: DatastoreSpec) => Verdict): Verdict {
  let spec: DatastoreSpec;
  try {
    spec = parseStoredSpec(op.spec);
  } catch {
    return conflict(`Operation ${op.id} holds no valid spec; preview again.`);
  }
  return then(spec);
}

/** What an operation to be queued is: its kind and purpose, the spec it runs with (or why there is none) and its change. */
export interface Planned {
  kind: OperationKind;
  purpose: OperationPurpose;
  spec: SpecOrReason;
  changeId: string | null;
}

/** The latest open (undecided, or approved and not yet applied) update change of the datastore. */
function openUpdate(ctx: ActionContext): ChangeFacts | undefined {
  return [...ctx.changes.values()].find((c) => c.kind === "update" && (c.status === "pending-approval" || c.status === "approved"));
}

/** The operation a preview, drift check or cleanup destroy would be now, with the spec it runs with (or why none). */
export function plannedOperation(ctx: ActionContext, kind: Exclude<OperationKind, "up" | "replace-nodes" | "benchmark">): Planned {
  const d = ctx.datastore;
  switch (kind) {
    case "preview": {
      // approved/failed: what a provisioning would create; active: the open day-2 change's diff, else what differs
      // between the stack and the catalog's spec (not confirmable: changes go through /changes).
      if (d.status === "active") {
        const change = openUpdate(ctx);
        if (change) return { kind: "preview", purpose: "change", changeId: change.id, spec: changeSpec(change) };
        return { kind: "preview", purpose: "drift", changeId: null, spec: ownSpec(ctx) };
      }
      const purpose: OperationPurpose = d.status === "approved" || d.status === "failed" ? "provision" : "drift";
      return { kind: "preview", purpose, changeId: null, spec: ownSpec(ctx) };
    }
    case "refresh":
      return { kind: "refresh", purpose: "drift", changeId: null, spec: ownSpec(ctx) };
    case "destroy":
      return { kind: "destroy", purpose: "cleanup", changeId: null, spec: ownSpec(ctx) };
  }
}

/**
 * Queue it (POST …/operations): the datastore's owners and reviewers, while anything can still run on it, with a
 * spec the program accepts, when the lifecycle allows it and the organisation settings cover its spec.
 */
export function queueVerdict(actor: Actor, ctx: ActionContext, planned: Planned): Verdict {
  const d = ctx.datastore;
  return firstDenial(
    () => (canEditDatastore(actor, d.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may provision this datastore.")),
    () => ((GONE as readonly string[]).includes(d.status) ? conflict(`The datastore is ${d.status}; nothing more can run on it.`) : ALLOWED),
    () => ("reason" in planned.spec ? conflict(sentence(planned.spec.reason)) : ALLOWED),
    () => {
      if ("reason" in planned.spec) return ALLOWED;
      const blocker = blockerOf(ctx, { kind: planned.kind, purpose: planned.purpose, specHash: planned.spec.hash, changeId: planned.changeId });
      return blocker ? conflict(sentence(blocker)) : settingsVerdict(ctx.org, planned.spec.spec);
    },
  );
}

/** Cancel (what the API enforces): its owners and reviewers, while it is queued or running. */
export function cancelOperationVerdict(actor: Actor, datastore: { teamId: string }, op: Pick<OperationRow, "status">): Verdict {
  return firstDenial(
    () => (canEditDatastore(actor, datastore.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may cancel its operations.")),
    () =>
      isTerminal(op.status as OperationStatus) ? conflict(`The operation is ${op.status}; only a queued or running operation can be cancelled.`) : ALLOWED,
  );
}

/**
 * Cancel as the DTO offers it: as the API allows, and not once it was asked to stop — asking again answers 202 with
 * the first request kept (idempotent), so there is nothing left to ask for.
 */
function cancelAction(actor: Actor, ctx: ActionContext, op: Pick<OperationRow, "status" | "cancelRequestedAt">): Verdict {
  return firstDenial(
    () => cancelOperationVerdict(actor, ctx.datastore, op),
    () =>
      op.cancelRequestedAt !== null
        ? conflict(`Cancellation was requested at ${op.cancelRequestedAt.toISOString()}; the worker stops the engine at its next step.`)
        : ALLOWED,
  );
}

/** Retry: its owners and reviewers; the latest attempt of a failed, cancelled or interrupted operation that could be queued anew now. */
export function retryOperationVerdict(actor: Actor, ctx: ActionContext, op: OperationRow): Verdict {
  return firstDenial(
    () => (canEditDatastore(actor, ctx.datastore.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may retry its operations.")),
    () => {
      const blocker = retryBlocker(ctx, op);
      return blocker ? conflict(`Cannot retry: ${blocker}.`) : ALLOWED;
    },
    () => storedSpecVerdict(op, (spec) => settingsVerdict(ctx.org, spec)),
  );
}

/** Confirm with an up: its owners and reviewers; a succeeded preview whose spec is still the one an up would apply. */
export function confirmPreviewVerdict(actor: Actor, ctx: ActionContext, preview: OperationRow): Verdict {
  return firstDenial(
    () => (canEditDatastore(actor, ctx.datastore.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may provision this datastore.")),
    () => {
      const blocker = confirmBlocker(ctx, preview);
      return blocker ? conflict(sentence(blocker)) : ALLOWED;
    },
    () => storedSpecVerdict(preview, (spec) => settingsVerdict(ctx.org, spec)),
  );
}

/**
 * Approve a scheduled replacement (a tier 0/1 datastore whose team's policy is not automatic): the team's reviewers
 * and platform reviewers, while it is queued and not yet approved. Approving does not move its window.
 */
export function approveOperationVerdict(
  actor: Actor,
  datastore: { teamId: string },
  op: Pick<OperationRow, "status" | "approvalRequired" | "approvedAt" | "approvedBy">,
): Verdict {
  return firstDenial(
    () => (canReviewTeam(actor, datastore.teamId) ? ALLOWED : forbidden("Only the team's reviewers and platform reviewers may approve its maintenance.")),
    () => (op.approvalRequired ? ALLOWED : conflict("The operation needs no approval.")),
    () => (op.approvedAt ? conflict(`The operation was approved by ${op.approvedBy ?? "a reviewer"} at ${op.approvedAt.toISOString()}.`) : ALLOWED),
    () => (op.status === "queued" ? ALLOWED : conflict(`The operation is ${op.status}; only a queued operation can be approved.`)),
  );
}

/** What the actor may do with the operation now (the DTO's `actions`). */
export function operationActions(actor: Actor, ctx: ActionContext, op: OperationRow): OperationActions {
  return {
    cancel: toAction(cancelAction(actor, ctx, op)),
    retry: toAction(retryOperationVerdict(actor, ctx, op)),
    confirm: toAction(confirmPreviewVerdict(actor, ctx, op)),
    approve: toAction(approveOperationVerdict(actor, ctx.datastore, op)),
  };
}
