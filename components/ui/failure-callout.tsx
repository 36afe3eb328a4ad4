// A failed submission: the problem's detail, and the fields the server named that no input on the page shows
// (those it could place went onto their inputs already). `children` adds an action, e.g. "Reload" after a 412.
import type { ReactNode } from "react";
import type { FieldError } from "@/lib/errors";

export interface Failure {
  message: string;
  fields: readonly FieldError[];
}

export function FailureCallout({ failure, testId, children }: { failure: Failure; testId: string; children?: ReactNode }) {
  return (
    <div className="callout callout--danger" role="alert" data-testid={testId}>
      <strong>{failure.message}</strong>
      {failure.fields.length > 0 ? (
        <ul>
          {failure.fields.map((f) => (
            <li key={`${f.field}-${f.message}`}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
