// Conditional GETs of computed representations (a feed page) that have no version column: a strong ETag from the
// bytes of the body, and If-None-Match (RFC 9110 §13.1.2) answered with 304 when the client's copy is current.
import "server-only";
import { createHash } from "node:crypto";

/** A strong ETag of a body: the first 128 bits of its SHA-256, base64url. */
export function contentEtag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/** Whether If-None-Match names this ETag ("*" included); weak comparison, as the RFC says for GET. */
export function ifNoneMatchHits(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === opaque);
}
