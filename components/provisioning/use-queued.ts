"use client";
// After an operation is queued (or a change creates one): show it at once at the top of the datastore's list,
// then refresh the datastore, its operations, changes and history from the server.
import { useQueryClient } from "@tanstack/react-query";
import { datastoreKeys } from "@/lib/query/datastores";
import { operationKeys, type OperationDto, type OperationList } from "@/lib/query/operations";

export function useQueued(datastoreId: string) {
  const queryClient = useQueryClient();
  return {
    queued: async (op: OperationDto) => {
      queryClient.setQueryData(operationKeys.one(op.id), op);
      queryClient.setQueryData<OperationList>(operationKeys.ofDatastore(datastoreId), (old) =>
        old ? { ...old, items: [op, ...old.items.filter((o) => o.id !== op.id)] } : old,
      );
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.one(datastoreId) });
    },
    refresh: () => queryClient.invalidateQueries({ queryKey: datastoreKeys.one(datastoreId) }),
  };
}
