// Modernise (GET /api/v1/datastores/{id}/modernisation): when a cluster runs a previous-generation shape
// (lib/catalog/instance-generation.ts), the same workload re-planned on current-generation families — the cheapest
// current shape for the primary role, then planned on it the way a day-2 change will — with the cost delta against
// what the datastore costs now. Readable by whoever may see the datastore.
import "server-only";
import { instanceFamily, regionHardware } from "@/lib/catalog";
import { instanceGeneration } from "@/lib/catalog/instance-generation";
import { planWorkload, primaryInstanceType, PlannerError } from "@/lib/planner";
import type { Family } from "@/lib/schemas/plan";
import type { ModernisationDto } from "@/lib/schemas/runway";
import type { Workload } from "@/lib/schemas/workload";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { proposalPlan } from "./replan-cost";
import { loadCapacityInputs } from "./runway-inputs";

/** The workload restricted to current-generation families (within the team's own restriction where it has one). */
function onCurrentFamilies(w: Workload): { planning: Workload; toSend: Workload } {
  const home = w.regions[0] ?? "us-east-1";
  const current = [
    ...new Set(
      regionHardware(home)
        .instances.filter((s) => instanceGeneration(s.name) === "current")
        .map((s) => s.family),
    ),
  ];
  const asked = w.advanced?.instanceFamilies;
  const kept = asked?.filter((f) => current.includes(f));
  // A team restricted to previous-generation families only: the restriction is what the change lifts.
  const families = kept && kept.length > 0 ? kept : current;
  const toSend: Workload = asked && (!kept || kept.length === 0) ? { ...w, advanced: { ...w.advanced, instanceFamilies: families } } : w;
  return { planning: { ...w, advanced: { ...w.advanced, instanceFamilies: families } }, toSend };
}

export async function getModernisation(opts: { actor: Actor; id: string }): Promise<ModernisationDto> {
  const row = await findVisibleDatastore(db(), opts.actor, opts.id);
  const inputs = await loadCapacityInputs(db(), row);
  const { dto } = inputs;
  const clusters = dto.topology.map((c) => ({ region: c.region, role: c.role, instanceType: c.instanceType, generation: instanceGeneration(c.instanceType) }));
  const previous = clusters.filter((c) => c.generation === "previous");
  const base = { datastoreId: dto.id, clusters };
  if (previous.length === 0) return { ...base, proposal: null, note: "Every cluster runs a current-generation shape." };

  const family = dto.family as Family;
  const { planning, toSend } = onCurrentFamilies(inputs.workload);
  let modern: string | undefined;
  try {
    modern = primaryInstanceType(planWorkload({ workload: planning, family, alternatives: 1 }).plans[0]?.clusters ?? []);
  } catch (error) {
    if (!(error instanceof PlannerError)) throw error;
  }
  if (!modern)
    return { ...base, proposal: null, note: `No current-generation shape can serve this workload as ${family}: it stays on ${inputs.current.instanceType}.` };
  if (modern === inputs.current.instanceType) {
    return { ...base, proposal: null, note: `Only companion clusters run previous-generation shapes; the next day-2 change re-plans them with ${modern}.` };
  }
  const plan = proposalPlan(toSend, family, modern, inputs.current);
  const reasons = previous.map((c) => `${c.region} ${c.role} runs ${c.instanceType}, a previous-generation ${instanceFamily(c.instanceType)} shape.`);
  reasons.push(`${modern} is the current-generation shape that serves the same workload at the least cost.`);
  return { ...base, proposal: { reasons, workload: toSend, current: inputs.current, instanceType: modern, ...plan }, note: null };
}
