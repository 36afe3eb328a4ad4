// What the portal holds for a datastore file's name and team: the datastore (with the workload it runs, its open
// change and recent operations) or, when there is none, the team's open requests of that name.
import type { ApiClient } from "@/lib/client";
import type { RequestStatus } from "@/lib/schemas/request";
import { WorkloadSchema, type Workload } from "@/lib/schemas/workload";
import { findDatastoreByName, type TeamRef } from "../resolve";
import type { Current, CurrentDatastore } from "./decide";

const OPEN_REQUEST_STATUSES = ["submitted", "changes-requested", "draft"] as const satisfies readonly RequestStatus[];
const OPEN_CHANGE_STATUSES = ["pending-approval", "approved"];

/** A stored workload as the planner reads it (defaults applied), or null when it no longer parses. */
function normalised(stored: unknown): Workload | null {
  const parsed = WorkloadSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

async function readDatastore(client: ApiClient, id: string): Promise<CurrentDatastore> {
  const [{ data: detail, etag }, changes, operations] = await Promise.all([
    client.call("getDatastore", { params: { id } }),
    client.get("listDatastoreChanges", { params: { id } }),
    client.get("listDatastoreOperations", { params: { id }, query: { limit: "50" } }),
  ]);
  const applied = changes.items.find((c) => c.kind === "update" && c.status === "applied" && c.workload);
  const workload = applied?.workload ?? (await client.get("getRequest", { params: { id: detail.requestId } })).workload;
  return {
    detail,
    etag,
    workload: normalised(workload),
    openChange: changes.items.find((c) => OPEN_CHANGE_STATUSES.includes(c.status)) ?? null,
    operations: operations.items,
  };
}

export async function readCurrent(client: ApiClient, name: string, team: TeamRef): Promise<Current> {
  const datastore = (await findDatastoreByName(client, name, team.slug)).find((d) => d.team.id === team.id);
  if (datastore) return { datastore: await readDatastore(client, datastore.id), openRequests: [] };
  const ids: { id: string; createdAt: string }[] = [];
  for (const status of OPEN_REQUEST_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await client.get("listRequests", { query: { teamId: team.id, status, limit: "100", ...(cursor ? { cursor } : {}) } });
      ids.push(...page.items.filter((r) => r.name === name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  ids.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const openRequests = await Promise.all(
    ids.map(async ({ id }) => {
      const { data, etag } = await client.call("getRequest", { params: { id } });
      return { request: { ...data, workload: normalised(data.workload) ?? data.workload }, etag };
    }),
  );
  return { datastore: null, openRequests };
}
