// A request's, datastore's or API token's status as a coloured pill: the colour says whether anyone needs to act.
const TONES: Record<string, string> = {
  draft: "neutral",
  submitted: "info",
  "changes-requested": "warn",
  approved: "ok",
  rejected: "danger",
  cancelled: "neutral",
  provisioning: "info",
  active: "ok",
  failed: "danger",
  decommissioning: "warn",
  decommissioned: "neutral",
  // API tokens
  revoked: "danger",
  expired: "neutral",
};

const LABELS: Record<string, string> = { "changes-requested": "changes requested", submitted: "in review" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status status--${TONES[status] ?? "neutral"}`} data-testid="status" data-status={status}>
      {LABELS[status] ?? status}
    </span>
  );
}
