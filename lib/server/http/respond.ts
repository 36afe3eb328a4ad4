// Successful responses go out through a DTO schema: an allow-list, so nothing the schema does not name leaks.
import "server-only";
import type { z } from "zod";

/** A JSON response of `data` parsed by `schema`; a mismatch is a server bug and surfaces as a logged 500. */
export function respond<S extends z.ZodType>(schema: S, data: z.input<S>, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json(schema.parse(data), { status: init.status ?? 200, headers: init.headers });
}
