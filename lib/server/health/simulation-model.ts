// What the simulated metrics are derived from, read once per datastore: the plan its clusters were sized by (the
// latest applied day-2 change's, else the request's chosen plan), the workload, and the incidents injected into it.
//
// Disk, honestly: the planner sizes disk for the data at the end of the planning horizon times a headroom buffer
// (Cassandra's compaction room, Elasticsearch's merge room: the cluster's `disk.buffer` param), so its
// `utilisation.disk` is what the buffered requirement fills, not what the data does. The simulated disk is the
// plan's data per zone WITHOUT the buffer (requirements.diskGib ÷ disk.buffer), scaled from the horizon's data back
// to today's, against the physical disks the topology provisions (nodes per zone × drive size). Counting the buffer
// again would show a new cluster at its alarm threshold on day one.
import "server-only";
import { z } from "zod";
import { MODELS } from "@/lib/planner";
import { ClusterSchema } from "@/lib/schemas/plan";
import { TopologyClusterSchema, type TopologyCluster } from "@/lib/schemas/datastore";
import { IncidentKindSchema } from "@/lib/schemas/sla-health";
import { midOf, QuantitySchema } from "@/lib/schemas/workload";
import { db, type Tx } from "../db/client";
import { sizedPlanOf } from "../datastores/sized-plan";
import type { SimCluster, SimIncident, SimModel } from "./simulation";

// Stored JSON is read leniently: only the fields the simulation needs, unknown keys dropped.
const StoredPlanClusterSchema = z.object({
  region: z.string(),
  role: z.string(),
  instanceType: z.string(),
  nodesPerZone: z.number(),
  requirements: z.object(ClusterSchema.shape.requirements.shape),
  utilisation: z.object({ cpu: z.number(), memory: z.number(), disk: z.number() }),
  params: z.record(z.string(), z.unknown()).default({}),
});
type PlanCluster = z.infer<typeof StoredPlanClusterSchema>;
const StoredWorkloadSchema = z.object({
  readsPerSecond: QuantitySchema,
  writesPerSecond: QuantitySchema,
  datasetGiB: QuantitySchema,
  growthGiBPerMonth: z.number().optional(),
  horizonMonths: z.number().default(12),
  readLatencyP99Ms: z.number().optional(),
  writeLatencyP99Ms: z.number().optional(),
});
type StoredWorkload = z.infer<typeof StoredWorkloadSchema>;

/**
 * CPU, honestly: the planner's core requirement carries queueing headroom (square-root staffing) and, for the
 * stores that compact or repair, a 2× background buffer, so its utilisation.cpu of 1.0 means "the planned cores are
 * all spoken for", not 100% busy. A plan sized that way runs its nodes about half busy at peak.
 */
export const PLANNED_CPU_BUSY_SHARE = 0.5;

/** Memory, honestly: Redis (Dynomite) plans twice its data for a fork's copy-on-write; the data fills half. */
const MEMORY_HEADROOM: Partial<Record<string, number>> = { dynomite: 2 };

/** Without a readable plan (a datastore written by hand), a middling cluster: still deterministic. */
const FALLBACK = { cpu: 0.5, memory: 0.6, disk: 0.3 } as const;

function planClustersIn(clusters: readonly unknown[]): PlanCluster[] {
  return clusters.flatMap((c) => {
    const r = StoredPlanClusterSchema.safeParse(c);
    return r.success ? [r.data] : [];
  });
}

/** The plan's cluster for a topology cluster: same region and role, the same shape first. */
function planClusterFor(plan: readonly PlanCluster[], t: TopologyCluster): PlanCluster | undefined {
  const all = plan.filter((c) => c.region === t.region && c.role === t.role);
  return all.find((c) => c.instanceType === t.instanceType && c.nodesPerZone === t.nodesPerZone) ?? all[0];
}

/**
 * The share of a zone's physical disks (nodes per zone × drive) the data at the planning horizon fills, WITHOUT the
 * plan's headroom buffer (the `disk.buffer` param: requirements.diskGib ÷ buffer is the data); null without disks or a
 * readable plan. The simulation's disk and the runway's GiB-per-point scale both read the plan this way, so they agree.
 */
export function dataShareAtHorizon(
  t: TopologyCluster,
  plan: { requirements: { diskGib: number }; params: Record<string, unknown> } | undefined,
): number | null {
  if (!t.drive || t.drive.sizeGib <= 0 || !plan || plan.requirements.diskGib <= 0) return null;
  const buffer = typeof plan.params["disk.buffer"] === "number" && plan.params["disk.buffer"] >= 1 ? plan.params["disk.buffer"] : 1;
  return plan.requirements.diskGib / buffer / (t.nodesPerZone * t.drive.sizeGib);
}

/** Share of the physical disks the data fills on day one, and what the declared growth adds a month. */
export function honestDisk(t: TopologyCluster, plan: PlanCluster | undefined, w: StoredWorkload | undefined): { atStart: number; perMonth: number } | null {
  if (!t.drive || t.drive.sizeGib <= 0) return null;
  const growth = w?.growthGiBPerMonth ?? 0;
  const today = w ? midOf(w.datasetGiB) : 0;
  const atHorizon = today + growth * (w?.horizonMonths ?? 12);
  const share = dataShareAtHorizon(t, plan);
  if (share === null || atHorizon <= 0) return { atStart: FALLBACK.disk, perMonth: 0 };
  return { atStart: (share * today) / atHorizon, perMonth: (share * growth) / atHorizon };
}

