// What every resource file of the registry shares: the shape of an operation, the request headers some operations
// read, the errors of reading a body, and the deprecated form of an operation.
import type { z } from "zod";
import type { ErrorCode } from "../../errors";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ApiOperation {
  method: HttpMethod;
  path: `/api/v1/${string}`;
  summary: string;
  description: string;
  tag: string;
  /** Query parameters: a strict object of the parameters (unknown ones are a 422). */
  query?: z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;
  /** JSON request body. */
  body?: z.ZodType;
  /** What the body is called in its errors ("The workload has 2 invalid fields: …"); "request body" when not said. */
  bodyName?: string;
  response: {
    status: 200 | 201 | 202;
    description: string;
    schema: z.ZodType;
    /** Media type of the success body: JSON unless said (a file download such as YAML). */
    contentType?: "application/json" | "application/yaml" | "text/event-stream" | "application/gzip";
  };
  /** The problem codes the operation may answer with (401 and 429 are added for every non-public operation). */
  errors: readonly ErrorCode[];
  /** Served without a session or token (only the OpenAPI document itself). */
  public?: true;
  /** The body may be left out (it defaults to what an empty body means). */
  bodyOptional?: true;
  /** Request headers the operation reads: If-Match (optimistic concurrency), Idempotency-Key (creating POSTs). */
  headers?: readonly ApiHeader[];
  /** An old URL form still served: since when (ISO 8601), and the path of the form that replaces it. */
  deprecated?: { since: string; successor: `/api/v1/${string}` };
}

/** `{teamId}` and `{userId}` of "/api/v1/teams/{teamId}/members/{userId}", as an object of strings. */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParams<Rest>
  : Record<never, never>;

export interface ApiHeader {
  name: string;
  required: boolean;
  description: string;
}

// The names are literal types: the route helper (lib/server/http/define-route.ts) gives an operation that takes an
// Idempotency-Key a transaction to create in.
export const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  required: false,
  description:
    "1–200 visible ASCII characters (a UUID). A retry with the same key and body replays the first response (header Idempotent-Replayed: true) instead of creating again; the same key with another body is a 422. Keys are remembered for 24 hours.",
} as const satisfies ApiHeader;
export const IF_MATCH = (required: boolean) =>
  ({
    name: "If-Match",
    required,
    description: `The ETag you last read (e.g. "v3"). A request that has changed since answers 412${required ? "; without the header, 428" : ""}.`,
  }) as const satisfies ApiHeader;

/** What reading a JSON body can fail with (lib/server/http/json-body.ts). */
export const BODY_ERRORS = ["malformed_request", "unsupported_media_type", "payload_too_large", "invalid_input"] as const;

/** The old URL form of an operation: the same contract at another path, marked deprecated in favour of `successor`. */
export function deprecatedForm(successor: ApiOperation, path: ApiOperation["path"], since: string): ApiOperation {
  return {
    ...successor,
    path,
    summary: `${successor.summary} (deprecated form)`,
    description: `Deprecated since ${since.slice(0, 10)}: use ${successor.method} ${successor.path}, which answers the same. This form still works; every answer to it carries \`Deprecation\` (RFC 9745) and \`Link: <…>; rel="successor-version"\` headers.`,
    deprecated: { since, successor: successor.path },
  };
}
