// RFC 9457 problem details: how every API error goes on the wire (application/problem+json).
import "server-only";
import { ERROR_STATUS, ERROR_TITLES, problemType, type AppError, type Problem } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The problem document of an AppError; field errors only where they mean something (a 422). */
export function toProblem(error: AppError, instance?: string): Problem {
  return {
    type: problemType(error.code),
    title: ERROR_TITLES[error.code],
    status: ERROR_STATUS[error.code],
    detail: error.message,
    ...(instance ? { instance } : {}),
    code: error.code,
    ...(error.fieldErrors.length > 0 ? { errors: [...error.fieldErrors] } : {}),
  };
}

export function problemResponse(problem: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  // Errors describe one request at one moment: never let a cache replay them.
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}
