// GET /api/v1/operations/{id} — one operation with its progress, diff, outputs and error; POST /api/v1/operations/{id}:cancel — cancels it; POST /api/v1/operations/{id}:retry — queues it again (Idempotency-Key aware)
// Custom methods (Google AIP-136) put a colon in the last segment; Next cannot name a folder `[id]:cancel`, so this
// route receives `abc:cancel` (or `abc%3Acancel`) as the id and dispatches on the suffix.
import { AppError } from "@/lib/errors";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { idempotent } from "@/lib/server/http/idempotency";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readOptionalJsonBody } from "@/lib/server/http/optional-body";
import { problemResponse, toProblem } from "@/lib/server/http/problem";
import { respond } from "@/lib/server/http/respond";
import { unsafeTextReason } from "@/lib/server/http/unsafe-text";
import { authedRoute } from "@/lib/server/http/route";
import { cancelOperation } from "@/lib/server/provisioning/cancel-operation";
import { getOperation, operationNotFound } from "@/lib/server/provisioning/get-operation";
import { retryOperation } from "@/lib/server/provisioning/retry-operation";

const get = API_OPERATIONS.getOperation;
const cancel = API_OPERATIONS.cancelOperation;
const retry = API_OPERATIONS.retryOperation;

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

export const GET = authedRoute<{ id: string }>(async (_request, actor, params) => {
  const { id, method } = splitCustomMethod(params.id);
  if (method !== null) throw operationNotFound(params.id);
  return respond(get.response.schema, await getOperation({ actor, id }), { status: get.response.status });
});

export const POST = authedRoute<{ id: string }>(async (request, actor, params) => {
  const { id, method } = splitCustomMethod(params.id);
  if (method === null) {
    const error = new AppError("method_not_allowed", "POST is not allowed on an operation; use POST /api/v1/operations/{id}:cancel or /api/v1/operations/{id}:retry.");
    return problemResponse(toProblem(error, new URL(request.url).pathname), { allow: "GET, HEAD, OPTIONS" });
  }
  if (method === "cancel") {
    await readOptionalJsonBody(request, cancel.body, "cancellation");
    return respond(cancel.response.schema, await cancelOperation({ actor, id }), { status: cancel.response.status });
  }
  if (method === "retry") {
    const input = await readOptionalJsonBody(request, retry.body, "retry");
    return idempotent(
      { request, actor, input, schema: retry.response.schema, status: retry.response.status, headers: (dto) => ({ location: `/api/v1/operations/${dto.id}` }) },
      (tx) => retryOperation({ actor, id, tx }),
    );
  }
  throw new AppError("not_found", `Operations have no custom method ${JSON.stringify(`:${method.slice(0, 50)}`)}; use :cancel or :retry.`);
});

const notAllowed = methodNotAllowed([get.method, "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
