// Puts a 422 problem's field errors back on the wizard's inputs: "workload.readsPerSecond.mid" lands on the
// same input the browser's own validation would have marked, through the planner form's path mapping.
import type { UseFormReturn } from "react-hook-form";
import type { FieldError } from "@/lib/errors";
import { fieldNameFor } from "@/components/plan/workload-resolver";
import type { WorkloadFormValues } from "@/components/plan/workload-form-values";

const segments = (field: string): (string | number)[] => field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Sets every workload error on its input; returns the errors that belong to no workload input. */
export function applyServerFieldErrors(form: UseFormReturn<WorkloadFormValues>, errors: readonly FieldError[]): FieldError[] {
  const rest: FieldError[] = [];
  const values = form.getValues();
  for (const e of errors) {
    const [head, ...tail] = segments(e.field);
    // The request's name is the workload's name in the wizard: one input for both.
    const path = head === "workload" ? tail : head === "name" ? ["name"] : null;
    const name = path ? fieldNameFor(path, values) : "root";
    if (name === "root") {
      rest.push(e);
      continue;
    }
    form.setError(name as Parameters<typeof form.setError>[0], { type: "server", message: e.message }, { shouldFocus: rest.length === 0 });
  }
  return rest;
}
