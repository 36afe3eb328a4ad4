// GET /api/v1/operations/{id}/stream — the operation's events live, as Server-Sent Events (Last-Event-ID resumes)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { authenticate } from "@/lib/server/auth/authenticate";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { operationEventStream, parseLastEventId } from "@/lib/server/provisioning/operation-stream";

const op = API_OPERATIONS.streamOperationEvents;

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(op, async ({ request, actor, params, query }) => {
    const lastEventId = parseLastEventId(request.headers.get("last-event-id"), query.lastEventId ?? null);
    // Checked again on every heartbeat: a revoked token or an ended session closes the stream.
    const stream = await operationEventStream({ actor, id: params.id, lastEventId, signal: request.signal, reauthenticate: () => authenticate(request) });
    return new Response(stream, {
      status: op.response.status,
      headers: {
        "content-type": op.response.contentType,
        // no-transform: proxies must not compress (and so buffer) the stream; X-Accel-Buffering: nginx must not either.
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }),
);
