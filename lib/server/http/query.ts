// Reads a URL query string and parses it with a shared schema: a 422 names every invalid parameter.
import "server-only";
import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/errors";
import { unsafeTextReason } from "./unsafe-text";

/** Query parameters as an object: a repeated parameter becomes an array (and fails a schema that wants one value). */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}

export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const query = queryObject(new URL(request.url));
  for (const [name, value] of Object.entries(query)) {
    const reason = [name, ...[value].flat()].map(unsafeTextReason).find((r) => r !== null);
    if (reason) throw new AppError("invalid_input", `The query string has 1 invalid field: ${name}.`, { fieldErrors: [{ field: name, message: reason }] });
  }
  const result = schema.safeParse(query);
  if (!result.success) throw invalidInput(result.error, "query string");
  return result.data;
}