function simCluster(t: TopologyCluster, plan: PlanCluster | undefined, w: StoredWorkload | undefined): SimCluster {
  const defaults = MODELS[t.family].defaults;
  const disk = honestDisk(t, plan, w);
  return {
    region: t.region,
    role: t.role,
    cpu: plan ? plan.utilisation.cpu * PLANNED_CPU_BUSY_SHARE : FALLBACK.cpu,
    memory: plan ? plan.utilisation.memory / (MEMORY_HEADROOM[t.family] ?? 1) : FALLBACK.memory,
    diskAtStart: disk?.atStart ?? null,
    diskGrowthPerMonth: disk?.perMonth ?? 0,
    readsPerSecond: w ? midOf(w.readsPerSecond) : 1000,
    writesPerSecond: w ? midOf(w.writesPerSecond) : 1000,
    readLatencyP99Ms: w?.readLatencyP99Ms ?? defaults.readLatencyP99Ms,
    writeLatencyP99Ms: w?.writeLatencyP99Ms ?? defaults.writeLatencyP99Ms ?? defaults.readLatencyP99Ms,
  };
}

/** The simulation of one datastore's clusters (pure: tests build one straight from a plan). */
export function simModelOf(input: {
  datastoreId: string;
  activeSince: Date;
  topology: readonly TopologyCluster[];
  /** The clusters of the plan the datastore was sized by, as stored (lib/server/datastores/sized-plan.ts). */
  planClusters: readonly unknown[];
  workload: unknown;
  incidents: readonly SimIncident[];
}): SimModel {
  const plan = planClustersIn(input.planClusters);
  const w = StoredWorkloadSchema.safeParse(input.workload);
  return {
    datastoreId: input.datastoreId,
    activeSince: input.activeSince,
    clusters: input.topology.map((t) => simCluster(t, planClusterFor(plan, t), w.success ? w.data : undefined)),
    incidents: input.incidents,
  };
}

/** When the datastore became active: its first successful provisioning up, else when it was created. */
export async function activeSinceOf(client: Tx, datastoreIds: readonly string[]): Promise<Map<string, Date>> {
  const ups = await client.operation.groupBy({
    by: ["datastoreId"],
    where: { datastoreId: { in: [...datastoreIds] }, kind: "up", status: "succeeded" },
    _min: { finishedAt: true },
  });
  return new Map(ups.flatMap((u) => (u._min.finishedAt ? [[u.datastoreId, u._min.finishedAt] as const] : [])));
}

/** What a simulated world holds besides the model: the datastore's name, regions and thresholds (its alarms). */
export interface SimWorld {
  model: SimModel;
  datastoreName: string;
  regions: string[];
  thresholds: { metric: string; role: string; comparison: string; warning: number | null; critical: number; forMinutes: number }[];
}

// The plan-derived clusters change only with the datastore (a day-2 change bumps its version): kept per datastore, so a
// read of 200 datastores does not parse 200 pinned plans (tens of kilobytes each) every minute.
const globalForPlans = globalThis as unknown as { portalSimPlans?: Map<string, { key: string; clusters: SimCluster[] }> };
const planCache = (globalForPlans.portalSimPlans ??= new Map());
const PLAN_CACHE_MAX = 2000;

async function planClustersOf(client: Tx, row: { id: string; requestId: string; version: number; updatedAt: Date; topology: unknown }): Promise<SimCluster[]> {
  const key = `${row.version}:${row.updatedAt.getTime()}`;
  const hit = planCache.get(row.id);
  if (hit?.key === key) return hit.clusters;
  const sized = await sizedPlanOf(client, row);
  const clusters = simModelOf({
    datastoreId: row.id,
    activeSince: new Date(0),
    topology: z.array(z.object(TopologyClusterSchema.shape)).parse(row.topology),
    planClusters: sized.clusters,
    workload: sized.workload,
    incidents: [],
  }).clusters as SimCluster[];
  if (planCache.size >= PLAN_CACHE_MAX) planCache.delete(planCache.keys().next().value as string);
  planCache.set(row.id, { key, clusters });
  return clusters;
}

/** Reads what the simulation of one datastore needs; null when there is no such datastore. */
export async function loadSimWorld(datastoreId: string, activeSince?: Date): Promise<SimWorld | null> {
  const client = db();
  const row = await client.datastore.findUnique({
    where: { id: datastoreId },
    select: {
      id: true,
      requestId: true,
      name: true,
      regions: true,
      version: true,
      updatedAt: true,
      createdAt: true,
      topology: true,
      thresholds: { select: { metric: true, role: true, comparison: true, warning: true, critical: true, forMinutes: true } },
      healthIncidents: { orderBy: { startsAt: "asc" } },
    },
  });
  if (!row) return null;
  const since = activeSince ?? (await activeSinceOf(client, [row.id])).get(row.id) ?? row.createdAt;
  const clusters = await planClustersOf(client, row);
  return {
    model: {
      datastoreId: row.id,
      activeSince: since,
      clusters,
      incidents: row.healthIncidents.flatMap((i) => {
        const kind = IncidentKindSchema.safeParse(i.kind);
        return kind.success ? [{ kind: kind.data, region: i.region, role: i.role, magnitude: i.magnitude, startsAt: i.startsAt, endsAt: i.endsAt }] : [];
      }),
    },
    datastoreName: row.name,
    regions: Array.isArray(row.regions) ? row.regions.filter((r): r is string => typeof r === "string") : [],
    thresholds: row.thresholds,
  };
}

/** The simulation of one datastore; null when there is no such datastore. */
export async function loadSimModel(datastoreId: string, activeSince?: Date): Promise<SimModel | null> {
  return (await loadSimWorld(datastoreId, activeSince))?.model ?? null;
}
