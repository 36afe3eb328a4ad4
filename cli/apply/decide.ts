// What `dsp apply` does, decided from the file (desired) and what the portal holds (current) — a pure function, so
// every rule is tested without a portal. The rules follow the API's own: a request is created and submitted and waits
// for a reviewer (nothing is auto-approved); approval creates the datastore and queues its provisioning preview, which
// the owner confirms with an up; an active datastore's workload changes through a day-2 change (re-planned on the
// server for the same family and tier, reviewed when cost or topology grows); thresholds are replaced with If-Match.
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { DatastoreDetailDto } from "@/lib/schemas/datastore";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Family, Threshold } from "@/lib/schemas/plan";
import type { RequestDetailDto } from "@/lib/schemas/request";
import type { Workload } from "@/lib/schemas/workload";

export interface Desired {
  name: string;
  team: string;
  /** Named by the file's metadata.name, defaults applied. */
  workload: Workload;
  family?: Family;
  thresholds?: Threshold[];
}

export interface CurrentDatastore {
  detail: DatastoreDetailDto;
  /** The ETag its GET answered with: a threshold edit sends it back in If-Match. */
  etag: string | null;
  /** The workload it runs with: its last applied change's, else its request's (null when unreadable). */
  workload: Workload | null;
  /** An open change (awaiting approval, or approved and not applied), newest first. */
  openChange: DatastoreChangeDto | null;
  /** Its operations, newest first (a page is enough: the latest provisioning steps are on it). */
  operations: readonly OperationDto[];
}

export interface Current {
  datastore: CurrentDatastore | null;
  /** The team's requests of that name still open (draft, submitted, changes-requested), newest first, with their ETags. */
  openRequests: readonly { request: RequestDetailDto; etag: string | null }[];
}

export type Action =
  | { kind: "create-request" }
  | { kind: "edit-request"; requestId: string; etag: string | null; changes: FieldChange[] }
  | { kind: "submit-request"; requestId: string }
  | { kind: "queue-preview"; datastoreId: string }
  | { kind: "confirm-preview"; datastoreId: string; previewId: string }
  | { kind: "open-change"; datastoreId: string; changes: FieldChange[] }
  | { kind: "update-thresholds"; datastoreId: string; etag: string | null; changes: string[] };

/**
 * unchanged: nothing to do (exit 0). applied: the actions converge it (exit 0, or 5 when they end in a review).
 * waiting-for-review: a reviewer must act first (exit 5). in-progress: an operation runs (exit 0; --wait follows it).
 * conflict: the portal's state does not allow it (exit 4). failed: provisioning failed (exit 1).
 */
export type Outcome = "unchanged" | "applied" | "waiting-for-review" | "in-progress" | "conflict" | "failed";

