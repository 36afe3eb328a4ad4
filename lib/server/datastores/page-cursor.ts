// Opaque keyset cursors for lists ordered by a timestamp and the id: base64url of the last item's timestamp and id.
// Keyset (not offset) pagination: rows added while a client pages never shift the pages it has not read yet.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

export interface PageKey {
  at: Date;
  id: string;
}

const CursorPayloadSchema = z.strictObject({ t: z.iso.datetime(), i: z.string().min(1).max(100) });

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify({ t: key.at.toISOString(), i: key.id }), "utf8").toString("base64url");
}

/** Decodes a cursor this API returned; anything else is a 422 naming "cursor". */
export function decodeCursor(cursor: string): PageKey {
  const invalid = () =>
    new AppError("invalid_input", "The query string has 1 invalid field: cursor.", {
      fieldErrors: [{ field: "cursor", message: "is not a cursor this API returned; start again without it" }],
    });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = CursorPayloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid();
  return { at: new Date(parsed.data.t), id: parsed.data.i };
}

/**
 * A where clause for the rows strictly after `key` in (field, id) order — descending (newest first, as most lists) or
 * ascending (the review queue, longest waiting first). The bound on `field` alone comes first so that the database
 * seeks to the cursor in the (…, field, id) index instead of reading every earlier row and filtering: a deep page costs
 * what the first does.
 */
export function afterKey<F extends string>(field: F, key: PageKey, order: "desc" | "asc" = "desc"): { AND: Record<string, unknown>[] } {
  const [past, pastOrAt] = order === "desc" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  return { AND: [{ [field]: { [pastOrAt]: key.at } }, { OR: [{ [field]: { [past]: key.at } }, { id: { [past]: key.id } }] }] };
}

/**
 * One page of rows read in that order with `take: limit + 1`: the first `limit`, and the cursor of the next page
 * when the extra row shows that one follows.
 */
export function pageOf<T>(rows: readonly T[], limit: number, keyOf: (row: T) => PageKey): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
