// defineRoute(): one operation of the route registry (lib/openapi/operations/) as a route handler. The registry
// entry says everything a handler used to repeat: authentication (all but the public document), the query and the
// JSON body and their schemas, whether an Idempotency-Key makes it a replayable create, and the response's schema and
// status. The handler is left with its own work: call one use-case. defineRoutes() turns a route file's operations
// into its exports, every method it does not serve answering 405 with Allow.
import "server-only";
import type { z } from "zod";
import { HTTP_METHODS, type ApiOperation, type HttpMethod, type PathParams } from "@/lib/openapi/operations";
import type { Actor } from "@/lib/server/auth/actor";
import type { Tx } from "@/lib/server/db/client";
import { idempotent } from "./idempotency";
import { readJsonBody } from "./json-body";
import { methodNotAllowed } from "./method-not-allowed";
import { readOptionalJsonBody } from "./optional-body";
import { readQuery } from "./query";
import { authedRoute, route } from "./route";

export type { PathParams };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** An operation that takes an Idempotency-Key: its handler creates inside the transaction that records the answer. */
type TakesIdempotencyKey<Op> = Op extends { headers: readonly (infer H)[] } ? (H extends { name: "Idempotency-Key" } ? true : never) : never;

/** What a handler gets: the request, its path params, and — as the registry entry has them — the caller, query and body. */
export type RouteContext<Op extends ApiOperation> = Simplify<
  { request: Request; params: Simplify<PathParams<Op["path"]>> } & (Op extends { public: true } ? unknown : { actor: Actor }) &
    (Op extends { query: infer Q extends z.ZodType } ? { query: z.output<Q> } : unknown) &
    (Op extends { body: infer B extends z.ZodType } ? { body: z.output<B> } : unknown) &
    ([TakesIdempotencyKey<Op>] extends [never] ? unknown : { tx: Tx })
>;

type Dto<Op extends ApiOperation> = z.input<Op["response"]["schema"]>;

/**
 * The handler answers with the response body, which goes out through the registry's schema (an allow-list) and
 * status; or with a whole Response where the body is not JSON (a download, a stream). An idempotent create answers
 * with the body only: that is what a retry replays.
 */
export type RouteHandler<Op extends ApiOperation> = (context: RouteContext<Op>) => Answer<Op> | Promise<Answer<Op>>;
type Answer<Op extends ApiOperation> = Dto<Op> | ([TakesIdempotencyKey<Op>] extends [never] ? Response : never);

export interface RouteOptions<Op extends ApiOperation> {
  /** Headers drawn from the response body (ETag, Location, Cache-Control), on the answer and on an idempotent replay. */
  headers?: (body: z.output<Op["response"]["schema"]>) => HeadersInit;
  /**
   * Checks that wait on the outside world (resolving a host name), run after the request is read and before the
   * handler — outside the transaction an idempotent create runs in, and not on a replay.
   */
  prepare?: (context: Omit<RouteContext<Op>, "tx">) => Promise<void>;
}

/** What Next calls with a request and the route's params. */
export type RouteExport = (request: Request, context?: { params?: Promise<Record<string, string>> | Record<string, string> }) => Promise<Response>;

/** A route export that carries the operation it serves (defineRoutes and the route-coverage test read it). */
export type ApiRoute = RouteExport & { operation: ApiOperation };

export function defineRoute<const Op extends ApiOperation>(op: Op, handler: RouteHandler<Op>, options: RouteOptions<Op> = {}): ApiRoute {
  const schema: Op["response"]["schema"] = op.response.schema;
  const status = op.response.status;
  const takesIdempotencyKey = op.headers?.some((h) => h.name === "Idempotency-Key") ?? false;
  const serve = async (request: Request, actor: Actor | undefined, params: Record<string, string>): Promise<Response> => {
    const query = op.query ? readQuery(request, op.query) : undefined;
    const body = op.body ? await (op.bodyOptional ? readOptionalJsonBody : readJsonBody)(request, op.body, op.bodyName) : undefined;
    // The same registry entry decides RouteContext's type and, here, what is read: the two agree by construction.
    const context = (tx?: Tx) => ({ request, actor, params, query, body, tx }) as unknown as RouteContext<Op>;
    const prepare = options.prepare ? () => options.prepare!(context() as Omit<RouteContext<Op>, "tx">) : undefined;
    if (takesIdempotencyKey && actor) {
      return idempotent(
        { request, actor, input: body, schema, status, headers: options.headers, prepare },
        async (tx) => (await handler(context(tx))) as Dto<Op>,
      );
    }
    await prepare?.();
    const answer = await handler(context());
    if (answer instanceof Response) return answer;
    const dto = schema.parse(answer);
    return Response.json(dto, { status, headers: options.headers?.(dto) });
  };
  const handle = op.public ? route((request) => serve(request, undefined, {})) : authedRoute((request, actor, params) => serve(request, actor, params));
  return Object.assign(handle, { operation: op });
}

/**
 * A route file's exports: each method served by its operation, every other one a 405 naming the allowed methods.
 * The operations must share one path (the file's) and differ in method.
 */
export function defineRoutes(...routes: readonly ApiRoute[]): Record<HttpMethod, RouteExport> {
  const served = routes.map((r) => r.operation.method);
  const paths = new Set(routes.map((r) => r.operation.path));
  if (paths.size !== 1 || new Set(served).size !== served.length) {
    throw new Error(
      `defineRoutes takes one path with one operation per method; got ${routes.map((r) => `${r.operation.method} ${r.operation.path}`).join(", ") || "none"}`,
    );
  }
  const notAllowed = methodNotAllowed(HTTP_METHODS.filter((m) => served.includes(m)));
  return Object.fromEntries(HTTP_METHODS.map((m) => [m, routes.find((r) => r.operation.method === m) ?? notAllowed])) as Record<HttpMethod, RouteExport>;
}
