// The browser's one way to call /api/v1: JSON in, JSON out, and every failure as a typed ApiProblem carrying
// the problem+json document's status, title, detail and field errors (so forms can put them on their fields).
import { problemOf } from "@/lib/client/problem";

export { ApiProblem, errorMessage, isApiProblem } from "@/lib/client/problem";

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Optimistic concurrency: the ETag the change is based on. */
  ifMatch?: string | null;
  /** Creating POSTs: a retry with the same key returns the first result. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface WithEtag<T> {
  data: T;
  etag: string | null;
}

async function send(path: string, opts: ApiOptions): Promise<Response> {
  const headers = new Headers({ accept: "application/json" });
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  if (opts.ifMatch) headers.set("if-match", opts.ifMatch);
  if (opts.idempotencyKey) headers.set("idempotency-key", opts.idempotencyKey);
  const res = await fetch(path, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: "same-origin",
    cache: "no-store",
    signal: opts.signal,
  });
  if (!res.ok) throw await problemOf(res);
  return res;
}

async function jsonOf<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Calls the API; resolves with the JSON body, or throws an ApiProblem. */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  return jsonOf<T>(await send(path, opts));
}

/** As api(), keeping the response's ETag for a later If-Match. */
export async function apiWithEtag<T>(path: string, opts: ApiOptions = {}): Promise<WithEtag<T>> {
  const res = await send(path, opts);
  return { data: await jsonOf<T>(res), etag: res.headers.get("etag") };
}

/** A query string from defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
