// dsp plan -f workload.yaml [--family F] [--alternatives N] [--local]: the recommendation and ranked plans, from the
// portal (recommendStore and planCapacity) or, with --local, from the planner on this machine.
import type { Family, PlanResult, RecommendationResult } from "@/lib/schemas/plan";
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { loadFile } from "../files";
import { renderPlans, renderRecommendation } from "../render";
import { readWorkloadFile } from "../workload-file";

export async function run(ctx: CommandContext) {
  const { workload, family: fileFamily } = readWorkloadFile(await loadFile(ctx.io, stringFlag(ctx, "file")));
  const { FamilySchema } = await import("@/lib/schemas/plan");
  const familyFlag = stringFlag(ctx, "family");
  const family: Family | undefined = familyFlag === undefined ? fileFamily : FamilySchema.safeParse(familyFlag).data;
  if (familyFlag !== undefined && !family) throw usageError(`--family must be one of ${FamilySchema.options.join(", ")}.`);
  const altFlag = stringFlag(ctx, "alternatives");
  const alternatives = altFlag === undefined ? 4 : Number(altFlag);
  if (!Number.isInteger(alternatives) || alternatives < 1 || alternatives > 10) throw usageError("--alternatives must be a whole number from 1 to 10.");

  let recommendation: RecommendationResult;
  let plan: PlanResult;
  if (boolFlag(ctx, "local")) {
    const { recommend, planWorkload, PlannerError } = await import("@/lib/planner");
    try {
      recommendation = recommend(workload);
      plan = planWorkload({ workload, family, alternatives });
    } catch (error) {
      if (error instanceof PlannerError) throw usageError(`The planner cannot plan this workload: ${error.message}`);
      throw error;
    }
  } else {
    const client = await ctx.client();
    [recommendation, plan] = await Promise.all([
      client.get("recommendStore", { body: workload }),
      client.get("planCapacity", { body: { workload, family, alternatives } }),
    ]);
  }
  if (ctx.json) printJson(ctx, { workload: workload.name, local: boolFlag(ctx, "local"), recommendation, plan });
  else ctx.io.stdout.write(`${renderRecommendation(recommendation)}\n${renderPlans(plan)}`);
  return EXIT.ok;
}
