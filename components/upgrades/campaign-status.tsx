// A campaign's and a target's status as people read them: the pill's tone says whether anyone needs to act (a halt,
// a wave waiting for a reviewer), the words say where it stands.
import type { CampaignStatus, TargetStep } from "@/lib/schemas/campaign";
import { STEP_LABELS } from "./campaign-progress";

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
