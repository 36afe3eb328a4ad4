// GET /api/v1/operations/{id} — one operation with its progress, diff, outputs and error; POST /api/v1/operations/{id}:cancel and :retry — the deprecated forms of …/{id}/cancel and …/{id}/retry
// The colon forms (Google AIP-136 custom methods) were operations' alone; every resource now takes a sub-path. Next
// cannot name a folder `[id]:cancel`, so this route receives `abc:cancel` (or `abc%3Acancel`) as the id, hands the
// request to the sub-path's handler, and marks its answer deprecated.
import { AppError } from "@/lib/errors";
import { API_OPERATIONS, type ApiOperation } from "@/lib/openapi/operations";
import { withDeprecation } from "@/lib/server/http/deprecation";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { problemResponse, toProblem } from "@/lib/server/http/problem";
import { unsafeTextReason } from "@/lib/server/http/unsafe-text";
import { authedRoute } from "@/lib/server/http/route";
import { getOperation } from "@/lib/server/provisioning/get-operation";
import { POST as cancel } from "./cancel/route";
import { POST as retry } from "./retry/route";

type IdParams = { params: Promise<{ id: string }> };

const COLON_FORMS: Record<string, { operation: ApiOperation; handler: (request: Request, context: IdParams) => Promise<Response> }> = {
  cancel: { operation: API_OPERATIONS.cancelOperationDeprecated, handler: cancel },
  retry: { operation: API_OPERATIONS.retryOperationDeprecated, handler: retry },
};

/** The id and the custom method of the last path segment: `abc:cancel` → { id: "abc", method: "cancel" }. */
function splitCustomMethod(raw: string): { id: string; method: string | null } {
  let segment = raw;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    // A malformed escape is part of an id that does not exist; the lookup answers 404.
  }
  // Decoded once more here, past the route wrapper's check: text no id holds names no operation (404).
  if (unsafeTextReason(segment)) return { id: "", method: "" };
  const colon = segment.lastIndexOf(":");
  return colon < 0 ? { id: segment, method: null } : { id: segment.slice(0, colon), method: segment.slice(colon + 1) };
}

export const { GET, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getOperation, ({ actor, params }) => getOperation({ actor, id: params.id })),
);

/** A POST on no colon form: authenticated like any route, then 405 (plain POST) or 404 (a custom method it lacks). */
const noColonForm = authedRoute<{ id: string }>(async (request, _actor, params) => {
  const { method } = splitCustomMethod(params.id);
  if (method === null) {
    const error = new AppError(
      "method_not_allowed",
      "POST is not allowed on an operation; use POST /api/v1/operations/{id}/cancel or /api/v1/operations/{id}/retry.",
    );
    return problemResponse(toProblem(error, new URL(request.url).pathname), { allow: "GET, HEAD, OPTIONS" });
  }
  throw new AppError(
    "not_found",
    `Operations have no custom method ${JSON.stringify(`:${method.slice(0, 50)}`)}; use POST /api/v1/operations/{id}/cancel or /api/v1/operations/{id}/retry.`,
  );
});

export async function POST(request: Request, context: IdParams): Promise<Response> {
  const { id, method } = splitCustomMethod((await context.params).id);
  const form = method !== null && Object.hasOwn(COLON_FORMS, method) ? COLON_FORMS[method] : undefined;
  if (!form?.operation.deprecated) return noColonForm(request, context);
  // The sub-path's handler authenticates and answers; this form only adds where to go instead.
  const response = await form.handler(request, { params: Promise.resolve({ id }) });
  const { since, successor } = form.operation.deprecated;
  return withDeprecation(response, { since: new Date(since), successor: successor.replace("{id}", encodeURIComponent(id)) });
}
