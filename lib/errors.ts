// The one error catalogue: every failure the portal reports has a code here, and the code decides the HTTP status.
// Pure TypeScript (zod only): the browser uses the same codes and field paths to put a 422's errors back on a form.
import { z } from "zod";

export const ERROR_STATUS = {
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** An If-Match that names an older version: someone else changed the resource first. */
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  /** Too many failed attempts from one client (sign-in, API tokens); retry later. */
  rate_limited: 429,
  /** The workload is valid, but no store family can serve it (and none was named). */
  no_family_fits: 422,
  /** An update sent without If-Match: optimistic concurrency needs the version the client saw. */
  precondition_required: 428,
  internal: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** Short, stable, human titles: the problem's `title` (RFC 9457 says it should not vary between occurrences). */
export const ERROR_TITLES = {
  malformed_request: "Malformed request",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  precondition_failed: "Precondition failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  invalid_input: "Invalid input",
  rate_limited: "Too many requests",
  no_family_fits: "No store family fits",
  precondition_required: "Precondition required",
  internal: "Internal error",
  service_unavailable: "Service unavailable",
} as const satisfies Record<ErrorCode, string>;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** The problem `type` URI of a code: a stable identifier, not a page to fetch. */
export function problemType(code: ErrorCode): string {
  return `urn:datastore-portal:problem:${code}`;
}

/** One invalid field: `field` is a dotted path into the input ("workload.readsPerSecond.mid", "workload.regions.0"). */
export const FieldErrorSchema = z.strictObject({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as the API sends them (application/problem+json). */
export const ProblemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  instance: z.string().optional(),
  /** The catalogue code, for programs: `type` carries the same information as a URI. */
  code: z.enum(ERROR_CODES),
  /** Every invalid field (422 only). */
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The field path of the input's root (a body that is not an object at all); react-hook-form calls it "root" too. */
export const ROOT_FIELD = "root";

/** A failure with a catalogue code. Anything thrown that is not an AppError is a bug and becomes a generic 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: readonly FieldError[];

  constructor(code: ErrorCode, message: string, options: { fieldErrors?: readonly FieldError[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Dotted path of a zod issue path, under an optional prefix. */
export function fieldPath(path: readonly PropertyKey[], prefix: readonly PropertyKey[] = []): string {
  const parts = [...prefix, ...path].map((p) => (typeof p === "symbol" ? (p.description ?? "") : String(p)));
  return parts.length === 0 ? ROOT_FIELD : parts.join(".");
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  // Every branch failed on the value's type (e.g. a string for a number-or-range): name what is accepted.
  const expected = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.path.length === 0 && i.code === "invalid_type" ? [i.expected] : [])));
  if (issue.errors.length > 0 && expected.length === issue.errors.length)
    return `must be ${[...new Set(expected)].map((t) => `${/^[aeio]/.test(t) ? "an" : "a"} ${t}`).join(" or ")}`;
  return issue.message;
}

function issueToFieldErrors(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FieldError[] {
  if (issue.code === "unrecognized_keys") {
    // One error per unknown key, on the key itself, so a client sees exactly which field it must drop.
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key], prefix), message: "is not a known field" }));
  }
  if (issue.code === "invalid_union") return [{ field: fieldPath(issue.path, prefix), message: describeUnion(issue) }];
  // A bad record key ("mars-north-1" as a region, "us-east-1z" as a zone): the key schema's own words, on the key.
  if (issue.code === "invalid_key" && issue.issues.length > 0) return issue.issues.map((i) => ({ field: fieldPath(issue.path, prefix), message: i.message }));
  return [{ field: fieldPath(issue.path, prefix), message: issue.message }];
}

/** Every zod issue as a field error, in order, without duplicates. */
export function fieldErrorsFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    for (const fe of issueToFieldErrors(issue, prefix)) {
      const key = `${fe.field}\u0000${fe.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(fe);
    }
  }
  return out;
}

/** A 422 naming every invalid field of a zod failure. */
export function invalidInput(error: z.ZodError, what: string, prefix: readonly PropertyKey[] = []): AppError {
  const fieldErrors = fieldErrorsFromZod(error, prefix);
  const fields = [...new Set(fieldErrors.map((e) => e.field))];
  const count = fields.length === 1 ? "1 invalid field" : `${fields.length} invalid fields`;
  return new AppError("invalid_input", `The ${what} has ${count}: ${fields.join(", ")}.`, { fieldErrors });
}
