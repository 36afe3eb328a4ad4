// The browser's one way to call /api/v1: JSON in, JSON out, and every failure as a typed ApiProblem carrying
// the problem+json document's status, title, detail and field errors (so forms can put them on their fields).
import { FieldErrorSchema, ProblemSchema, type FieldError } from "@/lib/errors";

export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string | undefined;
  readonly fieldErrors: readonly FieldError[];

  constructor(opts: { status: number; title: string; detail: string; code?: string; fieldErrors?: readonly FieldError[] }) {
    super(opts.detail || opts.title);
    this.name = "ApiProblem";
    this.status = opts.status;
    this.title = opts.title;
    this.detail = opts.detail;
    this.code = opts.code;
    this.fieldErrors = opts.fieldErrors ?? [];
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** What to show a person for any error a query or mutation threw. */
export function errorMessage(error: unknown): string {
  if (isApiProblem(error)) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const fallback = { status: res.status, title: res.statusText || `HTTP ${res.status}`, detail: `The server answered ${res.status}.` };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new ApiProblem(fallback);
  }
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    return new ApiProblem({ status: p.status, title: p.title, detail: p.detail, code: p.code, fieldErrors: p.errors });
  }
  // A problem from a library (better-auth) or a looser shape: keep what is recognisable.
  const o = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const errors = Array.isArray(o.errors)
    ? o.errors.flatMap((e) => {
        const fe = FieldErrorSchema.safeParse(e);
        return fe.success ? [fe.data] : [];
      })
    : [];
  return new ApiProblem({
    status: res.status,
    title: text(o.title) ?? fallback.title,
    detail: text(o.detail) ?? text(o.message) ?? fallback.detail,
    code: text(o.code),
    fieldErrors: errors,
  });
}

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
