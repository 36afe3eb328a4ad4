"use client";
// A question asked in the page instead of the browser's confirm(): titled, explained, two plainly named answers. Focus
// moves to the safe answer when it opens and back to what opened it when it closes; Escape keeps things as they are.
import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  title: string;
  children: ReactNode;
  /** The destructive answer, named for what it does ("Cancel the request"). */
  confirmLabel: string;
  /** The safe answer ("Keep the request"). */
  keepLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, keepLabel, busy = false, onConfirm, onClose }: Props) {
  const titleId = useId();
  const bodyId = useId();
  const keep = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  // Once per opening: focus in, Escape to keep, focus back out.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    keep.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      opener?.focus();
    };
  }, []);
  return (
    <div
      className="confirm-dialog callout callout--danger"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="confirm-dialog"
    >
      <h2 className="confirm-title" id={titleId}>
        {title}
      </h2>
      <div className="confirm-body" id={bodyId}>
        {children}
      </div>
      <div className="actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Working…" : confirmLabel}
        </button>
        <button type="button" className="button" ref={keep} onClick={onClose} disabled={busy}>
          {keepLabel}
        </button>
      </div>
    </div>
  );
}
