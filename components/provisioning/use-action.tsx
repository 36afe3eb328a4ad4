"use client";
// One button's round trip: busy while it runs, then a clear outcome — what happened, or the server's own words
// (a 409's detail names the missing settings or the stale preview; field errors are listed with their field).
import { useState } from "react";
import { errorMessage, isApiProblem } from "@/lib/query/api";

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

export function problemText(error: unknown): string {
  const base = errorMessage(error);
  if (!isApiProblem(error) || error.fieldErrors.length === 0) return base;
  const fields = error.fieldErrors.filter((f) => !base.includes(f.message)).map((f) => `${f.field} ${f.message}`);
  return fields.length > 0 ? `${base} (${fields.join("; ")})` : base;
}

export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  /** Runs `fn` (which says what it did) unless another action is running. */
  const run = async (key: string, fn: () => Promise<string>) => {
    if (busy) return;
    setBusy(key);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await fn() });
    } catch (error) {
      setOutcome({ ok: false, text: problemText(error) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, outcome, run, report: (text: string) => setOutcome({ ok: true, text }), clear: () => setOutcome(null) };
}

export function ActionOutcomeNote({ outcome, testId = "action-outcome" }: { outcome: ActionOutcome | null; testId?: string }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="callout callout--info" role="status" data-testid={testId} data-ok="true">
      {outcome.text}
    </p>
  ) : (
    <p className="callout callout--danger" role="alert" data-testid={testId} data-ok="false">
      {outcome.text}
    </p>
  );
}
