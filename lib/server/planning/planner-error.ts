// How the planner's domain errors reach the API: its codes are kebab-case twins of the catalogue's.
import "server-only";
import { AppError, isErrorCode, type ErrorCode } from "@/lib/errors";
import { PlannerError } from "@/lib/planner";

/**
 * The AppError of a PlannerError, or the error itself when it is something else. A planner code the catalogue
 * does not know is still the caller's input the planner cannot serve, so it is a 422, never a 500.
 */
export function fromPlannerError(error: unknown): unknown {
  if (!(error instanceof PlannerError)) return error;
  const snake = error.code.replace(/-/g, "_");
  const code: ErrorCode = isErrorCode(snake) ? snake : "invalid_input";
  const fieldErrors = error.field ? [{ field: error.field, message: error.message }] : [];
  return new AppError(code, error.message, { fieldErrors, cause: error });
}
