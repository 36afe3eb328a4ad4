// Idempotency-Key for creating POSTs (draft-ietf-httpapi-idempotency-key-header): a retried create replays the
// first response instead of creating a duplicate. The first response is stored in the same transaction as the
// create, so a record exists exactly when the resource does; two racing retries meet at the (scope, key) unique
// index and the loser replays the winner's response.
import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { canonicalJson } from "@/lib/server/canonical-json";
import { db, type Tx } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** How long a key is remembered; after that the same key creates anew. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The request's Idempotency-Key, or undefined without one: 1–200 visible ASCII characters (a UUID is typical). */
export function readIdempotencyKey(request: Request): string | undefined {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return undefined;
  // A structured-field string ("…") as the draft writes it, or the bare token most clients send.
  const key = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError(
      "malformed_request",
      `The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters (a UUID, for example).`,
    );
  }
  return key;
}

function requestHash(request: Request, input: unknown): string {
  return createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname}\n${canonicalJson(input)}`)
    .digest("hex");
}

export interface IdempotentOptions<S extends z.ZodType> {
  request: Request;
  actor: Actor;
  /** The parsed body: what "the same request" means (with the method and path). */
  input: unknown;
  /** The success response: its DTO schema (the allow-list) and status. */
  schema: S;
  status: number;
  /** Headers derived from the response body (Location, ETag), on the first response and on replays. */
  headers?: (body: z.output<S>) => HeadersInit;
  /**
   * Work done before the transaction opens and never on a replay: a check that waits on the outside world (a DNS
   * lookup) must not hold the database — with SQLite, one open transaction holds every other write.
   */
  prepare?: () => Promise<void>;
}

/**
 * Runs `create` in a transaction and answers with its result, or — for a key already used by this user — replays
 * the first response (same status and body, `Idempotent-Replayed: true`). The same key with a different method,
 * path or body is a 422. Without the header it simply creates.
 */
export async function idempotent<S extends z.ZodType>(opts: IdempotentOptions<S>, create: (tx: Tx) => Promise<z.input<S>>): Promise<Response> {
  const render = (body: z.output<S>, replayed: boolean, status = opts.status) => {
    const headers = new Headers(opts.headers?.(body));
    if (replayed) headers.set("idempotent-replayed", "true");
    return Response.json(body, { status, headers });
  };
  const run = async (tx: Tx) => opts.schema.parse(await create(tx)) as z.output<S>;

  const key = readIdempotencyKey(opts.request);
  if (key === undefined) {
    await opts.prepare?.();
    return render(await db().$transaction((tx) => run(tx)), false);
  }

  const scope = opts.actor.userId;
  const hash = requestHash(opts.request, opts.input);
  const replay = async (): Promise<Response | undefined> => {
    const record = await db().idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!record) return undefined;
    if (record.requestHash !== hash) {
      throw new AppError("invalid_input", "This Idempotency-Key was already used for a different request; send a new key for a new request.", {
        fieldErrors: [{ field: "Idempotency-Key", message: "was already used with a different method, path or body" }],
      });
    }
    return render(opts.schema.parse(record.body) as z.output<S>, true, record.status);
  };

  await db().idempotencyRecord.deleteMany({ where: { scope, key, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } });
  const earlier = await replay();
  if (earlier) return earlier;
  await opts.prepare?.();
  try {
    const body = await db().$transaction(async (tx) => {
      const out = await run(tx);
      await tx.idempotencyRecord.create({ data: { scope, key, requestHash: hash, status: opts.status, body: JSON.parse(JSON.stringify(out)) } });
      return out;
    });
    return render(body, false);
  } catch (error) {
    // A concurrent retry with the same key committed first: our create rolled back with it; answer as it did.
    if (isUniqueViolation(error)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}
