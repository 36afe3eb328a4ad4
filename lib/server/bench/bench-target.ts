// What a benchmark of one cluster (region × role) of a datastore runs against: the harness's driver for the
// cluster's family, and where the load goes — the cluster's own endpoint (real mode) or, in the simulation, a local
// memcached / redis-server for EVCache and Dynomite and a labelled synthetic model for the rest. Also the profile a
// run gets by default (derived from the datastore's workload, short) and the latency spike the simulation injects.
import "server-only";
import { z } from "zod";
import { deriveProfile, DeriveOptionsSchema, type DeriveOptionsInput } from "@/lib/bench/derive-profile";
import type { BenchProfile } from "@/lib/bench/profile";
import { env } from "@/lib/env";
import { AppError, type FieldError } from "@/lib/errors";
import type { BenchDriverName, BenchTarget } from "@/lib/schemas/bench-run";
import { TopologyClusterSchema } from "@/lib/schemas/datastore";
import { FamilySchema, type Family } from "@/lib/schemas/plan";
import { WorkloadSchema } from "@/lib/schemas/workload";
import type { Tx } from "../db/client";
import { sizedPlanOf } from "../datastores/sized-plan";

/** The harness's driver for each family (graph stores its data in Cassandra: only its model is benchmarked). */
export const DRIVER_OF_FAMILY = {
  evcache: "memcached",
  dynomite: "redis",
  cassandra: "cassandra",
  elasticsearch: "elasticsearch",
  graph: "cassandra",
} as const satisfies Record<Family, BenchDriverName>;

/** The port each family's clients use on the cluster's discovery name (EVCache: memcached; Dynomite: its client port). */
export const PORT_OF_FAMILY = { evcache: 11211, dynomite: 8102, cassandra: 9042, elasticsearch: 9200, graph: 9042 } as const satisfies Record<Family, number>;

/** The families whose simulated benchmark runs for real against a local server (the rest get a synthetic result). */
const LOCAL_SERVER_OF_FAMILY: Partial<Record<Family, "memcached" | "redis">> = { evcache: "memcached", dynomite: "redis" };

export function localServerKindOf(family: Family): "memcached" | "redis" | null {
  return LOCAL_SERVER_OF_FAMILY[family] ?? null;
}

const globalForBench = globalThis as unknown as { portalTestBenchMode?: "pulumi" | "simulated" | null };

/** Tests choose the simulated or the real targets without the process's PROVISIONER; null restores it. */
export function setBenchModeForTests(mode: "pulumi" | "simulated" | null): void {
  globalForBench.portalTestBenchMode = mode;
}

export function benchTargetOf(family: Family, provisioner: "pulumi" | "simulated" = globalForBench.portalTestBenchMode ?? env.PROVISIONER): BenchTarget {
  if (provisioner === "simulated") return localServerKindOf(family) ? "local-server" : "synthetic";
  return family === "graph" ? "synthetic" : "endpoint";
}

export interface BenchCluster {
  region: string;
  role: string;
  family: Family;
  nodes: number;
}

interface DatastoreFacts {
  id: string;
  name: string;
  requestId: string;
  topology: unknown;
}

const StoredTopologySchema = z.array(z.object(TopologyClusterSchema.shape));

/** The clusters of the datastore a run can target, in topology order. */
export function benchClustersOf(d: DatastoreFacts): BenchCluster[] {
  const topology = StoredTopologySchema.safeParse(d.topology);
  if (!topology.success) return [];
  return topology.data.flatMap((c) => {
    const family = FamilySchema.safeParse(c.family);
    return family.success ? [{ region: c.region, role: c.role, family: family.data, nodes: c.nodes }] : [];
  });
}

