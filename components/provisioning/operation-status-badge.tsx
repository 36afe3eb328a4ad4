// An operation's or a change's status as a pill, in the colours the portal uses for every status.
import type { OperationStatus } from "@/lib/schemas/operation";
import type { ChangeStatus } from "@/lib/schemas/change";
import { OPERATION_STATUS_TONES } from "./operation-labels";

const CHANGE_TONES = {
  "pending-approval": "warn",
  approved: "info",
  rejected: "danger",
  applied: "ok",
  cancelled: "neutral",
  failed: "danger",
} as const satisfies Record<ChangeStatus, string>;

export function OperationStatusBadge({ status }: { status: OperationStatus }) {
  return (
    <span className={`status status--${OPERATION_STATUS_TONES[status]}`} data-testid="operation-status" data-status={status}>
      {status}
    </span>
  );
}

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  return (
    <span className={`status status--${CHANGE_TONES[status]}`} data-testid="change-status" data-status={status}>
      {status === "pending-approval" ? "awaiting approval" : status}
    </span>
  );
}
