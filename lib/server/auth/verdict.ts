// A verdict on one thing a caller wants to do: allowed, or denied with the problem code and the sentence the API
// answers. Use-cases throw it (requireAllowed) and DTOs carry it (toAction), so that a button the browser offers is
// exactly a request the API accepts, and a disabled one says the words the API would.
import "server-only";
import { AppError, type FieldError } from "@/lib/errors";
import type { Action } from "@/lib/schemas/actions";

export type Verdict = { allowed: true } | { allowed: false; code: "forbidden" | "conflict"; reason: string; fieldErrors?: readonly FieldError[] };

export const ALLOWED: Verdict = { allowed: true };

/** Not this caller's to do (403). */
export function forbidden(reason: string): Verdict {
  return { allowed: false, code: "forbidden", reason };
}

/** Not now, in this state (409); `fieldErrors` name what is missing (organisation settings) for forms. */
export function conflict(reason: string, fieldErrors?: readonly FieldError[]): Verdict {
  return { allowed: false, code: "conflict", reason, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** The first denial of the checks, in order (each runs only if the ones before allowed), else allowed. */
export function firstDenial(...checks: (() => Verdict)[]): Verdict {
  for (const check of checks) {
    const v = check();
    if (!v.allowed) return v;
  }
  return ALLOWED;
}

/** A verdict as the DTO's `actions` carry it. */
export function toAction(v: Verdict): Action {
  return v.allowed ? { allowed: true } : { allowed: false, reason: v.reason, code: v.code };
}

/** Throws the verdict's problem unless allowed. */
export function requireAllowed(v: Verdict): void {
  if (!v.allowed) throw new AppError(v.code, v.reason, v.fieldErrors ? { fieldErrors: v.fieldErrors } : undefined);
}

/** Throws only a 403 verdict (the checks that come before If-Match and lifecycle checks). */
export function requireNotForbidden(v: Verdict): void {
  if (!v.allowed && v.code === "forbidden") throw new AppError(v.code, v.reason);
}
