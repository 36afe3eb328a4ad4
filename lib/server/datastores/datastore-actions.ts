// What a caller may do with one datastore now, and why not: the lifecycle steps its state offers (a provisioning
// preview while approved or failed, a drift check while active, …) with the verdicts the use-cases enforce — queueing
// an operation, asking for a change or a decommission, editing thresholds, exporting the Pulumi project. The browser
// renders these; it never works out a lifecycle rule itself.
import "server-only";
import type { DatastoreActions, DatastoreDetailDto } from "@/lib/schemas/datastore";
import type { OrgSettings } from "@/lib/schemas/org-settings";
import type { Actor } from "../auth/actor";
import { canEditDatastore, canRequestFor } from "../auth/policy";
import { ALLOWED, conflict, firstDenial, forbidden, toAction, type Verdict } from "../auth/verdict";
import type { Tx } from "../db/client";
import {
  busyBlocker,
  loadActionContext,
  ownSpec,
  plannedOperation,
  queueVerdict,
  settingsVerdict,
  type ActionContext,
} from "../provisioning/operation-actions";
import { missingSettings } from "../settings/provisioning-settings";
import { toDatastoreDto, type DatastoreWithRelations } from "./datastore-dto";

/** Tiers whose decommission a reviewer must approve (so it starts nothing when asked for). */
export const CRITICAL_TIERS: readonly number[] = [0, 1];

/** Changes that still hold the datastore: at most one per datastore. */
const OPEN_CHANGE = ["pending-approval", "approved"];

/** Workload changes and decommissions are the owning team's to ask for. */
export function ownersAsk(actor: Actor, d: DatastoreWithRelations): Verdict {
  return canRequestFor(actor, d.teamId) ? ALLOWED : forbidden(`Workload changes and decommissioning are asked for by ${d.team.name}, the owning team.`);
}

/** One open change at a time. */
function noOpenChange(ctx: ActionContext): Verdict {
  const open = [...ctx.changes.values()].find((c) => OPEN_CHANGE.includes(c.status));
  return open
    ? conflict(`Change ${open.id} (${open.kind}, ${open.status}) is still open; it must be applied, rejected or withdrawn before another change is asked for.`)
    : ALLOWED;
}

/**
 * Ask for a workload change (POST …/changes {kind: update}): the owning team, of an active datastore, one at a time,
 * with organisation settings for where it runs (its change is previewed at once). A new workload's other regions
 * are checked when it is asked for: the body names them.
 */
export function changeVerdict(actor: Actor, ctx: ActionContext): Verdict {
  const d = ctx.datastore;
  return firstDenial(
    () => ownersAsk(actor, d),
    () => noOpenChange(ctx),
    () => (d.status === "active" ? ALLOWED : conflict(`The datastore is ${d.status}; only an active datastore can be changed.`)),
    () => {
      const spec = ownSpec(ctx);
      return "reason" in spec ? conflict(`The datastore cannot be changed: ${spec.reason}.`) : settingsVerdict(ctx.org, spec.spec);
    },
  );
}

/** Whether decommissioning this datastore needs a destroy (and so a provisioner and its region's settings). */
export function hasCloudResources(datastore: { status: string }): boolean {
  return datastore.status !== "approved";
}

/** Why an approved decommission of a datastore without cloud resources cannot retire it now, or null. */
export function retireBlocker(datastore: { lockOperationId: string | null }): string | null {
  return datastore.lockOperationId !== null
    ? `Operation ${datastore.lockOperationId} is running on this datastore; wait for it to finish (or cancel it), then decommission.`
    : null;
}

/**
 * Ask for a decommission (POST …/changes {kind: decommission}): the owning team, of an approved, active or failed
 * datastore, one change at a time. Tiers 2 and 3 start at once, so what starting needs is checked too.
 */
