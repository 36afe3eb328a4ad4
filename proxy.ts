// Next.js proxy (middleware): runs before every route. Gives each page a fresh CSP nonce (Next.js puts it on its
// scripts), sets the security headers on every response, and answers a path with a malformed %-escape with a 400
// instead of letting Next.js fail on it with a 500.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { hasMalformedEscape, newNonce, securityHeaders } from "@/lib/server/http/security-headers";

const https = env.PUBLIC_URL?.startsWith("https:") ?? false;
const development = env.NODE_ENV === "development";

function badPath(request: NextRequest, isApi: boolean): NextResponse {
  const detail = "The address holds a malformed %-escape; encode the path with encodeURIComponent.";
  const headers = securityHeaders({ https, development });
  if (!isApi) return new NextResponse(`Bad request: ${detail}\n`, { status: 400, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  const problem = { type: "urn:datastore-portal:problem:malformed_request", title: "Malformed request", status: 400, detail, code: "malformed_request" };
  return new NextResponse(JSON.stringify(problem), {
    status: 400,
    headers: { ...headers, "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

export function proxy(request: NextRequest): NextResponse {
  const path = new URL(request.url).pathname;
  const isApi = path.startsWith("/api/");
  if (hasMalformedEscape(path)) return badPath(request, isApi);
  if (isApi) {
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(securityHeaders({ https, development }))) response.headers.set(name, value);
    return response;
  }
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https, development });
  // Next.js reads the nonce from the request's CSP header while rendering the page.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output carries no page and never changes per request: next.config.ts gives it the static headers.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
