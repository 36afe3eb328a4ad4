// The failures both engines report, worded once: a person reads these on the operation page, so they say which
// stack, what holds it and what to do.
import { ProvisioningInputError } from "../../lib/schemas/datastore-spec";
import { EngineError } from "../../lib/server/provisioning/engine-contract";

/** What Pulumi's DIY (file, S3…) backends print when a stack's lock file exists. */
export const DIY_LOCKED_MESSAGE =
  "the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.";

/** Another update holds the stack (the API's 409); `detail` is the backend's own words. */
export function conflictError(stackName: string, detail: string, cause?: unknown): EngineError {
  return new EngineError(
    {
      code: "conflict",
      message: `Another update holds stack ${stackName}: it runs until it ends or is cancelled. (${detail.replace(/^error:\s*/i, "").trim()})`,
    },
    { cause },
  );
}

export function cancelledError(stackName: string, cause?: unknown): EngineError {
  return new EngineError(
    { code: "cancelled", message: `Cancelled: the update of stack ${stackName} stopped before it finished; resources it completed are kept.` },
    { cause },
  );
}

/** The program's input is invalid: the message lists every bad field (ProvisioningInputError's own lines). */
export function inputError(error: ProvisioningInputError): EngineError {
  return new EngineError({ code: "input", message: error.message }, { cause: error });
}

/** Runs `datastoreProgram`-style validation, turning a ProvisioningInputError into EngineError "input". */
export function validatingInput<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof ProvisioningInputError) throw inputError(e);
    throw e;
  }
}
