// Label, control, hint and error laid out the same way everywhere. The error sits right under its input and
// is tied to it with aria-describedby, so screen readers announce it with the field.
import type { ReactNode } from "react";

export function errorIdFor(id: string): string {
  return `${id}-error`;
}

export function FieldError({ id, name, message }: { id: string; name: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={errorIdFor(id)} data-testid={`field-error-${name}`} role="alert">
      {message}
    </p>
  );
}

interface FieldProps {
  id: string;
  /** Form field name: names the error's test id. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}

export function Field({ id, name, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      <FieldError id={id} name={name} message={error} />
    </div>
  );
}
