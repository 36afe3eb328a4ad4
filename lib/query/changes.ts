// Day-2 changes and decommissions of a datastore: the list, asking for one, and a reviewer's decision.
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { ChangeDecisionBody, CreateChangeBody, CreateChangeBodySchema, DatastoreChangeDto, DatastoreChangeList } from "@/lib/schemas/change";
import { newIdempotencyKey } from "./api";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export type { ChangeDecisionBody, CreateChangeBody, DatastoreChangeDto, DatastoreChangeList };
/** What a client sends: the workload as typed (defaults not yet applied), like the request wizard's. */
export type CreateChangeBodyInput = z.input<typeof CreateChangeBodySchema>;

export const changeKeys = {
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "changes"] as const,
};

export const datastoreChangesQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: changeKeys.ofDatastore(datastoreId),
    queryFn: async ({ signal }) => (await apiClient.get("listDatastoreChanges", { params: { id: datastoreId }, signal })).items,
    staleTime: 5_000,
  });

export const createChange = (datastoreId: string, body: CreateChangeBodyInput, idempotencyKey = newIdempotencyKey()) =>
  apiClient.get("createDatastoreChange", { params: { id: datastoreId }, body, idempotencyKey });

export const decideChange = (datastoreId: string, changeId: string, body: ChangeDecisionBody) =>
  apiClient.get("decideDatastoreChange", { params: { id: datastoreId, changeId }, body });

/** The owning team withdraws a change that has not applied (its queued preview is cancelled with it). */
export const cancelChange = (datastoreId: string, changeId: string) => apiClient.get("cancelDatastoreChange", { params: { id: datastoreId, changeId } });
