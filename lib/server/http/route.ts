// The route() and authedRoute() wrappers: authentication, the same-origin check of browser-session writes, and error
// mapping (problem+json), and nothing else.
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorFields, log } from "@/lib/server/log";
import { assertSameOriginWrite } from "./origin";
import { problemResponse, toProblem } from "./problem";
import { unsafeTextReason } from "./unsafe-text";
import { requireActor } from "@/lib/server/auth/authenticate";
// Installs the browser-session resolver before any handler runs.
import "@/lib/server/auth/session";
import type { Actor } from "@/lib/server/auth/actor";

export type Handler = (request: Request) => Promise<Response>;

/** The path of the request: the problem's `instance` (the query string may hold user data, so it is left out). */
function instanceOf(request: Request): string | undefined {
  try {
    return new URL(request.url).pathname;
  } catch {
    return undefined;
  }
}

/** Maps anything a handler throws to a response: AppErrors by their code, everything else to a generic 500. */
export function errorResponse(error: unknown, request: Request): Response {
  const instance = instanceOf(request);
  if (error instanceof AppError) return problemResponse(toProblem(error, instance));
  // A bug, not the caller's fault: log the cause for operators, tell the caller nothing about internals.
  log.error("unhandled error in route handler", { method: request.method, path: instance, error: errorFields(error) });
  return problemResponse(toProblem(new AppError("internal", "The server failed to handle this request; the error has been logged."), instance));
}

/** Wraps a route handler that needs no principal: only the OpenAPI document (everything else uses authedRoute). */
export function route(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** A path segment no row can be named by (a NUL, an unpaired surrogate): 404, before any lookup trips over it. */
function assertStorableParams(params: unknown): void {
  for (const value of Object.values(params as Record<string, unknown>)) {
    for (const segment of [value].flat()) {
      if (typeof segment === "string" && unsafeTextReason(segment))
        throw new AppError("not_found", "There is no resource at this path: a path segment holds a character no id can contain.");
    }
  }
}

export type AuthedHandler<P = Record<string, string>> = (request: Request, actor: Actor, params: P) => Promise<Response>;

/**
 * Wraps a handler that needs a principal: resolves the session or bearer token first (401 without one), refuses a
 * session-cookie write from another origin (403; a browser attaches cookies by itself, a bearer token never), then
 * passes the actor and the route's params on. Authorization itself belongs to the use-case.
 */
export function authedRoute<P = Record<string, string>>(handler: AuthedHandler<P>) {
  return async (request: Request, context?: { params?: Promise<P> | P }): Promise<Response> => {
    try {
      const actor = await requireActor(request);
      if (actor.kind === "user") assertSameOriginWrite(request, env.PUBLIC_URL);
      const params = ((await context?.params) ?? {}) as P;
      assertStorableParams(params);
      return await handler(request, actor, params);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