export interface Decision {
  outcome: Outcome;
  actions: Action[];
  /** What a person reads: why this, in sentences. */
  notes: string[];
  /** What --wait waits on next. */
  waitFor?: { request: string } | { change: string; datastoreId: string } | { operation: string };
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted: equal values make equal text whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The workload fields that differ (the name is the datastore's, not compared). */
export function workloadChanges(before: Workload | null, after: Workload): FieldChange[] {
  if (!before) return [{ field: "workload", before: null, after }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "name").sort();
  return keys.flatMap((k) => {
    const a = (before as Record<string, unknown>)[k];
    const b = (after as Record<string, unknown>)[k];
    return canonical(a) === canonical(b) ? [] : [{ field: `workload.${k}`, before: a, after: b }];
  });
}

const thresholdKey = (t: Pick<Threshold, "metric" | "role">) => `${t.metric} on ${t.role}`;

/** Thresholds added, removed or changed, by metric and role; empty when the sets are the same. */
export function thresholdChanges(current: readonly Threshold[], desired: readonly Threshold[]): string[] {
  const was = new Map(current.map((t) => [thresholdKey(t), canonical(t)]));
  const now = new Map(desired.map((t) => [thresholdKey(t), canonical(t)]));
  const out: string[] = [];
  for (const [k, v] of now)
    if (!was.has(k)) out.push(`${k}: added`);
    else if (was.get(k) !== v) out.push(`${k}: changed`);
  for (const k of was.keys()) if (!now.has(k)) out.push(`${k}: removed`);
  return out;
}

const OPEN_OP = ["queued", "running"];

function decideRequest(desired: Desired, open: Current["openRequests"]): Decision {
  const { request, etag } = open[0] ?? {};
  if (!request) {
    return {
      outcome: "applied",
      actions: [{ kind: "create-request" }],
      notes: [`No datastore or open request named ${desired.name} in ${desired.team}: a request is created and submitted for review.`],
    };
  }
  const changes = workloadChanges(request.workload as Workload, desired.workload);
  if ((request.family ?? undefined) !== desired.family) changes.push({ field: "family", before: request.family, after: desired.family ?? null });
  if (request.status === "submitted") {
    if (changes.length === 0) {
      return {
        outcome: "waiting-for-review",
        actions: [],
        notes: [`Request ${request.id} for ${desired.name} is waiting for a reviewer; nothing new to do.`],
        waitFor: { request: request.id },
      };
    }
    return {
      outcome: "conflict",
      actions: [],
      notes: [
        `Request ${request.id} for ${desired.name} is under review with another spec (${changes.map((c) => c.field).join(", ")}).`,
        `Wait for the review, or withdraw it (dsp requests cancel ${request.id}) and apply again.`,
      ],
    };
  }
  // A draft, or a request sent back with changes requested: the team may edit it and submit it again.
  const why = request.status === "draft" ? "is a draft" : "was sent back with changes requested";
  return {
    outcome: "applied",
    actions: [
      ...(changes.length > 0 ? [{ kind: "edit-request" as const, requestId: request.id, etag: etag ?? null, changes }] : []),
      { kind: "submit-request", requestId: request.id },
    ],
    notes: [`Request ${request.id} for ${desired.name} ${why}: ${changes.length > 0 ? "it is edited to match the file and" : "it is"} submitted for review.`],
  };
}

/** The approved datastore's first provisioning: confirm its succeeded preview, follow what runs, or preview again. */
function decideProvisioning(d: CurrentDatastore): Decision {
  const id = d.detail.id;
  const provisioning = d.operations.filter((o) => o.purpose === "provision");
  const up = provisioning.find((o) => o.kind === "up");
  if (up && OPEN_OP.includes(up.status)) {
    return { outcome: "in-progress", actions: [], notes: [`Provisioning is under way: operation ${up.id} (${up.status}).`], waitFor: { operation: up.id } };
  }
  const preview = provisioning.find((o) => o.kind === "preview");
  if (preview && OPEN_OP.includes(preview.status)) {
    return {
      outcome: "in-progress",
      actions: [],
      notes: [`The provisioning preview ${preview.id} is ${preview.status}; once it succeeds, apply again (or use --wait) to confirm it.`],
      waitFor: { operation: preview.id },
    };
  }
  if (preview && preview.status === "succeeded" && preview.actions.confirm.allowed) {
    return {
      outcome: "applied",
      actions: [{ kind: "confirm-preview", datastoreId: id, previewId: preview.id }],
      notes: [`The datastore is approved and its preview ${preview.id} succeeded: provisioning is started (an up confirming it).`],
    };
  }
  return {
    outcome: "applied",
    actions: [{ kind: "queue-preview", datastoreId: id }],
    notes: [
      `The datastore is approved${preview ? ` and its last preview cannot be confirmed (${preview.actions.confirm.reason ?? preview.status})` : ""}: a provisioning preview is queued.`,
    ],
  };
}

function decideChange(desired: Desired, d: CurrentDatastore): Decision | null {
  const changes = workloadChanges(d.workload, desired.workload);
  const open = d.openChange;
  if (open && open.kind === "update") {
    const same = open.workload !== null && workloadChanges(open.workload as Workload, desired.workload).length === 0;
    if (!same) {
      return {
        outcome: "conflict",
        actions: [],
        notes: [`Change ${open.id} (${open.status}) is open with another workload; it must be applied, rejected or withdrawn before another.`],
      };
    }
    if (open.status === "pending-approval") {
      return {
        outcome: "waiting-for-review",
        actions: [],
        notes: [`Change ${open.id} waits for a reviewer: ${open.approvalReasons.join("; ")}.`],
        waitFor: { change: open.id, datastoreId: d.detail.id },
      };
    }
    const apply = open.applyOperationId ? d.operations.find((o) => o.id === open.applyOperationId) : undefined;
    if (open.applyOperationId) {
      return {
        outcome: "in-progress",
        actions: [],
        notes: [`Change ${open.id} is being applied: operation ${open.applyOperationId}${apply ? ` (${apply.status})` : ""}.`],
        waitFor: { operation: open.applyOperationId },
      };
    }
    const preview = open.previewId ? d.operations.find((o) => o.id === open.previewId) : undefined;
    if (preview && OPEN_OP.includes(preview.status)) {
      return {
        outcome: "in-progress",
        actions: [],
        notes: [`Change ${open.id} is approved; its preview ${preview.id} is ${preview.status}.`],
        waitFor: { operation: preview.id },
      };
    }
    if (preview && preview.status === "succeeded" && preview.actions.confirm.allowed) {
      return {
        outcome: "applied",
        actions: [{ kind: "confirm-preview", datastoreId: d.detail.id, previewId: preview.id }],
        notes: [`Change ${open.id} is approved and its preview succeeded: it is applied (an up confirming the preview).`],
      };
    }
    return {
      outcome: "failed",
      actions: [],
      notes: [
        `Change ${open.id} is approved but its preview ${open.previewId ?? ""} cannot be confirmed${preview ? ` (${preview.status})` : ""}: retry it (dsp ops retry ${open.previewId ?? "<id>"}).`,
      ],
    };
  }
  if (open) return { outcome: "conflict", actions: [], notes: [`The datastore is being decommissioned (change ${open.id}, ${open.status}).`] };
  if (changes.length === 0) return null;
  const tier = changes.find((c) => c.field === "workload.tier");
  if (tier) {
    return {
      outcome: "conflict",
      actions: [],
      notes: [`The tier cannot change in place (${String(tier.before)} → ${String(tier.after)}): a new tier is a new request under another name.`],
    };
  }
  return {
    outcome: "applied",
    actions: [{ kind: "open-change", datastoreId: d.detail.id, changes }],
    notes: [`The workload differs (${changes.map((c) => c.field.replace("workload.", "")).join(", ")}): a day-2 change is opened.`],
  };
}

export function decide(desired: Desired, current: Current): Decision {
  const d = current.datastore;
  if (!d) return decideRequest(desired, current.openRequests);
  const { detail } = d;
  const thresholds = desired.thresholds ? thresholdChanges(detail.thresholds, desired.thresholds) : [];
  const thresholdAction: Action[] = thresholds.length > 0 ? [{ kind: "update-thresholds", datastoreId: detail.id, etag: d.etag, changes: thresholds }] : [];
  const thresholdNotes = thresholds.length > 0 ? [`The thresholds differ (${thresholds.join("; ")}): they are replaced.`] : [];
  /** Thresholds are replaced first: a change opened after them carries them into its spec. */
  const withThresholds = (x: Decision): Decision =>
    thresholdAction.length === 0
      ? x
      : x.outcome === "unchanged"
        ? { outcome: "applied", actions: thresholdAction, notes: thresholdNotes }
        : { ...x, actions: [...thresholdAction, ...x.actions], notes: [...thresholdNotes, ...x.notes] };
  if (desired.family && desired.family !== detail.family) {
    return {
      outcome: "conflict",
      actions: [],
      notes: [`${desired.name} is a ${detail.family} datastore; its family cannot change in place (the file asks for ${desired.family}).`],
    };
  }
  switch (detail.status) {
    case "decommissioning":
    case "decommissioned":
      return { outcome: "conflict", actions: [], notes: [`${desired.name} is ${detail.status}; its name stays taken in ${desired.team}.`] };
    case "failed":
      return {
        outcome: "failed",
        actions: [],
        notes: [`Provisioning ${desired.name} failed: see dsp ops list ${desired.name}, then dsp ops retry <operation> (or clean up in the portal).`],
      };
    case "provisioning":
    case "approved": {
      const changes = workloadChanges(d.workload, desired.workload);
      if (changes.length > 0) {
        return {
          outcome: "conflict",
          actions: [],
          notes: [
            `${desired.name} is ${detail.status} with another workload (${changes.map((c) => c.field).join(", ")}); its workload can change once it is active.`,
          ],
        };
      }
      return withThresholds(decideProvisioning(d));
    }
    case "active":
      break;
  }
  const change = decideChange(desired, d);
  if (change && (change.outcome === "conflict" || change.outcome === "failed")) return change;
  return withThresholds(change ?? { outcome: "unchanged", actions: [], notes: [`${desired.name} matches the file.`] });
}
