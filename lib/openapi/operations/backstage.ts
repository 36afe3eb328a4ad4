// The Backstage entity feed (`/api/v1/backstage/entities`), for a Backstage EntityProvider or URL reader to poll.
import { BackstageEntityListSchema, BackstageEntityQuerySchema } from "../../schemas/backstage";
import type { ApiHeader, ApiOperation } from "./shared";

const IF_NONE_MATCH = {
  name: "If-None-Match",
  required: false,
  description: "The ETag of the page you last read: 304 Not Modified (no body) while it is unchanged.",
} as const satisfies ApiHeader;

export const BACKSTAGE = {
  listBackstageEntities: {
    method: "GET",
    path: "/api/v1/backstage/entities",
    summary: "The catalog as Backstage entities",
    description:
      "Every datastore you may see (your teams'; every team's for platform reviewers and admins — use such a token for the whole catalog), newest first, as Backstage entities (`backstage.io/v1alpha1`): a `Resource` of type `<family>-cluster` owned by `group:<team slug>`, in the team's `System` (`<team slug>-datastores`), with lifecycle production (experimental for tier 3, deprecated once decommissioned), annotations carrying the portal's ids, family, tier, status, regions and cost, links back to the portal, and `backstage.io/managed-by-location` set to this feed; companion stores (a cache, a search index) are Resources it `dependsOn`. The first page opens with the Systems. Cursor-paginated: `limit` (1–100, default 25) counts datastores, each bringing one to three entities; pass `nextCursor` back as `cursor`. Every page has a strong `ETag`; send it in `If-None-Match` to get a 304 while nothing on the page changed.",
    tag: "datastores",
    query: BackstageEntityQuerySchema,
    headers: [IF_NONE_MATCH],
    response: {
      status: 200,
      description: "One page of entities and the cursor of the next (null on the last), with an ETag header; 304 without a body when If-None-Match names it.",
      schema: BackstageEntityListSchema,
    },
    errors: ["invalid_input", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
