// Day-2 changes and decommissions of a datastore: the list, asking for one, and a reviewer's decision.
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { ChangeDecisionBody, CreateChangeBody, CreateChangeBodySchema, DatastoreChangeDto, DatastoreChangeList } from "@/lib/schemas/change";
import { api, newIdempotencyKey } from "./api";
import { datastoreKeys } from "./datastores";

export type { ChangeDecisionBody, CreateChangeBody, DatastoreChangeDto };
/** What a client sends: the workload as typed (defaults not yet applied), like the request wizard's. */
export type CreateChangeBodyInput = z.input<typeof CreateChangeBodySchema>;

export const changeKeys = {
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "changes"] as const,
};

const enc = encodeURIComponent;

export const datastoreChangesQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: changeKeys.ofDatastore(datastoreId),
    queryFn: async ({ signal }) => (await api<DatastoreChangeList>(`/api/v1/datastores/${enc(datastoreId)}/changes`, { signal })).items,
    staleTime: 5_000,
  });

export const createChange = (datastoreId: string, body: CreateChangeBodyInput, idempotencyKey = newIdempotencyKey()) =>
  api<DatastoreChangeDto>(`/api/v1/datastores/${enc(datastoreId)}/changes`, { method: "POST", body, idempotencyKey });

export const decideChange = (datastoreId: string, changeId: string, body: ChangeDecisionBody) =>
  api<DatastoreChangeDto>(`/api/v1/datastores/${enc(datastoreId)}/changes/${enc(changeId)}/decisions`, { method: "POST", body });

/** The owning team withdraws a change that has not applied (its queued preview is cancelled with it). */
export const cancelChange = (datastoreId: string, changeId: string) =>
  api<DatastoreChangeDto>(`/api/v1/datastores/${enc(datastoreId)}/changes/${enc(changeId)}/cancel`, { method: "POST" });
