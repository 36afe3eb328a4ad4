// The catalog of datastores (`/api/v1/datastores`, lib/server/datastores): list, detail, SLA thresholds, history and exports.
import {
  AuditEventListSchema,
  BackstageCatalogInfoSchema,
  DatastoreListQuerySchema,
  DatastoreListSchema,
  DatastoreDetailSchema,
  PageQuerySchema,
  ThresholdsUpdateSchema,
} from "../../schemas/datastore";
import { PulumiProjectArchiveSchema } from "../../schemas/operation";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const DATASTORES = {
  listDatastores: {
    method: "GET",
    path: "/api/v1/datastores",
    summary: "List datastores",
    description:
      "The datastores you may see (your teams'; every team's for reviewers and admins), newest first, filtered by name (`q`, a case-insensitive substring), team (slug or id), family, tier, region and status. Cursor-paginated (`limit` 1–100, default 25): pass `nextCursor` back as `cursor`. Items are summaries — name, team, family, tier, regions, nodes, cost and status; GET /api/v1/datastores/{id} has the topology, thresholds and outputs.",
    tag: "datastores",
    query: DatastoreListQuerySchema,
    response: { status: 200, description: "One page of datastore summaries and the cursor of the next (null on the last page).", schema: DatastoreListSchema },
    errors: ["invalid_input", "internal"],
  },
  getDatastore: {
    method: "GET",
    path: "/api/v1/datastores/{id}",
    summary: "Get a datastore",
    description:
      "Metadata, topology per region and role, cost, SLA thresholds and the originating request. The `ETag` header carries the version that a threshold edit sends back in `If-Match`.",
    tag: "datastores",
    response: { status: 200, description: "The datastore and what the caller may do with it (with an ETag header).", schema: DatastoreDetailSchema },
    errors: ["not_found", "internal"],
  },
  updateDatastoreThresholds: {
    method: "PUT",
    path: "/api/v1/datastores/{id}/thresholds",
    summary: "Replace a datastore's SLA thresholds",
    description:
      "Owners (the team's members) and reviewers replace the whole set of thresholds. Requires `If-Match` with the datastore's ETag: 428 without it, 412 when someone changed the datastore first. Each threshold must name a role of the topology with its family; warning comes before critical in the comparison's direction; percentages are at most 100; one threshold per metric and role. Audited with the sets before and after.",
    tag: "datastores",
    body: ThresholdsUpdateSchema,
    bodyName: "thresholds",
    response: { status: 200, description: "The datastore with its new thresholds and version (and the new ETag).", schema: DatastoreDetailSchema },
    errors: [...BODY_ERRORS, "not_found", "forbidden", "precondition_failed", "precondition_required", "internal"],
  },
  listDatastoreAuditEvents: {
    method: "GET",
    path: "/api/v1/datastores/{id}/audit",
    summary: "A datastore's audit history",
    description:
      "The datastore's own audit events and those of the request it was created from (submission, review, approval), newest first, cursor-paginated.",
    tag: "datastores",
    query: PageQuerySchema,
    response: { status: 200, description: "One page of audit events and the cursor of the next.", schema: AuditEventListSchema },
    errors: ["invalid_input", "not_found", "internal"],
  },
  exportDatastoreBackstage: {
    method: "GET",
    path: "/api/v1/datastores/{id}/catalog-info.yaml",
    summary: "Export a datastore as a Backstage catalog-info.yaml",
    description:
      "A Backstage `Resource` entity (`backstage.io/v1alpha1`) owned by `group:<team slug>`, of type `<family>-cluster`, with the portal's ids, family, tier, regions and cost as annotations; companion stores (a cache, a search index) become Resources it `dependsOn`. Sent as an attachment.",
    tag: "datastores",
    response: { status: 200, description: "The catalog-info.yaml file.", schema: BackstageCatalogInfoSchema, contentType: "application/yaml" },
    errors: ["not_found", "internal"],
  },
  exportDatastorePulumiProject: {
    method: "GET",
    path: "/api/v1/datastores/{id}/pulumi-project",
    summary: "Export a datastore as a standalone Pulumi project",
    description:
      "A .tar.gz with Pulumi.yaml, the program (TypeScript), package.json and the stack's config (the spec and the organisation's region settings; no secrets): `npm install && pulumi up` runs it outside the portal.",
    tag: "provisioning",
    response: { status: 200, description: "The project archive.", schema: PulumiProjectArchiveSchema, contentType: "application/gzip" },
    errors: ["not_found", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
