// A small react-hook-form resolver over WorkloadSchema.safeParse. The stock zodResolver would validate the
// form's own shape; here the form holds strings and point/range toggles, so it is mapped onto the workload
// contract first and the schema's issue paths are mapped back onto the inputs that caused them.
import { get, set, type FieldError, type FieldErrors, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { WorkloadSchema } from "@/lib/schemas";
import { parseNumberText } from "@/components/ui/number-text";
import { NUMBER_FIELDS, QUANTITY_FIELDS, listOf, toWorkloadInput, type WorkloadFormValues } from "./workload-form-values";

type Issue = z.core.$ZodIssue;

const isQuantityField = (k: unknown): k is (typeof QUANTITY_FIELDS)[number] => typeof k === "string" && (QUANTITY_FIELDS as readonly string[]).includes(k);

/** The form input an issue belongs to, e.g. ["readsPerSecond", "mid"] → "readsPerSecond.mid". */
export function fieldNameFor(path: readonly PropertyKey[], values: WorkloadFormValues): string {
  const [first, second] = path;
  if (typeof first !== "string") return "root";
  if (isQuantityField(first)) {
    if (values[first].mode === "point") return `${first}.value`;
    return second === "low" || second === "high" ? `${first}.${second}` : `${first}.mid`;
  }
  if (first === "advanced") return typeof second === "string" ? `advanced.${second}` : "root";
  if (first in values) return first;
  return "root";
}

/** Zod's default messages are written for developers; say the same thing the way a form does. */
export function messageFor(issue: Issue, values: WorkloadFormValues): string {
  const message = friendly(issue);
  // Lists are typed as one box, so name the entry that is wrong.
  const [first, index] = issue.path;
  if ((first === "regions" || (first === "advanced" && issue.path[1] === "instanceFamilies")) && typeof index === "number") {
    const list = first === "regions" ? listOf(values.regions) : listOf(values.advanced.instanceFamilies);
    const entry = first === "regions" ? list[index] : list[issue.path[2] as number];
    if (entry !== undefined) return `“${entry}” ${message}`;
  }
  return message;
}

function friendly(issue: Issue): string {
  const isDefault = /^(Too small|Too big|Invalid input)/.test(issue.message);
  if (!isDefault) return issue.message;
  switch (issue.code) {
    case "too_small":
      return issue.origin === "array" ? `needs at least ${String(issue.minimum)}` : `must be ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "array" ? `at most ${String(issue.maximum)}` : `must be ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    case "invalid_type":
      if (issue.expected === "int") return "must be a whole number";
      if (/received undefined/.test(issue.message)) return "is required";
      if (issue.expected === "number") return "must be a number";
      return issue.message;
    default:
      return issue.message;
  }
}

/** Boxes whose text is not a number, with what to type instead: said before the schema would say "must be a number". */
function unreadableNumbers(values: WorkloadFormValues): FieldErrors<WorkloadFormValues> {
  const errors: FieldErrors<WorkloadFormValues> = {};
  for (const { name, kind } of NUMBER_FIELDS) {
    const [quantity, part] = name.split(".");
    // A quantity shows only the inputs of its mode.
    if (isQuantityField(quantity) && (values[quantity].mode === "point") !== (part === "value")) continue;
    const text = get(values, name) as string | undefined;
    const parsed = parseNumberText(text, kind);
    if (!parsed.ok) set(errors, name, { type: "number", message: parsed.message } satisfies FieldError);
  }
  return errors;
}

export const workloadResolver: Resolver<WorkloadFormValues> = (values) => {
  const parsed = WorkloadSchema.safeParse(toWorkloadInput(values));
  const errors: FieldErrors<WorkloadFormValues> = unreadableNumbers(values);
  if (parsed.success && Object.keys(errors).length === 0) return { values, errors: {} };
  if (parsed.success) return { values: {}, errors };
  for (const issue of parsed.error.issues) {
    const name = fieldNameFor(issue.path, values);
    // One message per input: the first is the one to fix first.
    if (get(errors, name) !== undefined) continue;
    const error: FieldError = { type: issue.code, message: messageFor(issue, values) };
    set(errors, name, error);
  }
  return { values: {}, errors };
};
