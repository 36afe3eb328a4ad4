// Answers to a deprecated URL form say so, and where to go instead: `Deprecation` (RFC 9745) and a
// `Link: <…>; rel="successor-version"` (RFC 5829, in a Link header as RFC 8288 writes it).
import "server-only";

/**
 * RFC 9745's value: a Structured Field Date, `@` and Unix seconds. The drafts before it sent `Deprecation: true`
 * (or an HTTP-date), which said that a resource is deprecated but not since when; the RFC replaced both with this.
 */
export function deprecationHeader(since: Date): string {
  return `@${Math.floor(since.getTime() / 1000)}`;
}

/** The response with the deprecation headers added; status and body as they were. */
export function withDeprecation(response: Response, deprecation: { since: Date; successor: string }): Response {
  const headers = new Headers(response.headers);
  headers.set("deprecation", deprecationHeader(deprecation.since));
  headers.append("link", `<${deprecation.successor}>; rel="successor-version"`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
