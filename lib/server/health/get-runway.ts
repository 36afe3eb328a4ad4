// A datastore's capacity runway (GET /api/v1/datastores/{id}/runway): its disks' months until their thresholds, its
// primary role's observed peaks against the plan, and — when the load departs from the plan by more than 25% or a
// runway is shorter than the planning horizon — a re-plan: the observed workload through the planner on the shape
// it runs, with the cost delta. Readable by whoever may see the datastore; the series come through the MetricsSource
// seam (CloudWatch, or the simulation).
import "server-only";
import { AppError } from "@/lib/errors";
import type { Family } from "@/lib/schemas/plan";
import type { RunwayDto } from "@/lib/schemas/runway";
import { WorkloadSchema } from "@/lib/schemas/workload";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import type { MetricsSource } from "./metrics-source";
import { getMetricsSource, metricsTargetsOf } from "./metrics-source-factory";
import { observedWorkload } from "./runway";
import { analyseRunway, runwayQueries } from "./runway-analysis";
import { loadCapacityInputs } from "./runway-inputs";
import { proposalPlan } from "./replan-cost";
import { runwayRange } from "./runway-window";

export interface GetRunwayOptions {
  actor: Actor;
  id: string;
  /** The metrics source; the process's (getMetricsSource) when left out. */
  source?: MetricsSource;
  now?: Date;
  signal?: AbortSignal;
}

export async function getRunway(opts: GetRunwayOptions): Promise<RunwayDto> {
  const { actor, id, now = new Date() } = opts;
  const row = await findVisibleDatastore(db(), actor, id);
  const inputs = await loadCapacityInputs(db(), row);
  const source = opts.source ?? getMetricsSource();
  const target = (await metricsTargetsOf(db(), [row])).get(row.id);
  if (!target) throw new AppError("internal", "no metrics target for the datastore");

  const range = runwayRange(now, target.activeSince);
  const runwayInputs = { topology: inputs.dto.topology, thresholds: inputs.dto.thresholds, workload: inputs.workload, scales: inputs.scales };
  const series = await source.series(target, runwayQueries(runwayInputs), range, opts.signal);
  const analysis = analyseRunway(runwayInputs, series);

  let proposal: RunwayDto["proposal"] = null;
  if (analysis.reasons.length > 0) {
    // Clamped to the physical ceilings, the observed workload is one the schema takes; parsed again to be sure.
    const workload = WorkloadSchema.parse(observedWorkload(inputs.workload, analysis.observed));
    const plan = proposalPlan(workload, inputs.dto.family as Family, inputs.current.instanceType, inputs.current);
    const o = analysis.observed;
    proposal = {
      reasons: analysis.reasons,
      workload,
      current: inputs.current,
      ...plan,
      observed: {
        readsPerSecond: o.peakReadsPerSecond,
        writesPerSecond: o.peakWritesPerSecond,
        datasetGiB: o.dataGiB,
        growthGiBPerMonth: o.growthGiBPerMonth,
        growthBasis: o.growthBasis,
      },
    };
  }
  return {
    datastoreId: row.id,
    source: source.kind,
    window: { from: range.from.toISOString(), to: range.to.toISOString(), periodSeconds: range.periodSeconds },
    horizonMonths: inputs.workload.horizonMonths,
    rooms: analysis.rooms,
    traffic: analysis.traffic,
    proposal,
  };
}
