// A campaign's and a target's status as people read them: the pill's tone says whether anyone needs to act (a halt,
// a wave waiting for a reviewer), the words say where it stands.
import type { CampaignDto, CampaignStatus, TargetStep } from "@/lib/schemas/campaign";

const CAMPAIGN_TONES: Record<CampaignStatus, string> = {
  draft: "neutral",
  running: "info",
  paused: "warn",
  halted: "danger",
  aborted: "neutral",
  completed: "ok",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span className={`status status--${CAMPAIGN_TONES[status]}`} data-testid="campaign-status" data-status={status}>
      {status}
    </span>
  );
}

/** What each step means, for the pill's tooltip and screen readers' benefit in the steps list. */
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

const STEP_TONES: Record<TargetStep, string> = {
  pending: "neutral",
  "waiting-review": "warn",
  preview: "info",
  baseline: "info",
  canary: "info",
  validation: "info",
  gate: "info",
  rollout: "info",
  done: "ok",
  "rolling-back": "danger",
  "rolled-back": "danger",
  failed: "danger",
  skipped: "neutral",
};

export function TargetStepBadge({ step }: { step: TargetStep }) {
  return (
    <span className={`status status--${STEP_TONES[step]}`} data-testid="target-step" data-step={step}>
      {STEP_LABELS[step]}
    </span>
  );
}

/** The path every datastore takes, in order: the page draws it as a row of steps. */
export const PIPELINE: readonly TargetStep[] = ["preview", "baseline", "canary", "validation", "gate", "rollout", "done"];

export function campaignProgressText(c: Pick<CampaignDto, "counts" | "current">): string {
  const { total, done, rolledBack, failed, skipped } = c.counts;
  const parts = [`${done} of ${total} upgraded`];
  if (rolledBack) parts.push(`${rolledBack} rolled back`);
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  if (c.current) parts.push(`now: ${c.current.datastoreName} (${STEP_LABELS[c.current.step]})`);
  return parts.join(" · ");
}
