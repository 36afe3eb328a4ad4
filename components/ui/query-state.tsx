// Loading, error and empty states, the same on every page: a skeleton while data comes, the server's own words
// when it fails (with a retry), and a call to action when there is nothing yet.
import Link from "next/link";
import type { ReactNode } from "react";
import { isApiProblem } from "@/lib/query/api";

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

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  /** What failed: a record that does not exist (404) or is not the caller's to see (403) is not offered a retry. */
  error?: unknown;
  /** Where to go instead when retrying cannot help. */
  back?: { href: string; label: string };
}

const isFinal = (error: unknown) => isApiProblem(error) && (error.status === 404 || error.status === 403);

export function ErrorState({ title = "Could not load this.", message, onRetry, error, back = { href: "/", label: "Back to the dashboard" } }: ErrorStateProps) {
  const final = isFinal(error);
  return (
    <div className="callout callout--danger state" role="alert" data-testid="error-state">
      <strong>{final && isApiProblem(error) && error.status === 404 ? "Not found." : title}</strong> <span>{message}</span>
      {final ? (
        <Link className="button button--small" href={back.href}>
          {back.label}
        </Link>
      ) : onRetry ? (
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
