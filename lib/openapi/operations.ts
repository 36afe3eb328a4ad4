// The API's route registry: every operation of /api/v1 with its schemas. Handlers read their schemas from here
// and the OpenAPI document is built from it, so the document cannot drift from what the handlers accept.
import type { z } from "zod";
import type { ErrorCode } from "../errors";
import { InstanceListQuerySchema, InstanceListSchema, PlanRequestSchema, PlanResultSchema, RecommendationResultSchema, WorkloadSchema } from "../schemas";
import {
  AddMemberBodySchema,
  AdminUserListSchema,
  AdminUserSchema,
  ChangeMemberBodySchema,
  CreatedTokenSchema,
  CreatedUserSchema,
  CreateTeamBodySchema,
  CreateTokenBodySchema,
  CreateUserBodySchema,
  MeSchema,
  TeamListSchema,
  TeamSchema,
  TokenListQuerySchema,
  TokenListSchema,
  TokenSchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
} from "../schemas/access";
import {
  AuditEventListSchema,
  BackstageCatalogInfoSchema,
  DatastoreListQuerySchema,
  DatastoreListSchema,
  DatastoreDetailSchema,
  PageQuerySchema,
  ThresholdsUpdateSchema,
} from "../schemas/datastore";
import {
  CommentBodySchema,
  CommentDtoSchema,
  CommentListSchema,
  CreateRequestBodySchema,
  EmptyBodySchema,
  RequestDetailDtoSchema,
  RequestListQuerySchema,
  RequestListSchema,
  ReviewDecisionBodySchema,
  UpdateRequestBodySchema,
} from "../schemas/request";
import { ChangeDecisionBodySchema, CreateChangeBodySchema, DatastoreChangeListSchema, DatastoreChangeSchema } from "../schemas/change";
import {
  OperationEventListSchema,
  OperationEventsQuerySchema,
  OperationEventStreamSchema,
  OperationListSchema,
  OperationSchema,
  ProvisionerStatusSchema,
  PulumiProjectArchiveSchema,
  QueueOperationBodySchema,
} from "../schemas/operation";
import { OrgSettingsDtoSchema, OrgSettingsUpdateSchema, RegionListSchema } from "../schemas/org-settings";
import { ReviewQueueQuerySchema, ReviewQueueSchema } from "../schemas/review";
import { OpenApiDocumentSchema } from "./document-schema";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ApiOperation {
  method: HttpMethod;
  path: `/api/v1/${string}`;
  summary: string;
  description: string;
  tag: string;
  /** Query parameters: a strict object of the parameters (unknown ones are a 422). */
  query?: z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;
  /** JSON request body. */
  body?: z.ZodType;
  response: {
    status: 200 | 201 | 202;
    description: string;
    schema: z.ZodType;
    /** Media type of the success body: JSON unless said (a file download such as YAML). */
    contentType?: "application/json" | "application/yaml" | "text/event-stream" | "application/gzip";
  };
  /** The problem codes the operation may answer with (401 and 429 are added for every non-public operation). */
  errors: readonly ErrorCode[];
  /** Served without a session or token (only the OpenAPI document itself). */
  public?: true;
  /** The body may be left out (it defaults to what an empty body means). */
  bodyOptional?: true;
  /** Request headers the operation reads: If-Match (optimistic concurrency), Idempotency-Key (creating POSTs). */
  headers?: readonly ApiHeader[];
}

export interface ApiHeader {
  name: string;
  required: boolean;
  description: string;
}

const IDEMPOTENCY_KEY: ApiHeader = {
  name: "Idempotency-Key",
  required: false,
  description: "1–200 visible ASCII characters (a UUID). A retry with the same key and body replays the first response (header Idempotent-Replayed: true) instead of creating again; the same key with another body is a 422. Keys are remembered for 24 hours.",
};
const IF_MATCH = (required: boolean): ApiHeader => ({
  name: "If-Match",
  required,
  description: `The ETag you last read (e.g. "v3"). A request that has changed since answers 412${required ? "; without the header, 428" : ""}.`,
});

/** What reading a JSON body can fail with (lib/server/http/json-body.ts). */
const BODY_ERRORS = ["malformed_request", "unsupported_media_type", "payload_too_large", "invalid_input"] as const;

