"use client";
// A button for something the server says a person may (or may not) do: enabled when its Action allows it; disabled
// when it does not, with the server's reason beside it as the visible explanation (and the button's description for
// screen readers). Nothing when the action is absent (not a step of this state).
import { useId, type ReactNode } from "react";
import type { Action } from "@/lib/schemas/actions";

interface Props {
  action: Action | undefined;
  children: ReactNode;
  onClick: () => void;
  className?: string;
  /** Another action of the same group is running (the button waits). */
  busy?: boolean;
  /** The element that already shows the reason (a callout above): described by it instead of a note of its own. */
  describedBy?: string;
  testId?: string;
}

export function ActionButton({ action, children, onClick, className = "button", busy = false, describedBy, testId }: Props) {
  const reasonId = useId();
  if (!action) return null;
  if (action.allowed) {
    return (
      <button type="button" className={className} disabled={busy} onClick={onClick} data-testid={testId}>
        {children}
      </button>
    );
  }
  return (
    <span className="action-denied">
      <button
        type="button"
        className={className}
        disabled
        aria-describedby={describedBy ?? reasonId}
        title={action.reason}
        data-testid={testId}
        data-denied={action.code}
      >
        {children}
      </button>
      {describedBy ? null : <DeniedReason id={reasonId} action={action} />}
    </span>
  );
}

/** The server's reason why not, as a note. */
export function DeniedReason({ id, action }: { id?: string; action: Action }) {
  if (action.allowed || !action.reason) return null;
  return (
    <span className="action-reason" id={id} data-testid="action-reason">
      {action.reason}
    </span>
  );
}
