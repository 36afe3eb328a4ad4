// What every caller of /api/v1 gets back when a call fails: the problem+json document's status, title, detail, code
// and field errors as one typed error, whichever client (the browser's, the CLI's, an agent tool's) made the call.
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

export async function problemOf(res: Response): Promise<ApiProblem> {
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