export function decommissionVerdict(actor: Actor, ctx: ActionContext): Verdict {
  const d = ctx.datastore;
  return firstDenial(
    () => ownersAsk(actor, d),
    () => noOpenChange(ctx),
    () =>
      ["active", "failed", "approved"].includes(d.status)
        ? ALLOWED
        : conflict(`The datastore is ${d.status}; only an approved, active or failed datastore can be decommissioned.`),
    () => {
      const spec = ownSpec(ctx);
      if ("reason" in spec) return conflict(`The datastore cannot be decommissioned: ${spec.reason}.`);
      if (CRITICAL_TIERS.includes(d.tier)) return ALLOWED;
      if (!hasCloudResources(d)) {
        const blocker = retireBlocker(d);
        return blocker ? conflict(blocker) : ALLOWED;
      }
      const settings = settingsVerdict(ctx.org, spec.spec);
      if (!settings.allowed) return settings;
      const busy = busyBlocker(ctx);
      return busy ? conflict(`The decommission cannot start now: ${busy}.`) : ALLOWED;
    },
  );
}

/** Replace the SLA thresholds (PUT …/thresholds): owners and reviewers, until the datastore is decommissioned. */
export function editThresholdsVerdict(actor: Actor, d: DatastoreWithRelations): Verdict {
  return firstDenial(
    () => (canEditDatastore(actor, d.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may edit thresholds.")),
    () =>
      d.status === "decommissioned" ? conflict("The datastore is decommissioned: its alarms are gone, and no apply will ever use new thresholds.") : ALLOWED,
  );
}

/** Take the Pulumi project away (GET …/pulumi-project): anyone who sees it, while it has a stack its settings can configure. */
export function exportVerdict(d: DatastoreWithRelations, org: OrgSettings, spec: ReturnType<typeof ownSpec>): Verdict {
  if (d.status === "decommissioned") return conflict(`${d.name} is decommissioned: it has no stack left to export.`);
  if ("reason" in spec) return conflict(`${d.name} cannot be exported as a Pulumi project: its stored spec is not one the program accepts.`);
  const missing = missingSettings(spec.spec, org);
  if (missing.length === 0) return ALLOWED;
  const list = missing.map((m) => `${m.field} (${m.message})`).join("; ");
  return conflict(
    `The project's stack config needs organisation settings that are missing: ${list}. A portal administrator must add them under Settings.`,
    missing,
  );
}

/** The actions the datastore's lifecycle offers now, each with its verdict for the actor. */
export function datastoreActionsOf(actor: Actor, ctx: ActionContext): DatastoreActions {
  const d = ctx.datastore;
  const when = (statuses: readonly string[], verdict: () => Verdict) => (statuses.includes(d.status) ? toAction(verdict()) : undefined);
  const actions: DatastoreActions = {
    preview: when(["approved", "failed"], () => queueVerdict(actor, ctx, plannedOperation(ctx, "preview"))),
    refresh: when(["active"], () => queueVerdict(actor, ctx, plannedOperation(ctx, "refresh"))),
    cleanup: when(["failed"], () => queueVerdict(actor, ctx, plannedOperation(ctx, "destroy"))),
    change: when(["active"], () => changeVerdict(actor, ctx)),
    decommission: when(["approved", "active", "failed"], () => decommissionVerdict(actor, ctx)),
    editThresholds: d.status === "decommissioned" ? undefined : toAction(editThresholdsVerdict(actor, d)),
    export: d.status === "decommissioned" ? undefined : toAction(exportVerdict(d, ctx.org, ownSpec(ctx))),
  };
  // Absent, not undefined: the JSON leaves out what the lifecycle does not offer.
  return Object.fromEntries(Object.entries(actions).filter(([, a]) => a !== undefined));
}

/** One datastore as GET /api/v1/datastores/{id} returns it to the actor. */
export async function toDatastoreDetail(client: Tx, actor: Actor, row: DatastoreWithRelations): Promise<DatastoreDetailDto> {
  return {
    ...toDatastoreDto(row),
    actions: datastoreActionsOf(actor, await loadActionContext(client, row)),
    decommissionTerms: { needsApproval: CRITICAL_TIERS.includes(row.tier), destroysResources: hasCloudResources(row) },
  };
}
