// SLA health: a datastore's health over a range (refreshed every minute while open), the fleet-wide at-risk list,
// and the simulated incidents an administrator injects.
import { queryOptions } from "@tanstack/react-query";
import type { AtRiskQuery, IncidentCreate } from "@/lib/schemas/sla-health";
import { apiClient } from "./client";

export type HealthRange = "24h" | "7d";

export const healthKeys = {
  all: ["health"] as const,
  datastore: (id: string, range: HealthRange) => ["health", "datastore", id, range] as const,
  atRisk: (q: AtRiskQuery) => ["health", "at-risk", q] as const,
};

export const datastoreHealthQuery = (id: string, range: HealthRange) =>
  queryOptions({
    queryKey: healthKeys.datastore(id, range),
    queryFn: ({ signal }) => apiClient.get("getDatastoreHealth", { params: { id }, query: { range }, signal }),
    refetchInterval: 60_000,
  });

export const atRiskQuery = (q: AtRiskQuery = {}) =>
  queryOptions({
    queryKey: healthKeys.atRisk(q),
    queryFn: ({ signal }) => apiClient.get("listAtRisk", { query: q, signal }),
    refetchInterval: 60_000,
  });

export const createIncident = (id: string, body: IncidentCreate) => apiClient.get("createHealthIncident", { params: { id }, body });
export const endIncident = (id: string, incidentId: string) => apiClient.get("endHealthIncident", { params: { id, incidentId } });
