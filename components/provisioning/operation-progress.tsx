// The progress bar of an operation: resource steps done of those planned (the confirmed preview's count). A
// preview or drift check knows no plan in advance: it shows the steps so far. Screen readers hear the count
// change (aria-live) and read the bar's value (role progressbar).
import type { OperationStatus } from "@/lib/schemas/operation";

interface Props {
  label: string;
  planned: number | null;
  done: number;
  status: OperationStatus;
}

export function OperationProgress({ label, planned, done, status }: Props) {
  const known = planned !== null && planned > 0;
  const shown = known ? Math.min(done, planned) : done;
  const share = known ? shown / planned : status === "succeeded" ? 1 : 0;
  const text = known ? `${shown} of ${planned} resources` : `${done} resource step${done === 1 ? "" : "s"} so far`;
  return (
    <div className="op-progress" data-testid="operation-progress">
      <div
        className={`op-progress-track${status === "running" && !known ? " op-progress-track--busy" : ""}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? planned : undefined}
        aria-valuenow={known ? shown : undefined}
        aria-valuetext={text}
        data-done={shown}
        data-planned={planned ?? ""}
      >
        <span className={`op-progress-fill op-progress-fill--${status}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="op-progress-text small" aria-live="polite">
        {text}
      </p>
    </div>
  );
}
