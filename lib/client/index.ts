// The typed client of /api/v1, derived from the route registry (lib/openapi/operations) rather than generated from
// the OpenAPI document: the registry is what the document is generated from and what the handlers read their schemas
// from, so a call's path parameters, query, body and answer are typed by the very zod schemas the server applies, with
// no round trip through JSON Schema that loses a refinement. At run time it needs only each operation's method, path
// and headers: a table generated from the registry (routes.generated.ts, checked by `npm run lint`), so the browser
// does not ship the registry's schemas and prose. One client serves the browser (same-origin cookie), the `dsp` CLI
// and the agent tools (a bearer token and a base URL).
//
//   const client = createApiClient({ baseUrl: "https://portal.example.com", token });
//   const { data, etag } = await client.call("getRequest", { params: { id } });
import type { z } from "zod";
// Types only: at run time the client reads the generated table, so the browser does not ship the registry's schemas.
import type { API_OPERATIONS, OperationId, PathParams } from "@/lib/openapi/operations";
import { ApiProblem, problemOf } from "./problem";
import type { ClientRoute } from "./route";
import { CLIENT_ROUTES } from "./routes.generated";

export { ApiProblem, errorMessage, isApiProblem } from "./problem";
export type { OperationId };

type Ops = typeof API_OPERATIONS;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What one call of operation `Id` takes: its path parameters, query and body as the registry types them. */
export type CallInput<Id extends OperationId> = Simplify<
  ([keyof PathParams<Ops[Id]["path"]>] extends [never] ? { params?: undefined } : { params: Simplify<PathParams<Ops[Id]["path"]>> }) &
    (Ops[Id] extends { query: infer Q extends z.ZodType } ? { query?: QueryInput<z.input<Q>> } : unknown) &
    (Ops[Id] extends { body: infer B extends z.ZodType } ? (Ops[Id] extends { bodyOptional: true } ? { body?: z.input<B> } : { body: z.input<B> }) : unknown) &
    CallOptions
>;

/**
 * A query as a caller writes it: the schema's input, every parameter optional, undefined ones left out of the URL. A
 * parameter that is any string on the wire (a limit, a seq) may be given as a number; enumerations keep their values.
 */
export type QueryInput<Q> = { [K in keyof Q]?: string extends NonNullable<Q[K]> ? Q[K] | number : Q[K] };

export interface CallOptions {
  /** Optimistic concurrency: the ETag the change is based on. */
  ifMatch?: string | null;
  /** Creating POSTs: a retry with the same key replays the first answer. One is made up when the operation takes one. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** What a successful call of `Id` answers with (JSON operations). */
export type CallOutput<Id extends OperationId> = z.output<Ops[Id]["response"]["schema"]>;

export interface Answer<T> {
  data: T;
  /** The ETag header (a resource's version, for the next If-Match), when the server sent one. */
  etag: string | null;
  status: number;
  /** Set when the server replayed an earlier answer to the same Idempotency-Key. */
  replayed: boolean;
}

export interface ApiClientOptions {
  /** Where the portal is; "" (the default) means relative URLs, as the browser uses. */
  baseUrl?: string;
  /** A personal access token (`dsp_…`), sent as a bearer token. The browser leaves it out and sends its cookie. */
  token?: string;
  fetch?: typeof globalThis.fetch;
  /** Extra request headers on every call (a User-Agent naming the tool). */
  headers?: Record<string, string>;
  /** Fetch options on every call: the browser sends `credentials: "same-origin"` and `cache: "no-store"`. */
  init?: Pick<RequestInit, "credentials" | "cache">;
}

export interface ApiClient {
  /** Calls a JSON operation; resolves with its body and ETag, or throws an ApiProblem (problem+json, any status ≥ 400). */
  call<Id extends OperationId>(id: Id, ...input: OptionalIfEmpty<CallInput<Id>>): Promise<Answer<CallOutput<Id>>>;
  /** As call(), resolving with the body only. */
  get<Id extends OperationId>(id: Id, ...input: OptionalIfEmpty<CallInput<Id>>): Promise<CallOutput<Id>>;
  /** The raw Response of an operation whose body is not JSON (a YAML or tar download, an event stream); throws an ApiProblem when not ok. */
  raw<Id extends OperationId>(id: Id, ...input: OptionalIfEmpty<CallInput<Id>>): Promise<Response>;
  /** The URL of a call, for links and EventSource (never fetched here). */
  url<Id extends OperationId>(id: Id, ...input: OptionalIfEmpty<CallInput<Id>>): string;
}

/** The input may be left out when nothing in it is required. */
type OptionalIfEmpty<T> = Partial<T> extends T ? [input?: T] : [input: T];

/**
 * "/api/v1/requests/{id}" with { id: "r 1" } → "/api/v1/requests/r%201"; a missing parameter is a programming error.
 * So is "." or "..": URL resolution removes such a segment (escaped or not), so the call would reach another resource.
 */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === "") throw new TypeError(`${path} needs the path parameter "${name}"`);
    if (value === "." || value === "..") throw new TypeError(`${path} cannot take "${value}" as the path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}

/** A query string of the defined, non-empty values ("?a=1&b=true"), or "". */
export function queryString(params: Record<string, unknown> | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === "") continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  function urlOf(id: OperationId, input: Partial<CallInput<OperationId>> & { query?: Record<string, unknown> } = {}): string {
    const op: ClientRoute = CLIENT_ROUTES[id];
    return `${baseUrl}${fillPath(op.path, input.params as Record<string, string> | undefined)}${queryString(input.query)}`;
  }

  async function send(id: OperationId, input: Partial<CallInput<OperationId>> & { body?: unknown } = {}): Promise<Response> {
    const op: ClientRoute = CLIENT_ROUTES[id];
    const headers = new Headers({
      accept: op.contentType ? `${op.contentType}, application/problem+json` : "application/json",
      ...options.headers,
    });
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    const hasBody = op.body === true && input.body !== undefined;
    if (hasBody) headers.set("content-type", "application/json");
    if (input.ifMatch) headers.set("if-match", input.ifMatch);
    const key = input.idempotencyKey ?? (op.idempotencyKey ? newIdempotencyKey() : undefined);
    if (key) headers.set("idempotency-key", key);
    const res = await doFetch(urlOf(id, input as never), {
      ...options.init,
      method: op.method,
      headers,
      body: hasBody ? JSON.stringify(input.body) : undefined,
      signal: input.signal,
    });
    if (!res.ok) throw await problemOf(res);
    return res;
  }

  async function call(id: OperationId, input?: Partial<CallInput<OperationId>>): Promise<Answer<unknown>> {
    const res = await send(id, input);
    const text = res.status === 204 ? "" : await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiProblem({
        status: res.status,
        title: "Unreadable answer",
        detail: `${CLIENT_ROUTES[id].method} ${CLIENT_ROUTES[id].path} answered with a body that is not JSON.`,
      });
    }
    return { data, etag: res.headers.get("etag"), status: res.status, replayed: res.headers.get("idempotent-replayed") === "true" };
  }

  return {
    call: call as ApiClient["call"],
    get: (async (id: OperationId, input?: Partial<CallInput<OperationId>>) => (await call(id, input)).data) as ApiClient["get"],
    raw: send as ApiClient["raw"],
    url: ((id: OperationId, input?: Partial<CallInput<OperationId>>) => urlOf(id, input as never)) as ApiClient["url"],
  };
}