export const API_OPERATIONS = {
  recommendStore: {
    method: "POST",
    path: "/api/v1/recommendations",
    summary: "Recommend a store family for a workload",
    description: "Scores every store family against the workload, explains each choice and each rejection, and names companion stores (a cache, a search index) where they help.",
    tag: "planning",
    body: WorkloadSchema,
    response: { status: 200, description: "Families that fit, best first; the rest with the reasons they do not.", schema: RecommendationResultSchema },
    errors: [...BODY_ERRORS, "internal"],
  },
  planCapacity: {
    method: "POST",
    path: "/api/v1/plans",
    summary: "Plan capacity for a workload",
    description: "Sizes the recommended family (or the one named) in every region of the workload and returns ranked plans by annual cost, with rejected shapes, alert thresholds and, for ranges, the cost spread.",
    tag: "planning",
    body: PlanRequestSchema,
    response: { status: 200, description: "Ranked capacity plans.", schema: PlanResultSchema },
    errors: [...BODY_ERRORS, "no_family_fits", "internal"],
  },
  listInstances: {
    method: "GET",
    path: "/api/v1/catalog/instances",
    summary: "List instance shapes with prices",
    description: "The instance shapes the planner may use in a region, cheapest first. A region without prices of its own borrows another region's and says so in `pricedAs` and `note`.",
    tag: "catalog",
    query: InstanceListQuerySchema,
    response: { status: 200, description: "Priced instance shapes.", schema: InstanceListSchema },
    errors: ["invalid_input", "internal"],
  },
  listRegions: {
    method: "GET",
    path: "/api/v1/regions",
    summary: "Regions: provisionable, and whose prices",
    description: "Every AWS region the portal knows: whether a datastore there can be provisioned (the organisation settings have the region), for which store families (a machine image is set), and which region's prices plans use (`pricedAs`: the region itself, or us-east-1 when it has no price table). Any signed-in caller; the settings themselves stay with administrators.",
    tag: "catalog",
    response: { status: 200, description: "The regions, in the portal's order.", schema: RegionListSchema },
    errors: ["internal"],
  },
  getOpenApiDocument: {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the same zod schemas the handlers validate with.",
    tag: "meta",
    response: { status: 200, description: "The OpenAPI document.", schema: OpenApiDocumentSchema },
    errors: ["internal"],
    // Public on purpose: it describes the API (no data), and clients need it to learn how to authenticate.
    public: true,
  },
  // ── People, teams and access ──────────────────────────────────────────────────────────────────────────
  getMe: {
    method: "GET",
    path: "/api/v1/me",
    summary: "Who you are",
    description: "The person behind the session or token, whether they administer the portal, and the teams and roles this credential may act with (a token: only its own team and role).",
    tag: "access",
    response: { status: 200, description: "The caller.", schema: MeSchema },
    errors: ["internal"],
  },
  listTeams: {
    method: "GET",
    path: "/api/v1/teams",
    summary: "List the teams you can see",
    description: "Members see their own teams; reviewers and portal administrators see every team. Each team carries your role in it (null when you see it without being in it) and its members.",
    tag: "access",
    response: { status: 200, description: "Teams, by slug.", schema: TeamListSchema },
    errors: ["internal"],
  },
  createTeam: {
    method: "POST",
    path: "/api/v1/teams",
    summary: "Create a team",
    description: "Portal administrators only. The slug is unique (409 when taken).",
    tag: "admin",
    body: CreateTeamBodySchema,
    response: { status: 201, description: "The new team.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "conflict", "internal"],
  },
  addTeamMember: {
    method: "POST",
    path: "/api/v1/teams/{teamId}/members",
    summary: "Add a person to a team",
    description: "Portal administrators only. Adding someone already in the team sets their role.",
    tag: "admin",
    body: AddMemberBodySchema,
    response: { status: 200, description: "The team with its members.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  changeTeamMemberRole: {
    method: "PATCH",
    path: "/api/v1/teams/{teamId}/members/{userId}",
    summary: "Change a member's role",
    description: "Portal administrators only. Tokens the member created keep working, but never above the member's new role.",
    tag: "admin",
    body: ChangeMemberBodySchema,
    response: { status: 200, description: "The team with its members.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  removeTeamMember: {
    method: "DELETE",
    path: "/api/v1/teams/{teamId}/members/{userId}",
    summary: "Remove a person from a team",
    description: "Portal administrators only. The tokens they created for the team are revoked with it.",
    tag: "admin",
    response: { status: 200, description: "The team with its remaining members.", schema: TeamSchema },
    errors: ["forbidden", "not_found", "internal"],
  },
  listUsers: {
    method: "GET",
    path: "/api/v1/admin/users",
    summary: "List users",
    description: "Portal administrators only. Newest first, a page at a time (?cursor= from the previous page's nextCursor).",
    tag: "admin",
    query: UserListQuerySchema,
    response: { status: 200, description: "A page of users with their memberships.", schema: AdminUserListSchema },
    errors: ["forbidden", "invalid_input", "internal"],
  },
  createUser: {
    method: "POST",
    path: "/api/v1/admin/users",
    summary: "Create a local account",
    description: "Portal administrators only (open sign-up is off). Without a password the portal generates one and returns it in this response only.",
    tag: "admin",
    body: CreateUserBodySchema,
    response: { status: 201, description: "The new user; `password` when it was generated.", schema: CreatedUserSchema },
    errors: [...BODY_ERRORS, "forbidden", "conflict", "internal"],
  },
  updateUser: {
    method: "PATCH",
    path: "/api/v1/admin/users/{id}",
    summary: "Grant or withdraw portal administration and platform review",
    description: "Portal administrators only; nobody withdraws their own administrator rights (409). `platformReviewer` lets a person review every team's requests and changes (a reviewer role in a team reviews only that team's).",
    tag: "admin",
    body: UpdateUserBodySchema,
    response: { status: 200, description: "The user.", schema: AdminUserSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  listTokens: {
    method: "GET",
    path: "/api/v1/tokens",
    summary: "List your API tokens",
    description: "Your tokens (active, expired and revoked), newest first; portal administrators may pass ?all=true for everyone's. Secrets are never returned.",
    tag: "access",
    query: TokenListQuerySchema,
    response: { status: 200, description: "A page of tokens.", schema: TokenListSchema },
    errors: ["forbidden", "invalid_input", "internal"],
  },
  createToken: {
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token",
    description: "For a team you belong to, with a role no higher than yours there, expiring after 1–365 days. The secret is in this response only; the portal stores its hash. Tokens cannot create tokens.",
    tag: "access",
    body: CreateTokenBodySchema,
    response: { status: 201, description: "The token with its secret (shown once).", schema: CreatedTokenSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  revokeToken: {
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke an API token",
    description: "Its creator or a portal administrator; revoking twice is harmless. Another person's token is a 404.",
    tag: "access",
    response: { status: 200, description: "The revoked token.", schema: TokenSchema },
    errors: ["not_found", "internal"],
  },
  // ── The catalog (lib/server/datastores) ──────────────────────────────────────────────────────────
  listDatastores: {
    method: "GET",
    path: "/api/v1/datastores",
    summary: "List datastores",
    description: "The datastores you may see (your teams'; every team's for reviewers and admins), newest first, filtered by name (`q`, a case-insensitive substring), team (slug or id), family, tier, region and status. Cursor-paginated (`limit` 1–100, default 25): pass `nextCursor` back as `cursor`.",
    tag: "datastores",
    query: DatastoreListQuerySchema,
    response: { status: 200, description: "One page of datastores and the cursor of the next (null on the last page).", schema: DatastoreListSchema },
    errors: ["invalid_input", "internal"],
  },
  getDatastore: {
    method: "GET",
    path: "/api/v1/datastores/{id}",
    summary: "Get a datastore",
    description: "Metadata, topology per region and role, cost, SLA thresholds and the originating request. The `ETag` header carries the version that a threshold edit sends back in `If-Match`.",
    tag: "datastores",
    response: { status: 200, description: "The datastore and what the caller may do with it (with an ETag header).", schema: DatastoreDetailSchema },
    errors: ["not_found", "internal"],
  },
  updateDatastoreThresholds: {
    method: "PUT",
    path: "/api/v1/datastores/{id}/thresholds",
    summary: "Replace a datastore's SLA thresholds",
    description: "Owners (the team's members) and reviewers replace the whole set of thresholds. Requires `If-Match` with the datastore's ETag: 428 without it, 412 when someone changed the datastore first. Each threshold must name a role of the topology with its family; warning comes before critical in the comparison's direction; percentages are at most 100; one threshold per metric and role. Audited with the sets before and after.",
    tag: "datastores",
    body: ThresholdsUpdateSchema,
    response: { status: 200, description: "The datastore with its new thresholds and version (and the new ETag).", schema: DatastoreDetailSchema },
    errors: [...BODY_ERRORS, "not_found", "forbidden", "precondition_failed", "precondition_required", "internal"],
  },
  listDatastoreAuditEvents: {
    method: "GET",
    path: "/api/v1/datastores/{id}/audit",
    summary: "A datastore's audit history",
    description: "The datastore's own audit events and those of the request it was created from (submission, review, approval), newest first, cursor-paginated.",
    tag: "datastores",
    query: PageQuerySchema,
    response: { status: 200, description: "One page of audit events and the cursor of the next.", schema: AuditEventListSchema },
    errors: ["invalid_input", "not_found", "internal"],
  },
  exportDatastoreBackstage: {
    method: "GET",
    path: "/api/v1/datastores/{id}/catalog-info.yaml",
    summary: "Export a datastore as a Backstage catalog-info.yaml",
    description: "A Backstage `Resource` entity (`backstage.io/v1alpha1`) owned by `group:<team slug>`, of type `<family>-cluster`, with the portal's ids, family, tier, regions and cost as annotations; companion stores (a cache, a search index) become Resources it `dependsOn`. Sent as an attachment.",
    tag: "datastores",
    response: { status: 200, description: "The catalog-info.yaml file.", schema: BackstageCatalogInfoSchema, contentType: "application/yaml" },
    errors: ["not_found", "internal"],
  },
  // ── Requests and review ───────────────────────────────────────────────────────────────────────────────
  createRequest: {
    method: "POST",
    path: "/api/v1/requests",
    summary: "Request a data store (a draft)",
    description: "Creates a draft request for a team you belong to. Nothing is planned yet: submitting pins the recommendation and the plan, computed on the server.",
    tag: "requests",
    body: CreateRequestBodySchema,
    headers: [IDEMPOTENCY_KEY],
    response: { status: 201, description: "The draft request (ETag header: its version).", schema: RequestDetailDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "internal"],
  },
  listRequests: {
    method: "GET",
    path: "/api/v1/requests",
    summary: "List requests",
    description:
      "Newest first, a page at a time (`limit` 1–100, default 25; ?cursor= from the previous page's nextCursor). Members see their own teams' requests; reviewers and admins see every team's. Items are summaries — the chosen plan's family, cost and nodes and what you may do; GET /api/v1/requests/{id} has the whole pinned plan. The review queue, oldest waiting first, is GET /api/v1/reviews.",
    tag: "requests",
    query: RequestListQuerySchema,
    response: { status: 200, description: "A page of request summaries.", schema: RequestListSchema },
    errors: ["invalid_input", "forbidden", "internal"],
  },
  listReviews: {
    method: "GET",
    path: "/api/v1/reviews",
    summary: "The review queue",
    description:
      "Everything waiting for a reviewer — submitted requests (`kind: request`), day-2 changes (`change`) and decommissions (`decommission`) that need approval — longest waiting first, a page at a time (`limit` 1–100, default 25; ?cursor= from nextCursor). `waiting` counts the whole queue and what you may decide (never what you asked for yourself). Reviewers and admins only.",
    tag: "requests",
    query: ReviewQueueQuerySchema,
    response: { status: 200, description: "A page of the queue and its size.", schema: ReviewQueueSchema },
    errors: ["invalid_input", "forbidden", "internal"],
  },
  getRequest: {
    method: "GET",
    path: "/api/v1/requests/{id}",
    summary: "A request with its decisions and comments",
    description: "The ETag header carries the version to send back in If-Match when editing. A request of a team you cannot see is a 404.",
    tag: "requests",
    response: { status: 200, description: "The request.", schema: RequestDetailDtoSchema },
    errors: ["not_found", "internal"],
  },
  updateRequest: {
    method: "PATCH",
    path: "/api/v1/requests/{id}",
    summary: "Edit a draft",
    description: "The requesting team edits a draft, or a request sent back with changes requested; If-Match is required. Changing the workload or family drops a previously pinned plan until the request is submitted again.",
    tag: "requests",
    body: UpdateRequestBodySchema,
    headers: [IF_MATCH(true)],
    response: { status: 200, description: "The edited request (new ETag).", schema: RequestDetailDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "precondition_failed", "precondition_required", "internal"],
  },
  submitRequest: {
    method: "POST",
    path: "/api/v1/requests/{id}/submit",
    summary: "Submit a request for review",
    description: "Recomputes the recommendation and the ranked plans on the server and pins them, with plan 1 chosen and its thresholds. A plan sent by the client is refused (the body, if any, must be empty).",
    tag: "requests",
    body: EmptyBodySchema,
    bodyOptional: true,
    headers: [IF_MATCH(false)],
    response: { status: 200, description: "The submitted request.", schema: RequestDetailDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "precondition_failed", "no_family_fits", "internal"],
  },
  cancelRequest: {
    method: "POST",
    path: "/api/v1/requests/{id}/cancel",
    summary: "Cancel a request",
    description: "The requesting team cancels a draft, a submitted request or one with changes requested; approved and rejected requests are final (409).",
    tag: "requests",
    body: EmptyBodySchema,
    bodyOptional: true,
    headers: [IF_MATCH(false)],
    response: { status: 200, description: "The cancelled request.", schema: RequestDetailDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "precondition_failed", "internal"],
  },
  reviewRequest: {
    method: "POST",
    path: "/api/v1/requests/{id}/decisions",
    summary: "Decide on a submitted request",
    description: "Reviewers and admins approve, request changes or reject (a comment is required for the last two); never on their own request (403). Approving may choose another pinned plan or replace its thresholds, and creates the datastore (status approved). Exactly one decision wins: the others get 409.",
    tag: "requests",
    body: ReviewDecisionBodySchema,
    headers: [IF_MATCH(false)],
    response: { status: 200, description: "The decided request, with `datastoreId` when approved.", schema: RequestDetailDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "precondition_failed", "internal"],
  },
  listRequestComments: {
    method: "GET",
    path: "/api/v1/requests/{id}/comments",
    summary: "A request's comment thread",
    description: "Oldest first. Anyone who can see the request.",
    tag: "requests",
    response: { status: 200, description: "The comments.", schema: CommentListSchema },
    errors: ["not_found", "internal"],
  },
  addRequestComment: {
    method: "POST",
    path: "/api/v1/requests/{id}/comments",
    summary: "Comment on a request",
    description: "Anyone who can see the request: its team, reviewers and admins.",
    tag: "requests",
    body: CommentBodySchema,
    headers: [IDEMPOTENCY_KEY],
    response: { status: 201, description: "The new comment.", schema: CommentDtoSchema },
    errors: [...BODY_ERRORS, "not_found", "internal"],
  },
  // ── Provisioning ──────────────────────────────────────────────────────────────────────────────────────
  getProvisionerStatus: {
    method: "GET",
    path: "/api/v1/provisioner",
    summary: "Whether provisioning can run here",
    description: "Which engine runs operations (pulumi, or simulated — no cloud resources are created), whether it is available (a Pulumi CLI on the portal's PATH) and, when not, what to install. Everything except provisioning keeps working without it.",
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
    headers: [IDEMPOTENCY_KEY],
    response: { status: 202, description: "The queued operation (Location: its URL).", schema: OperationSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "service_unavailable", "internal"],
  },
  getOperation: {
    method: "GET",
    path: "/api/v1/operations/{id}",
    summary: "An operation",
    description: "Status, progress (steps done of planned), summary, the structured diff of a preview, outputs of an up, and the deepest failing resource's message when it failed.",
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
    response: { status: 200, description: "The event stream.", schema: OperationEventStreamSchema, contentType: "text/event-stream" },
    errors: ["not_found", "internal"],
  },
  cancelOperation: {
    method: "POST",
    path: "/api/v1/operations/{id}:cancel",
    summary: "Cancel an operation",
    description: "A queued operation is cancelled at once; a running one is asked to stop (Pulumi cancels the update; the status becomes cancelled when it has). A finished one is a 409.",
    tag: "provisioning",
    body: EmptyBodySchema,
    bodyOptional: true,
    response: { status: 202, description: "The operation, cancelled or with cancelRequestedAt set.", schema: OperationSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  retryOperation: {
    method: "POST",
    path: "/api/v1/operations/{id}:retry",
    summary: "Retry a failed, cancelled or interrupted operation",
    description: "Queues the same operation again (same kind, purpose, spec, change and preview; attempt + 1). Only the latest attempt can be retried (409 naming the newer one), under the rules of queueing it anew: an up only while its preview still matches the desired spec, nothing on a decommissioned datastore. 503 when no Pulumi CLI is installed.",
    tag: "provisioning",
    body: EmptyBodySchema,
    bodyOptional: true,
    headers: [IDEMPOTENCY_KEY],
    response: { status: 202, description: "The new operation (Location: its URL).", schema: OperationSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "service_unavailable", "internal"],
  },
  listDatastoreChanges: {
    method: "GET",
    path: "/api/v1/datastores/{id}/changes",
    summary: "A datastore's day-2 changes and decommission",
    description: "Newest first, with their approval state and the operations that preview and apply them. `before` is the datastore as it was when the change was asked for; `after` the re-planned shape (updates only).",
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
    headers: [IDEMPOTENCY_KEY],
    response: { status: 201, description: "The change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "no_family_fits", "service_unavailable", "internal"],
  },
  decideDatastoreChange: {
    method: "POST",
    path: "/api/v1/datastores/{id}/changes/{changeId}/decisions",
    summary: "Approve or reject a change",
    description: "Reviewers, never on a change they asked for. Approving a decommission queues the destroy; approving an update lets the owner confirm its preview.",
    tag: "provisioning",
    body: ChangeDecisionBodySchema,
    response: { status: 200, description: "The decided change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  cancelDatastoreChange: {
    method: "POST",
    path: "/api/v1/datastores/{id}/changes/{changeId}/cancel",
    summary: "Withdraw a change",
    description: "The owning team withdraws a change that awaits approval or is approved but not yet applied; its queued preview is cancelled with it. A change whose up or destroy is queued or running is a 409: cancel that operation first.",
    tag: "provisioning",
    body: EmptyBodySchema,
    bodyOptional: true,
    response: { status: 200, description: "The withdrawn change.", schema: DatastoreChangeSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  exportDatastorePulumiProject: {
    method: "GET",
    path: "/api/v1/datastores/{id}/pulumi-project",
    summary: "Export a datastore as a standalone Pulumi project",
    description: "A .tar.gz with Pulumi.yaml, the program (TypeScript), package.json and the stack's config (the spec and the organisation's region settings; no secrets): `npm install && pulumi up` runs it outside the portal.",
    tag: "provisioning",
    response: { status: 200, description: "The project archive.", schema: PulumiProjectArchiveSchema, contentType: "application/gzip" },
    errors: ["not_found", "conflict", "internal"],
  },
  getOrgSettings: {
    method: "GET",
    path: "/api/v1/admin/settings",
    summary: "Organisation provisioning settings",
    description: "Portal administrators only. Per region: VPC, subnet per zone, image per family, instance profile, allowed client networks, alarm topic; the Pulumi backend and the passphrase's source. A stored passphrase is never returned, only whether one is set.",
    tag: "admin",
    response: { status: 200, description: "The settings (ETag: their version).", schema: OrgSettingsDtoSchema },
    errors: ["forbidden", "internal"],
  },
  updateOrgSettings: {
    method: "PUT",
    path: "/api/v1/admin/settings",
    summary: "Replace the organisation provisioning settings",
    description: "Portal administrators only; If-Match required. Leave `pulumi.passphrase.value` out to keep the stored passphrase.",
    tag: "admin",
    body: OrgSettingsUpdateSchema,
    headers: [IF_MATCH(true)],
    response: { status: 200, description: "The settings (new ETag).", schema: OrgSettingsDtoSchema },
    errors: [...BODY_ERRORS, "forbidden", "precondition_failed", "precondition_required", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;

export type OperationId = keyof typeof API_OPERATIONS;
