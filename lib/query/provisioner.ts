// Which engine provisions here and whether it can: the banner on every signed-in page reads it.
import { queryOptions } from "@tanstack/react-query";
import type { ProvisionerStatus } from "@/lib/schemas/operation";
import { apiClient } from "./client";

export type { ProvisionerStatus };

export const provisionerKey = ["provisioner"] as const;

export const provisionerQuery = () =>
  queryOptions({
    queryKey: provisionerKey,
    queryFn: ({ signal }) => apiClient.get("getProvisionerStatus", { signal }),
    // Installing the Pulumi CLI or switching engines needs a restart: asking once a few minutes is plenty.
    staleTime: 5 * 60_000,
  });
