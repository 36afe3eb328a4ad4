// Loading, error and empty states, the same on every page: a skeleton while data comes, the server's own words
// when it fails (with a retry), and a call to action when there is nothing yet.
import type { ReactNode } from "react";

export function Loading({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="skeleton" style={{ width: `${90 - i * 17}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

export function ErrorState({ title = "Could not load this.", message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <div className="callout callout--danger state" role="alert" data-testid="error-state">
      <strong>{title}</strong> <span>{message}</span>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <p className="muted">{children}</p> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
