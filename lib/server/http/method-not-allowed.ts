// 405 handlers for the methods a route does not serve, so clients get a problem+json and an Allow header.
import "server-only";
import { AppError } from "@/lib/errors";
import { problemResponse, toProblem } from "./problem";
import type { Handler } from "./route";

const NOT_ALLOWED = Symbol.for("datastore-portal.method-not-allowed");

/** A handler that answers 405 naming the allowed methods. Branded, so the OpenAPI coverage test can tell it apart. */
export function methodNotAllowed(allowed: readonly string[]): Handler {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const handler: Handler = async (request) => {
    const error = new AppError("method_not_allowed", `${request.method} is not allowed here; allowed: ${allow}.`);
    return problemResponse(toProblem(error, new URL(request.url).pathname), { allow });
  };
  return Object.assign(handler, { [NOT_ALLOWED]: true });
}

export function isMethodNotAllowedHandler(value: unknown): boolean {
  return typeof value === "function" && NOT_ALLOWED in value;
}
