// Day-2 changes and decommissions of a datastore (`/api/v1/datastores/{id}/changes`).
import { ChangeDecisionBodySchema, CreateChangeBodySchema, DatastoreChangeListSchema, DatastoreChangeSchema } from "../../schemas/change";
import { EmptyBodySchema } from "../../schemas/request";
import { BODY_ERRORS, IDEMPOTENCY_KEY, type ApiOperation } from "./shared";

export const CHANGES = {
  listDatastoreChanges: {
    method: "GET",
    path: "/api/v1/datastores/{id}/changes",
    summary: "A datastore's day-2 changes and decommission",
    description:
      "Newest first, with their approval state and the operations that preview and apply them. `before` is the datastore as it was when the change was asked for; `after` the re-planned shape (updates only).",
    tag: "provisioning",
    response: { status: 200, description: "The changes.", schema: DatastoreChangeListSchema },
    errors: ["not_found", "internal"],
  },
  createDatastoreChange: {
    method: "POST",
    path: "/api/v1/datastores/{id}/changes",
    summary: "Change a workload (day-2) or decommission",
    description:
      "The owning team's members; one open change (awaiting approval, or approved and not applied) per datastore, else 409. `update` (an active datastore): the new workload (same tier) is re-planned on the server for the datastore's family, a preview of the new topology is queued, and a reviewer must approve when cost or topology grows (the reasons are listed); the owner then confirms the preview with an up. `decommission` (an active or failed datastore): `confirmName` must equal the datastore's name; tier 0 and 1 need a reviewer's approval, others queue the destroy at once; the record stays in the catalog as decommissioned. 503 when a preview or destroy must be queued and no Pulumi CLI is installed; 409 naming missing organisation settings.",
    tag: "provisioning",
    body: CreateChangeBodySchema,
    bodyName: "change",
    headers: [IDEMPOTENCY_KEY],
    response: { status: 201, description: "The change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "no_family_fits", "service_unavailable", "internal"],
  },
  decideDatastoreChange: {
    method: "POST",
    path: "/api/v1/datastores/{id}/changes/{changeId}/decisions",
    summary: "Approve or reject a change",
    description:
      "Reviewers, never on a change they asked for. Approving a decommission queues the destroy; approving an update lets the owner confirm its preview.",
    tag: "provisioning",
    body: ChangeDecisionBodySchema,
    bodyName: "decision",
    response: { status: 200, description: "The decided change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  cancelDatastoreChange: {
    method: "POST",
    path: "/api/v1/datastores/{id}/changes/{changeId}/cancel",
    summary: "Withdraw a change",
    description:
      "The owning team withdraws a change that awaits approval or is approved but not yet applied; its queued preview is cancelled with it. A change whose up or destroy is queued or running is a 409: cancel that operation first.",
    tag: "provisioning",
    body: EmptyBodySchema,
    bodyName: "withdrawal",
    bodyOptional: true,
    response: { status: 200, description: "The withdrawn change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
