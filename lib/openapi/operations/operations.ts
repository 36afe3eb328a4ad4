// Provisioning operations (`/api/v1/operations`, `/api/v1/datastores/{id}/operations`) and whether they can run (`/api/v1/provisioner`).
import { PageQuerySchema } from "../../schemas/datastore";
import {
  OperationEventListSchema,
  OperationEventsQuerySchema,
  OperationEventStreamSchema,
  OperationListSchema,
  OperationStreamQuerySchema,
  OperationSchema,
  ProvisionerStatusSchema,
  QueueOperationBodySchema,
} from "../../schemas/operation";
import { EmptyBodySchema } from "../../schemas/request";
import { BODY_ERRORS, deprecatedForm, IDEMPOTENCY_KEY, type ApiOperation } from "./shared";

/** When `/api/v1/operations/{id}:cancel` and `:retry` gave way to `/cancel` and `/retry`. */
const OPERATION_COLON_FORM_DEPRECATED = "2026-12-02T00:00:00Z";

const cancelOperation = {
  method: "POST",
  path: "/api/v1/operations/{id}/cancel",
  summary: "Cancel an operation",
  description:
    "A queued operation is cancelled at once; a running one is asked to stop (Pulumi cancels the update; the status becomes cancelled when it has). A finished one is a 409.",
  tag: "provisioning",
  body: EmptyBodySchema,
  bodyName: "cancellation",
  bodyOptional: true,
  response: { status: 202, description: "The operation, cancelled or with cancelRequestedAt set.", schema: OperationSchema },
  errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
} as const satisfies ApiOperation;

const retryOperation = {
  method: "POST",
  path: "/api/v1/operations/{id}/retry",
  summary: "Retry a failed, cancelled or interrupted operation",
  description:
    "Queues the same operation again (same kind, purpose, spec, change and preview; attempt + 1). Only the latest attempt can be retried (409 naming the newer one), under the rules of queueing it anew: an up only while its preview still matches the desired spec, nothing on a decommissioned datastore. 503 when no Pulumi CLI is installed.",
  tag: "provisioning",
  body: EmptyBodySchema,
  bodyName: "retry",
  bodyOptional: true,
  headers: [IDEMPOTENCY_KEY],
  response: { status: 202, description: "The new operation (Location: its URL).", schema: OperationSchema },
  errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "service_unavailable", "internal"],
} as const satisfies ApiOperation;

export const OPERATIONS = {
  getProvisionerStatus: {
    method: "GET",
    path: "/api/v1/provisioner",
    summary: "Whether provisioning can run here",
    description:
      "Which engine runs operations (pulumi, or simulated — no cloud resources are created), whether it is available (a Pulumi CLI on the portal's PATH) and, when not, what to install. Everything except provisioning keeps working without it.",
    tag: "provisioning",
    response: { status: 200, description: "The provisioner's status.", schema: ProvisionerStatusSchema },
    errors: ["internal"],
  },
  listDatastoreOperations: {
    method: "GET",
    path: "/api/v1/datastores/{id}/operations",
    summary: "A datastore's operations",
    description: "Newest first, a page at a time: previews, ups, drift checks and destroys with their status, progress, summary and structured diff.",
    tag: "provisioning",
    query: PageQuerySchema,
    response: { status: 200, description: "A page of operations.", schema: OperationListSchema },
    errors: ["invalid_input", "not_found", "internal"],
  },
  queueDatastoreOperation: {
    method: "POST",
    path: "/api/v1/datastores/{id}/operations",
    summary: "Queue a preview, up, drift check or cleanup",
    description:
      "Owners and reviewers. `preview` shows what an up would change: for an approved or failed datastore what provisioning would create (purpose provision); for an active one its open day-2 change (purpose change), else what differs between the stack and the catalog (purpose drift, not confirmable). `up` confirms a succeeded preview whose spec is still the desired one (`previewId`; a changed datastore makes it stale: 409). `refresh` is a drift check of an active or failed datastore (preview-only: the state is not rewritten). `destroy` removes the partial resources of a failed (or approved) datastore and needs `confirmName` (decommissioning an active datastore goes through /changes). At most one up or destroy is queued or running per datastore. Answers 202 with the queued operation; follow it at /api/v1/operations/{id}/stream. 503 when no Pulumi CLI is installed; 409 naming every missing organisation setting, for a stale preview, or when the datastore's status does not allow it.",
    tag: "provisioning",
    body: QueueOperationBodySchema,
    bodyName: "operation",
    headers: [IDEMPOTENCY_KEY],
    response: { status: 202, description: "The queued operation (Location: its URL).", schema: OperationSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "service_unavailable", "internal"],
  },
  getOperation: {
    method: "GET",
    path: "/api/v1/operations/{id}",
    summary: "An operation",
    description:
      "Status, progress (steps done of planned), summary, the structured diff of a preview, outputs of an up, and the deepest failing resource's message when it failed.",
    tag: "provisioning",
    response: { status: 200, description: "The operation.", schema: OperationSchema },
    errors: ["not_found", "internal"],
  },
  listOperationEvents: {
    method: "GET",
    path: "/api/v1/operations/{id}/events",
    summary: "An operation's events (polling)",
    description: "Events after `after` (a seq), oldest first: the polling fallback of /stream. Poll until `status` is terminal and no items come back.",
    tag: "provisioning",
    query: OperationEventsQuerySchema,
    response: { status: 200, description: "A page of events.", schema: OperationEventListSchema },
    errors: ["invalid_input", "not_found", "internal"],
  },
  streamOperationEvents: {
    method: "GET",
    path: "/api/v1/operations/{id}/stream",
    summary: "An operation's events, live (Server-Sent Events)",
    description:
      "text/event-stream: every event as `event: operation-event`, `id: <seq>`, `data: <OperationEventDto JSON>`; a comment line as a heartbeat every 15 s; `event: end` once the operation is terminal, then the stream closes. Send `Last-Event-ID` (or ?lastEventId=) to resume after a seq.",
    tag: "provisioning",
    query: OperationStreamQuerySchema,
    response: { status: 200, description: "The event stream.", schema: OperationEventStreamSchema, contentType: "text/event-stream" },
    errors: ["not_found", "internal"],
  },
  cancelOperation,
  retryOperation,
  // The custom-method form of AIP-136 (`{id}:cancel`), which only operations had: answered as before, with
  // Deprecation and Link headers pointing at the sub-path that every other resource uses.
  cancelOperationDeprecated: deprecatedForm(cancelOperation, "/api/v1/operations/{id}:cancel", OPERATION_COLON_FORM_DEPRECATED),
  retryOperationDeprecated: deprecatedForm(retryOperation, "/api/v1/operations/{id}:retry", OPERATION_COLON_FORM_DEPRECATED),
} as const satisfies Record<string, ApiOperation>;
