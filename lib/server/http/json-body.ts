// Reads a JSON request body: media type, size limit, syntax, then the shared zod schema — each with its own 4xx.
import "server-only";
import type { z } from "zod";
import { AppError, fieldPath, invalidInput } from "@/lib/errors";
import { findUnsafeText } from "./unsafe-text";

/** Workloads are a few KiB; anything near this limit is a mistake or an attack. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** application/json, or any application/…+json type; a charset other than UTF-8 is refused (RFC 8259 §8.1). */
export function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false;
  const [essence = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  const json = essence === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  return json && (charset === undefined || charset === "utf-8" || charset === "utf8");
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
}

/** Reads at most `limit` bytes; stops reading (and cancels the stream) as soon as the body is too large. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * The body as JSON, unvalidated: 415 for another media type, 413 when too large, 400 when empty or not JSON, 422 when
 * a string holds what no database can store (a NUL, an unpaired surrogate), naming where.
 */
export async function readJson(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  if (!isJsonMediaType(contentType)) {
    const given = contentType ? `Content-Type "${contentType.slice(0, 100)}"` : "no Content-Type";
    throw new AppError("unsupported_media_type", `The request body must be JSON sent as Content-Type application/json (UTF-8); got ${given}.`);
  }
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new AppError("malformed_request", "The request body is not valid UTF-8.", { cause });
  }
  if (text.trim() === "") throw new AppError("malformed_request", "The request body is empty; expected a JSON object.");
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (cause) {
    const why = cause instanceof SyntaxError ? cause.message.slice(0, 200) : "unparseable";
    throw new AppError("malformed_request", `The request body is not valid JSON: ${why}.`, { cause });
  }
  const unsafe = findUnsafeText(json);
  if (unsafe) {
    const field = fieldPath(unsafe.path);
    throw new AppError("invalid_input", `The request body has 1 invalid field: ${field}.`, { fieldErrors: [{ field, message: unsafe.reason }] });
  }
  return json;
}

/** Reads a JSON body and parses it with a shared schema: a 422 names every invalid field by its dotted path. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, what = "request body"): Promise<z.output<S>> {
  const json = await readJson(request);
  const result = schema.safeParse(json);
  if (!result.success) throw invalidInput(result.error, what);
  return result.data;
}
