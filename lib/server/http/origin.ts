// Which origin a request arrived on, which origins the portal answers as, and the check that a browser-session
// write comes from the portal's own pages (a page on a sibling port or subdomain is same-site, so SameSite cookies
// ride along: only Origin tells them apart).
import "server-only";
import { AppError } from "@/lib/errors";

/** host[:port]: a name, an IPv4 address or a bracketed IPv6 address. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The first value of a possibly comma-joined header. */
function first(value: string | null): string | undefined {
  const v = value?.split(",")[0]?.trim();
  return v ? v : undefined;
}

/**
 * scheme://host[:port] the request was sent to: X-Forwarded-Proto and -Host (the forwarding guard leaves them only
 * when a trusted proxy set them; otherwise Next.js derives them from the connection and Host), else the URL.
 */
export function requestOrigin(request: Request): string | null {
  const url = new URL(request.url);
  const proto = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host")) ?? url.host;
  // A Host with a path, credentials or anything else than host[:port] names no origin.
  if ((proto !== "http" && proto !== "https") || !HOST.test(host)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The origins people use: PUBLIC_URL's when it is set, else the one this request arrived on. */
export function portalOrigins(request: Request, publicUrl: string | undefined): string[] {
  if (publicUrl) return [new URL(publicUrl).origin];
  const own = requestOrigin(request);
  return own ? [own] : [];
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses (403) a state-changing request that a browser sent from another origin: Origin must be one of the
 * portal's; without Origin, Sec-Fetch-Site must say same-origin. Only for credentials a browser attaches by itself
 * (session cookies): a bearer token has to be set by a script that already holds it.
 */
export function assertSameOriginWrite(request: Request, publicUrl: string | undefined): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const allowed = portalOrigins(request, publicUrl);
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (allowed.includes(origin)) return;
    throw new AppError(
      "forbidden",
      `This change was sent from ${origin === "null" ? "an opaque origin" : origin.slice(0, 200)}, not from the portal's own pages, so it was refused. Use the portal itself, or an API token from scripts.`,
    );
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw new AppError(
    "forbidden",
    site
      ? `This change came from another site (Sec-Fetch-Site: ${site.slice(0, 40)}), so it was refused.`
      : "A change made with a session cookie must carry an Origin header (browsers send it); scripts should use an API token.",
  );
}
