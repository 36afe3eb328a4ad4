// Modernise (GET /api/v1/datastores/{id}/modernisation): when a cluster runs a previous-generation shape
// (lib/catalog/instance-generation.ts), the same workload re-planned on current-generation families — the cheapest
// current shape for the primary role, then planned on it the way a day-2 change will — with the cost delta against
// what the datastore costs now. Readable by whoever may see the datastore.
import "server-only";
import { instanceFamily } from "@/lib/catalog";
import { currentFamilies, instanceGeneration, parseFamily } from "@/lib/catalog/instance-generation";
import { planWorkload, primaryInstanceType, PlannerError } from "@/lib/planner";
import type { Family } from "@/lib/schemas/plan";
import type { ModernisationDto } from "@/lib/schemas/runway";
import type { Workload } from "@/lib/schemas/workload";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { proposalPlan } from "./replan-cost";
import { loadCapacityInputs } from "./runway-inputs";

/**
 * The workload to plan the modern shape with (restricted to current-generation families, within the team's own
 * restriction where it has one) and the one the change sends. A team restricted to previous-generation families only
 * has its restriction moved to the current families of the same series (i3 → i4i, i7i, i7ie), or lifted when the
 * series has none.
 */
function onCurrentFamilies(w: Workload): { planning: Workload; toSend: Workload } {
  const current = currentFamilies();
  const restrict = (families: string[]): Workload => ({ ...w, advanced: { ...w.advanced, instanceFamilies: families } });
  const asked = w.advanced?.instanceFamilies;
  if (!asked) return { planning: restrict(current), toSend: w };
  const kept = asked.filter((f) => current.includes(f));
  if (kept.length > 0) return { planning: restrict(kept), toSend: w };
  const series = new Set(asked.map((f) => parseFamily(f)?.series));
  const same = current.filter((f) => series.has(parseFamily(f)?.series)).slice(0, 40);
  if (same.length > 0) return { planning: restrict(same), toSend: restrict(same) };
  const { instanceFamilies: _lifted, ...rest } = w.advanced ?? {};
  const lifted: Workload = { ...w, advanced: rest };
  return { planning: restrict(current), toSend: lifted };
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
