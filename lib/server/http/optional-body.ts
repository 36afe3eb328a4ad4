// A JSON body that may be left out (POST …/submit): no body means an empty object; a body is read as usual.
import "server-only";
import type { z } from "zod";
import { invalidInput } from "@/lib/errors";
import { readJsonBody } from "./json-body";

export async function readOptionalJsonBody<S extends z.ZodType>(request: Request, schema: S, what = "request body"): Promise<z.output<S>> {
  if (request.body === null || request.headers.get("content-length") === "0") {
    const result = schema.safeParse({});
    if (!result.success) throw invalidInput(result.error, what);
    return result.data;
  }
  return readJsonBody(request, schema, what);
}
