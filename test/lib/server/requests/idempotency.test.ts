// The Idempotency-Key helper on its own: replay, mismatch, expiry, and no record when the create fails.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { IDEMPOTENCY_TTL_MS, idempotent, readIdempotencyKey } from "@/lib/server/http/idempotency";

const actor: Actor = { kind: "user", userId: "u-idem", label: "user:idem", isAdmin: false, platformReviewer: false, roles: new Map() };
const Schema = z.strictObject({ n: z.number() });
const post = (path: string, key?: string) => new Request(`http://localhost${path}`, { method: "POST", headers: key ? { "idempotency-key": key } : {} });

describe("idempotent()", () => {
  it("runs once per key, replays the stored status and body, and counts keys per path", async () => {
    let runs = 0;
    const create = async () => ({ n: ++runs });
    const a = await idempotent({ request: post("/a", "k1"), actor, input: { x: 1 }, schema: Schema, status: 201 }, create);
    const b = await idempotent({ request: post("/a", "k1"), actor, input: { x: 1 }, schema: Schema, status: 201 }, create);
    expect([a.status, await a.json(), b.status, await b.json(), runs]).toEqual([201, { n: 1 }, 201, { n: 1 }, 1]);
    await expect(idempotent({ request: post("/b", "k1"), actor, input: { x: 1 }, schema: Schema, status: 201 }, create)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "invalid_input",
    );
  });

  it("creates every time without a key", async () => {
    let runs = 0;
    for (let i = 0; i < 2; i++) await idempotent({ request: post("/c"), actor, input: {}, schema: Schema, status: 201 }, async () => ({ n: ++runs }));
    expect(runs).toBe(2);
  });

  it("stores nothing when the create fails, so a retry runs again", async () => {
    await expect(
      idempotent({ request: post("/d", "k2"), actor, input: {}, schema: Schema, status: 201 }, async () => {
        throw new AppError("conflict", "no");
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await db().idempotencyRecord.count({ where: { key: "k2" } })).toBe(0);
    const ok = await idempotent({ request: post("/d", "k2"), actor, input: {}, schema: Schema, status: 201 }, async () => ({ n: 7 }));
    expect(await ok.json()).toEqual({ n: 7 });
  });

  it("forgets keys older than the time-to-live", async () => {
    await idempotent({ request: post("/e", "k3"), actor, input: {}, schema: Schema, status: 201 }, async () => ({ n: 1 }));
    await db().idempotencyRecord.updateMany({ where: { key: "k3" }, data: { createdAt: new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000) } });
    const again = await idempotent({ request: post("/e", "k3"), actor, input: { different: true }, schema: Schema, status: 201 }, async () => ({ n: 2 }));
    expect(await again.json()).toEqual({ n: 2 });
  });

  it("accepts a structured-field string and refuses unusable keys", () => {
    expect(readIdempotencyKey(post("/f", '"abc"'))).toBe("abc");
    expect(() => readIdempotencyKey(post("/f", "a b"))).toThrow(AppError);
  });
});