/** The cluster named by region and role (each defaulting to the first), or a 422 naming the field. */
export function resolveBenchCluster(d: DatastoreFacts, region?: string, role?: string): BenchCluster {
  const clusters = benchClustersOf(d);
  if (clusters.length === 0) throw new AppError("conflict", `${d.name} has no clusters to benchmark.`);
  const errors: FieldError[] = [];
  const regions = [...new Set(clusters.map((c) => c.region))];
  if (region !== undefined && !regions.includes(region))
    errors.push({ field: "region", message: `is not a region of ${d.name}; its regions are: ${regions.join(", ")}` });
  const inRegion = clusters.filter((c) => c.region === (region ?? clusters[0]?.region));
  const roles = [...new Set((inRegion.length > 0 ? inRegion : clusters).map((c) => c.role))];
  if (role !== undefined && !roles.includes(role))
    errors.push({ field: "role", message: `is not a role of ${d.name} there; its roles are: ${roles.join(", ")}` });
  const cluster = inRegion.find((c) => role === undefined || c.role === role);
  if (errors.length > 0 || !cluster)
    throw new AppError("invalid_input", `The benchmark names ${errors.map((e) => e.field).join(" and ") || "no cluster"} wrongly.`, { fieldErrors: errors });
  return cluster;
}

/**
 * The defaults of a run a person did not tune: the load ONE node of the cluster serves (NdBench runs against a canary
 * node that way), capped to what a local server takes; a short run of few keys.
 */
export const DEFAULT_DERIVE = { maxKeys: 10_000, maxRatePerSecond: 2000, durationS: 10, warmupS: 2, prefill: true } as const;

export interface DefaultProfile {
  profile: BenchProfile;
  notes: string[];
  derive: z.output<typeof DeriveOptionsSchema>;
}

/** Derives the run's profile from the datastore's workload (the one it was sized for), or a 422 naming the field. */
export async function deriveBenchProfile(tx: Tx, d: DatastoreFacts, cluster: BenchCluster, given: Partial<DeriveOptionsInput> = {}): Promise<DefaultProfile> {
  const options = DeriveOptionsSchema.parse({ shareOfFleet: 1 / Math.max(1, cluster.nodes), ...DEFAULT_DERIVE, ...given });
  const sized = await sizedPlanOf(tx, d);
  const workload = WorkloadSchema.safeParse(sized.workload);
  if (!workload.success) throw new AppError("conflict", `${d.name} has no readable workload to derive a benchmark from; give a profile.`);
  const derived = deriveProfile(workload.data, options);
  if (!derived.ok) {
    const field = derived.field.startsWith("workload.") ? "profile" : `derive.${derived.field}`;
    throw new AppError("invalid_input", `The benchmark profile cannot be derived: ${derived.reason}.`, { fieldErrors: [{ field, message: derived.reason }] });
  }
  const notes =
    given.shareOfFleet === undefined ? [`the load of one node of ${cluster.nodes} in ${cluster.region} ${cluster.role}`, ...derived.notes] : derived.notes;
  return { profile: derived.profile, notes, derive: options };
}

/**
 * The factor an active simulated latency spike puts on the cluster's p99 now (1: none). Incidents name a region and
 * a role, or null for all of them; several multiply, as the simulated metrics do (lib/server/health/simulation.ts).
 */
export async function latencySpikeFactor(tx: Tx, datastoreId: string, cluster: { region: string; role: string }, now = new Date()): Promise<number> {
  const incidents = await tx.healthIncident.findMany({
    where: {
      datastoreId,
      kind: "latency-spike",
      startsAt: { lte: now },
      OR: [{ endsAt: null }, { endsAt: { gt: now } }],
      AND: [{ OR: [{ region: null }, { region: cluster.region }] }, { OR: [{ role: null }, { role: cluster.role }] }],
    },
    select: { magnitude: true },
  });
  return incidents.reduce((f, i) => f * i.magnitude, 1);
}

/** The engine version of the cluster's nodes (several, comma-separated, in the middle of an upgrade). */
export async function engineVersionOf(tx: Tx, d: { id: string; engineVersion: string }, cluster: { region: string; role: string }): Promise<string> {
  const nodes = await tx.fleetNode.findMany({
    where: { datastoreId: d.id, region: cluster.region, role: cluster.role, goneAt: null },
    select: { engineVersion: true },
    distinct: ["engineVersion"],
  });
  const versions = nodes.map((n) => n.engineVersion).sort();
  return versions.length === 0 ? d.engineVersion : versions.join(", ");
}
