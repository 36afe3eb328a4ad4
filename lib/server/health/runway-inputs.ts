// What the capacity tab's use-cases read of a datastore besides its series: that it has been provisioned (there is
// nothing to observe before the first up), the workload it runs with, the plan its clusters were sized by, and from those the scale that
// turns a disk's percentage points into logical GiB.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { primaryInstanceType } from "@/lib/planner";
import { isProvisioned, type DatastoreDto } from "@/lib/schemas/datastore";
import type { ShapeCostSchema } from "@/lib/schemas/runway";
import { midOf, type Workload } from "@/lib/schemas/workload";
import { currentWorkloadOf } from "../changes/current-workload";
import type { Tx } from "../db/client";
import { toDatastoreDto, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { gibPerPoint } from "./runway";
import { dataShareAtHorizon } from "./simulation-model";
import { sizedPlanOf } from "../datastores/sized-plan";
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

/** The clusters of the plan the datastore's clusters were sized by (lib/server/datastores/sized-plan.ts). */
async function currentPlanClusters(client: Tx, row: Pick<DatastoreWithRelations, "id" | "requestId">): Promise<PlanCluster[]> {
  return (await sizedPlanOf(client, row)).clusters.flatMap((c) => {
    const r = PlanClusterSchema.safeParse(c);
    return r.success ? [r.data] : [];
  });
}

/**
 * GiB of logical data per percentage point of each cluster's disks. The plan sized a zone's disk requirement for the
 * data at the horizon times a headroom buffer (the `disk.buffer` param: compaction and merge room); that data, without
 * the buffer, fills this share of the disks the topology provisions (nodes per zone × drive): dataShareAtHorizon,
 * the simulated metrics source's own reading (lib/server/health/simulation-model.ts), so the two agree.
 */
export function diskScales(dto: Pick<DatastoreDto, "topology">, plan: readonly PlanCluster[], workload: Workload): Map<string, number | null> {
  const atHorizon = midOf(workload.datasetGiB) + (workload.growthGiBPerMonth ?? 0) * workload.horizonMonths;
  const scales = new Map<string, number | null>();
  for (const t of dto.topology) {
    const p =
      plan.find((c) => c.region === t.region && c.role === t.role && c.instanceType === t.instanceType) ??
      plan.find((c) => c.region === t.region && c.role === t.role);
    const share = dataShareAtHorizon(t, p) ?? 0;
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
