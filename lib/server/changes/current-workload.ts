// The workload a datastore runs with now: the one of its last applied workload change, else its request's. What a
// change is compared against (the reviewer's field-by-field diff) and what the change form starts from.
import "server-only";
import { WorkloadSchema, type Workload } from "@/lib/schemas/workload";
import type { Tx } from "../db/client";
import type { DatastoreWithRelations } from "../datastores/datastore-dto";

export async function currentWorkloadOf(client: Tx, datastore: Pick<DatastoreWithRelations, "id" | "requestId">): Promise<Workload | undefined> {
  const applied = await client.datastoreChange.findFirst({
    where: { datastoreId: datastore.id, kind: "update", status: "applied" },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { workload: true },
  });
  const stored = applied?.workload ?? (await client.request.findUnique({ where: { id: datastore.requestId }, select: { workload: true } }))?.workload;
  const parsed = WorkloadSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
