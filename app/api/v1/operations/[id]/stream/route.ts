// GET /api/v1/operations/{id}/stream — the operation's events live, as Server-Sent Events (Last-Event-ID resumes)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { authenticate } from "@/lib/server/auth/authenticate";
import { authedRoute } from "@/lib/server/http/route";
import { operationEventStream, parseLastEventId } from "@/lib/server/provisioning/operation-stream";

const op = API_OPERATIONS.streamOperationEvents;

export const GET = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const lastEventId = parseLastEventId(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("lastEventId"));
  // Checked again on every heartbeat: a revoked token or an ended session closes the stream.
  const stream = await operationEventStream({ actor, id, lastEventId, signal: request.signal, reauthenticate: () => authenticate(request) });
  return new Response(stream, {
    status: op.response.status,
    headers: {
      "content-type": op.response.contentType,
      // no-transform: proxies must not compress (and so buffer) the stream; X-Accel-Buffering: nginx must not either.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
