// How a campaign and each of its datastores read as progress: the path every datastore takes, how far one got along
// it (each stage done, current, failed or still to come), and the one-line summary of a campaign. Pure: the pages
// draw it, the unit tests check it.
import type { CampaignDto, CampaignGate, CampaignTargetDto, TargetStep } from "@/lib/schemas/campaign";

/** What each step means, for people. */
export const STEP_LABELS: Record<TargetStep, string> = {
  pending: "pending",
  "waiting-review": "waiting for review",
  preview: "previewing",
  baseline: "baseline benchmark",
  canary: "canary",
  validation: "validation benchmark",
  gate: "gate",
  rollout: "rolling out",
  done: "done",
  "rolling-back": "rolling back the canary",
  "rolled-back": "canary rolled back",
  failed: "failed",
  skipped: "skipped",
};

/** The path every datastore takes, in order. */
export const PIPELINE = ["preview", "baseline", "canary", "validation", "gate", "rollout", "done"] as const satisfies readonly TargetStep[];
export type PipelineStage = (typeof PIPELINE)[number];
export type StageState = "done" | "current" | "failed" | "todo";

/**
 * Each stage of the path for a target at `step`: stages before the current one are done; a finished upgrade has them
 * all done; a rolled-back canary failed at the gate; a target that failed did so at the step its error came from
 * (`failedAt`, when known), otherwise nothing is marked; pending, waiting and skipped targets have everything to come.
 */
export function stageStates(t: Pick<CampaignTargetDto, "step" | "gate">): Record<PipelineStage, StageState> {
  const states = Object.fromEntries(PIPELINE.map((s) => [s, "todo"])) as Record<PipelineStage, StageState>;
  const mark = (upTo: number, last: StageState) =>
    PIPELINE.forEach((s, i) => {
      if (i < upTo) states[s] = "done";
      else if (i === upTo) states[s] = last;
    });
  const at = (PIPELINE as readonly TargetStep[]).indexOf(t.step);
  if (t.step === "done") mark(PIPELINE.length - 1, "done");
  else if (at >= 0) mark(at, "current");
  else if (t.step === "rolling-back" || t.step === "rolled-back" || (t.step === "failed" && t.gate?.verdict === "fail"))
    mark(PIPELINE.indexOf("gate"), "failed");
  return states;
}

export function campaignProgressText(c: Pick<CampaignDto, "counts" | "current">): string {
  const { total, done, rolledBack, failed, skipped } = c.counts;
  const parts = [`${done} of ${total} upgraded`];
  if (rolledBack) parts.push(`${rolledBack} rolled back`);
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  if (c.current) parts.push(`now: ${c.current.datastoreName} (${STEP_LABELS[c.current.step]})`);
  return parts.join(" · ");
}

/**
 * The gate's check of an operation's p99 against the regression bound; undefined when the gate did not hold p99 to it
 * (a local stand-in gates its median only), so the gate's table does not paint an ungated change as the failure.
 */
export function p99RegressionCheck(g: Pick<CampaignGate, "checks">, op: "read" | "write"): CampaignGate["checks"][number] | undefined {
  return g.checks.find((c) => c.name === `${op}s p99 regression`);
}
