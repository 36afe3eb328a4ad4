// Which engine provisions here and whether it can: the banner on every signed-in page reads it.
import { queryOptions } from "@tanstack/react-query";
import type { ProvisionerStatus } from "@/lib/schemas/operation";
import { api } from "./api";

export type { ProvisionerStatus };

export const provisionerKey = ["provisioner"] as const;

export const provisionerQuery = () =>
  queryOptions({
    queryKey: provisionerKey,
    queryFn: ({ signal }) => api<ProvisionerStatus>("/api/v1/provisioner", { signal }),
    // Installing the Pulumi CLI or switching engines needs a restart: asking once a few minutes is plenty.
    staleTime: 5 * 60_000,
  });
