// GET /api/v1/datastores/{id}/benchmarks/profile: the profile a run of a cluster gets by default (derived from the
// workload, short), how it was derived, and the driver and target it would run on.
import "server-only";
import type { DerivedBenchProfile } from "@/lib/schemas/bench-run";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { benchClustersOf, benchTargetOf, deriveBenchProfile, DRIVER_OF_FAMILY, resolveBenchCluster } from "./bench-target";

export async function getDefaultBenchProfile({
  actor,
  datastoreId,
  region,
  role,
}: {
  actor: Actor;
  datastoreId: string;
  region?: string;
  role?: string;
}): Promise<DerivedBenchProfile> {
  const datastore = await findVisibleDatastore(db(), actor, datastoreId);
  const cluster = resolveBenchCluster(datastore, region, role);
  const derived = await deriveBenchProfile(db(), datastore, cluster);
  return {
    profile: derived.profile,
    notes: derived.notes,
    derive: derived.derive,
    driver: DRIVER_OF_FAMILY[cluster.family],
    target: benchTargetOf(cluster.family),
    clusters: benchClustersOf(datastore).map((c) => ({ region: c.region, role: c.role })),
  };
}
