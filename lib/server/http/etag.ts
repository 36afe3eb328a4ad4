// Optimistic concurrency over HTTP: a resource's version is its strong ETag `"v<version>"`; updates send it back
// in If-Match (RFC 9110 §13.1.1). Generic over anything with an integer version column.
import "server-only";
import { AppError } from "@/lib/errors";

/** What an If-Match header asks for: any current representation ("*"), or one of these versions. */
export type IfMatch = "*" | readonly number[];

export function etagOf(version: number): string {
  return `"v${version}"`;
}

/**
 * The If-Match header of a request, or undefined without one; 428 when `required` and missing. Entity tags that
 * are not ours (weak ones included: If-Match compares strongly) match no version, so they end in a 412.
 */
export function readIfMatch(request: Request, opts: { required: true }): IfMatch;
export function readIfMatch(request: Request, opts?: { required?: boolean }): IfMatch | undefined;
export function readIfMatch(request: Request, opts: { required?: boolean } = {}): IfMatch | undefined {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "") {
    if (opts.required)
      throw new AppError(
        "precondition_required",
        'This update needs an If-Match header with the ETag you last read (e.g. If-Match: "v3"), so that it cannot overwrite someone else\'s change.',
      );
    return undefined;
  }
  if (header.trim() === "*") return "*";
  const versions: number[] = [];
  for (const tag of header.split(",")) {
    const m = /^"v([1-9]\d{0,9})"$/.exec(tag.trim());
    if (m?.[1]) versions.push(Number(m[1]));
  }
  return versions;
}

/** Throws 412 unless the current version satisfies the If-Match (no header: nothing to check). */
export function checkIfMatch(ifMatch: IfMatch | undefined, current: number, what: string): void {
  if (ifMatch === undefined || ifMatch === "*" || ifMatch.includes(current)) return;
  throw new AppError(
    "precondition_failed",
    `The ${what} has changed since you read it (it is now at ${etagOf(current)}); read it again and reapply your change.`,
  );
}
