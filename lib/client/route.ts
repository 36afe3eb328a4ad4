// What the typed client needs of an operation at run time — its method, path, whether it takes a JSON body and an
// Idempotency-Key, and what it answers with — and how that is read from the route registry. The browser ships only
// this (lib/client/routes.generated.ts), not the registry's schemas and prose; `npm run lint` fails when the
// generated table no longer matches the registry.
import type { ApiOperation, HttpMethod } from "@/lib/openapi/operations";

export interface ClientRoute {
  method: HttpMethod;
  path: `/api/v1/${string}`;
  /** It reads a JSON body. */
  body?: true;
  /** It takes an Idempotency-Key (the client makes one up when the caller gives none). */
  idempotencyKey?: true;
  /** Its success body when not JSON (a YAML or tar download, an event stream). */
  contentType?: Exclude<ApiOperation["response"]["contentType"], "application/json" | undefined>;
}

/** The client's view of one registry entry (what the generator writes and the check compares). */
export function clientRouteOf(op: ApiOperation): ClientRoute {
  const contentType = op.response.contentType;
  return {
    method: op.method,
    path: op.path,
    ...(op.body !== undefined ? { body: true as const } : {}),
    ...(op.headers?.some((h) => h.name === "Idempotency-Key") ? { idempotencyKey: true as const } : {}),
    ...(contentType && contentType !== "application/json" ? { contentType } : {}),
  };
}
