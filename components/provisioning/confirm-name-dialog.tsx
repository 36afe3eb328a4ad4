"use client";
// A destructive step confirmed by typing the datastore's name: decommissioning, or destroying the partial
// resources of a failed provisioning. The button stays disabled until the name matches; the server checks again.
import { useId, useState, type ReactNode } from "react";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { Field } from "@/components/ui/field";

interface Props {
  title: string;
  name: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: (typed: string) => Promise<void>;
  onClose: () => void;
}

export function ConfirmNameDialog({ title, name, confirmLabel, children, onConfirm, onClose }: Props) {
  const titleId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    setFieldError(undefined);
    try {
      await onConfirm(typed);
    } catch (error) {
      const onName = isApiProblem(error) ? error.fieldErrors.find((e) => e.field === "confirmName") : undefined;
      if (onName) setFieldError(onName.message);
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <div className="confirm-dialog callout callout--danger" role="dialog" aria-labelledby={titleId} data-testid="confirm-dialog">
      <h3 id={titleId}>{title}</h3>
      <div className="confirm-body">{children}</div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === name && !busy) void confirm();
        }}
      >
        <Field
          id={inputId}
          name="confirmName"
          label={
            <>
              Type <code>{name}</code> to confirm
            </>
          }
          error={fieldError}
        >
          <input
            id={inputId}
            className="input"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={typed}
            aria-invalid={fieldError ? true : undefined}
            onChange={(e) => setTyped(e.target.value)}
          />
        </Field>
        {failure ? (
          <p className="field-error" role="alert" data-testid="confirm-error">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--danger" disabled={typed !== name || busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Keep it
          </button>
        </div>
      </form>
    </div>
  );
}
