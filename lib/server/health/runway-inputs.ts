// What the capacity tab's use-cases read of a datastore besides its series: that it has been provisioned (there is
// nothing to observe before the first up), the workload it runs with, the plan its clusters were sized by, and from those the scale that
// turns a disk's percentage points into logical GiB.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { primaryInstanceType } from "@/lib/planner";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { ShapeCostSchema } from "@/lib/schemas/runway";
import { midOf, type Workload } from "@/lib/schemas/workload";
import { currentWorkloadOf } from "../changes/current-workload";
import type { Tx } from "../db/client";
import { toDatastoreDto, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { isProvisioned } from "./get-datastore-health";
import { gibPerPoint } from "./runway";
import { scaleKey } from "./runway-analysis";

// Stored plans are read leniently: only what the scale needs.
const PlanClusterSchema = z.object({
  region: z.string(),
  role: z.string(),
  instanceType: z.string(),
  requirements: z.object({ diskGib: z.number() }),
  params: z.record(z.string(), z.unknown()).default({}),
});
type PlanCluster = z.infer<typeof PlanClusterSchema>;
const PlansSchema = z.object({ plans: z.array(z.object({ rank: z.number(), clusters: z.array(z.unknown()) })) });
const ChangePlanSchema = z.object({ plan: PlansSchema.optional() });

function clustersOf(plan: { clusters: unknown[] } | undefined): PlanCluster[] {
  return (plan?.clusters ?? []).flatMap((c) => {
    const r = PlanClusterSchema.safeParse(c);
    return r.success ? [r.data] : [];
  });
}

/** The plan the datastore's clusters were sized by: its last applied change's (plans[0]), else its request's chosen one. */
async function currentPlanClusters(client: Tx, row: Pick<DatastoreWithRelations, "id" | "requestId">): Promise<PlanCluster[]> {
  const applied = await client.datastoreChange.findFirst({
    where: { datastoreId: row.id, kind: "update", status: "applied" },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { planResult: true },
  });
  const fromChange = ChangePlanSchema.safeParse(applied?.planResult);
  if (applied && fromChange.success && fromChange.data.plan) return clustersOf(fromChange.data.plan.plans[0]);
  const request = await client.request.findUnique({ where: { id: row.requestId }, select: { planResult: true, chosenRank: true } });
  const plans = PlansSchema.safeParse(request?.planResult);
  if (!plans.success) return [];
  return clustersOf(plans.data.plans.find((p) => p.rank === (request?.chosenRank ?? 1)) ?? plans.data.plans[0]);
}

/**
 * GiB of logical data per percentage point of each cluster's disks. The plan sized a zone's disk requirement for the
 * data at the horizon times a headroom buffer (the `disk.buffer` param: compaction and merge room); that data, without
 * the buffer, fills this share of the disks the topology provisions (nodes per zone × drive) — the same reading as
 * the simulated metrics source's (lib/server/health/simulation-model.ts), so the two agree.
 */
export function diskScales(dto: Pick<DatastoreDto, "topology">, plan: readonly PlanCluster[], workload: Workload): Map<string, number | null> {
  const atHorizon = midOf(workload.datasetGiB) + (workload.growthGiBPerMonth ?? 0) * workload.horizonMonths;
  const scales = new Map<string, number | null>();
  for (const t of dto.topology) {
    const p =
      plan.find((c) => c.region === t.region && c.role === t.role && c.instanceType === t.instanceType) ??
      plan.find((c) => c.region === t.region && c.role === t.role);
    const physical = t.drive ? t.nodesPerZone * t.drive.sizeGib : 0;
    const buffer = typeof p?.params["disk.buffer"] === "number" && p.params["disk.buffer"] >= 1 ? p.params["disk.buffer"] : 1;
    const share = p && physical > 0 ? p.requirements.diskGib / buffer / physical : 0;
    scales.set(scaleKey(t.region, t.role), gibPerPoint(atHorizon, share));
  }
  return scales;
}

export interface CapacityInputs {
  dto: DatastoreDto;
  workload: Workload;
  scales: Map<string, number | null>;
  current: z.infer<typeof ShapeCostSchema>;
}

/** The datastore must have been provisioned (as for the Health tab), and its workload must read; 409 with the reason otherwise. */
export async function loadCapacityInputs(client: Tx, row: DatastoreWithRelations): Promise<CapacityInputs> {
  const dto = toDatastoreDto(row);
  if (!isProvisioned(dto)) throw new AppError("conflict", `${dto.name} is ${dto.status}: it has no capacity to observe until it has been provisioned.`);
  const workload = await currentWorkloadOf(client, row);
  if (!workload) throw new AppError("conflict", `${dto.name}'s workload cannot be read, so there is no plan to compare with.`);
  const plan = await currentPlanClusters(client, row);
  return {
    dto,
    workload,
    scales: diskScales(dto, plan, workload),
    current: {
      instanceType: primaryInstanceType(dto.topology) ?? "",
      nodes: dto.topology.reduce((n, c) => n + c.nodes, 0),
      monthlyCost: dto.monthlyCost,
      annualCost: dto.annualCost,
    },
  };
}
