"use client";
// A secret the portal shows once (an API token, a webhook's signing secret): the value, a copy button, and the
// acknowledgement that closes it. `testId` names the card; its value is `${testId}-value`.
import { useId, useState, type ReactNode } from "react";

export function SecretOnce({
  title,
  secret,
  testId,
  onDone,
  children,
}: {
  title: string;
  secret: string;
  testId: string;
  onDone: () => void;
  children: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <div className="card-head">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{children}</p>
      </div>
      <div className="secret">
        <code data-testid={`${testId}-value`}>{secret}</code>
        <button
          type="button"
          className="header-link"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied ✓" : "Copy"}
        </button>
      </div>
      <div className="actions" style={{ marginTop: 10 }}>
        <button type="button" className="button button--small" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
