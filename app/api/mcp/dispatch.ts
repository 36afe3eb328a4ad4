// The in-process dispatcher behind /api/mcp: a `fetch` for the typed client that hands each call to the route
// handler export of its operation — the same parsing, authentication (the caller's token, sent on every call),
// authorization, idempotency and problem+json as over the network, with no network.
//
// Why not call the portal's own API over HTTP (origin from config)? The portal may not reach itself at its public
// address (a proxy or load balancer in front, TLS, a split-horizon name), and a loopback hop would look like a new
// client: the token's failed-attempt limit and the audit would see 127.0.0.1 rather than the agent's address, and every
// tool call would pay a second HTTP round trip and hold a second connection. Dispatching here keeps the caller's
// address (X-Forwarded-For as the guard rewrote it) and costs a function call. The HTTP path is still exercised: `dsp
// mcp` (stdio) runs the very same tools over a client that speaks HTTP.
import { API_OPERATIONS } from "@/lib/openapi/operations";
import type { McpCalledOperation } from "@/lib/mcp/tools";
import { GET as getDatastore } from "@/app/api/v1/datastores/[id]/route";
import { GET as listDatastoreOperations } from "@/app/api/v1/datastores/[id]/operations/route";
import { GET as listDatastores } from "@/app/api/v1/datastores/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as listOperationEvents } from "@/app/api/v1/operations/[id]/events/route";
import { GET as getOperation } from "@/app/api/v1/operations/[id]/route";
import { POST as planCapacity } from "@/app/api/v1/plans/route";
import { POST as recommendStore } from "@/app/api/v1/recommendations/route";
import { GET as getRequest } from "@/app/api/v1/requests/[id]/route";
import { POST as submitRequest } from "@/app/api/v1/requests/[id]/submit/route";
import { GET as listRequests, POST as createRequest } from "@/app/api/v1/requests/route";

type RouteExport = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** Every operation the tools call, with its handler: a tool without one is a compile error. */
const HANDLERS = {
  getMe,
  recommendStore,
  planCapacity,
  createRequest,
  submitRequest,
  getRequest,
  listRequests,
  getDatastore,
  listDatastores,
  getOperation,
  listDatastoreOperations,
  listOperationEvents,
} satisfies Record<McpCalledOperation, RouteExport>;

interface Route {
  method: string;
  /** The path's segments: a literal, or `{name}` for a parameter. */
  segments: string[];
  handler: RouteExport;
}

const ROUTES: Route[] = Object.entries(HANDLERS).map(([id, handler]) => {
  const op = API_OPERATIONS[id as McpCalledOperation];
  // A handler of another operation (a wrong import above) would answer with the wrong contract: refuse to start.
  if ((handler as { operation?: unknown }).operation !== op) throw new Error(`The MCP dispatcher's handler for ${id} serves another operation`);
  return { method: op.method, segments: op.path.split("/"), handler };
});

/** The path parameters when `pathname` is the route's path, else null. */
function matchPath(route: Route, pathname: string): Record<string, string> | null {
  const parts = pathname.split("/");
  if (parts.length !== route.segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of route.segments.entries()) {
    const part = parts[i] ?? "";
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (part !== segment) return null;
    } else {
      if (part === "") return null;
      params[name] = decodeURIComponent(part);
    }
  }
  return params;
}

/** Headers of the agent's own request that every dispatched call carries: who and where the caller is. */
const FORWARDED = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "user-agent"] as const;

/** A fetch that answers the typed client's calls from the route handlers, as the agent's request `outer` would. */
export function inProcessFetch(outer: Request): typeof fetch {
  return async (input, init) => {
    const inner = new Request(input, init);
    const url = new URL(inner.url);
    const headers = new Headers(inner.headers);
    for (const name of FORWARDED) {
      const value = outer.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    for (const route of ROUTES) {
      const params = route.method === inner.method ? matchPath(route, url.pathname) : null;
      if (!params) continue;
      const body = inner.method === "GET" ? undefined : await inner.text();
      const request = new Request(url, { method: inner.method, headers, body, signal: inner.signal });
      return route.handler(request, { params: Promise.resolve(params) });
    }
    // The tools call only the operations above: anything else is a programming error, answered as the API would.
    return Response.json(
      { type: "about:blank", title: "Not found", status: 404, detail: `${inner.method} ${url.pathname} is not dispatched to agent tools.` },
      { status: 404, headers: { "content-type": "application/problem+json" } },
    );
  };
}
