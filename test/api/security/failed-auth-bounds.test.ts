// What failed authentication leaves in the database stays bounded: one client's bad tokens stop adding audit events
// once it is locked out, failure audit events expire after their retention, token-failure counts after their
// window — and a lockout lasts its whole window, even though better-auth prunes the rate-limit table it shares.
import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { AppError } from "@/lib/errors";
import { FAILED_AUTH_RETENTION_DAYS, pruneFailedAuthAudit } from "@/lib/server/auth/failure-retention";
import { assertTokenAttemptsLeft, pruneTokenFailures, recordTokenFailure, TOKEN_FAILURE_LIMIT } from "@/lib/server/auth/token-rate-limit";
import { db } from "@/lib/server/db/client";

const DAY = 86_400_000;
const me = (headers: Record<string, string>) => getMe(new Request("http://localhost/api/v1/me", { headers }), { params: Promise.resolve({}) });
const tokenKey = (ip: string) => `api-token-failure:${ip}`;

async function oldFailureEvents(n: number, at: Date) {
  await db().auditEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      at,
      actor: "system",
      action: i % 2 ? "auth.token.failed" : "auth.sign-in.failed",
      subjectType: "user",
      subjectId: `old-${i}`,
    })),
  });
}

describe("failed authentication", () => {
  // First in the file: the failure path prunes at most every ten minutes per process.
  it("prunes expired failure records when a failure is recorded, keeping everything else", async () => {
    const longAgo = new Date(Date.now() - (FAILED_AUTH_RETENTION_DAYS + 5) * DAY);
    await oldFailureEvents(40, longAgo);
    await db().auditEvent.create({ data: { at: longAgo, actor: "system", action: "request.created", subjectType: "request", subjectId: "kept" } });
    await db().rateLimit.create({
      data: { id: tokenKey("192.0.2.200"), key: tokenKey("192.0.2.200"), count: 3, lastRequest: BigInt(Date.now() - 16 * 60_000) },
    });
    expect((await me({ authorization: "Bearer dsp_not-a-token", "x-forwarded-for": "192.0.2.201" })).status).toBe(401);
    expect(await db().auditEvent.count({ where: { at: longAgo, action: { startsWith: "auth." } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { subjectId: "kept" } })).toBe(1);
    expect(await db().rateLimit.count({ where: { key: tokenKey("192.0.2.200") } })).toBe(0);
    expect(await db().rateLimit.count({ where: { key: tokenKey("192.0.2.201") } })).toBe(1);
  });

  it(`stops auditing a client's bad tokens once it is locked out: ${TOKEN_FAILURE_LIMIT.max} events, then 429s that add none`, async () => {
    const ip = "192.0.2.210";
    const before = await db().auditEvent.count({ where: { action: "auth.token.failed" } });
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max + 5; i++) statuses.push((await me({ authorization: `Bearer dsp_guess-${i}`, "x-forwarded-for": ip })).status);
    expect(statuses).toEqual([...Array<number>(TOKEN_FAILURE_LIMIT.max).fill(401), ...Array<number>(5).fill(429)]);
    expect((await db().auditEvent.count({ where: { action: "auth.token.failed" } })) - before).toBe(TOKEN_FAILURE_LIMIT.max);
  });

  it("counts an IPv6 client by its /64: changing the last 64 bits does not reset the count", async () => {
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++)
      expect((await me({ authorization: "Bearer dsp_nope", "x-forwarded-for": `2001:db8:7:7::${(i + 1).toString(16)}` })).status).toBe(401);
    expect((await me({ authorization: "Bearer dsp_nope", "x-forwarded-for": "2001:db8:7:7:ffff::1" })).status).toBe(429);
    expect(await db().rateLimit.findUnique({ where: { key: tokenKey("2001:db8:7:7::/64") } })).toMatchObject({ count: TOKEN_FAILURE_LIMIT.max });
  });

  it("keeps a token lockout for its whole window when better-auth prunes the rate-limit rows it shares", async () => {
    const ip = "192.0.2.220";
    const twoMinutesAgo = Date.now() - 120_000;
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) await recordTokenFailure(ip, twoMinutesAgo);
    await expect(assertTokenAttemptsLeft(ip)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "rate_limited");
    // A sign-in whose window rolled over makes better-auth delete rows idle for longer than the longest window it knows.
    const other = "192.0.2.221";
    await db().rateLimit.create({
      data: { id: `${other}|/sign-in/email`, key: `${other}|/sign-in/email`, count: 1, lastRequest: BigInt(Date.now() - 70_000) },
    });
    const signIn = await authPost(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": other },
        body: JSON.stringify({ email: "nobody@example.test", password: "wrong-password-1" }),
      }),
    );
    expect(signIn.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(await db().rateLimit.count({ where: { key: tokenKey(ip) } })).toBe(1);
    await expect(assertTokenAttemptsLeft(ip)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "rate_limited");
  });

  it("prunes by age: failure events past retention, token counts past their window", async () => {
    const now = Date.now();
    await oldFailureEvents(6, new Date(now - (FAILED_AUTH_RETENTION_DAYS + 1) * DAY));
    await oldFailureEvents(4, new Date(now - (FAILED_AUTH_RETENTION_DAYS - 1) * DAY));
    await db().rateLimit.createMany({
      data: [
        { id: tokenKey("192.0.2.230"), key: tokenKey("192.0.2.230"), count: 2, lastRequest: BigInt(now - TOKEN_FAILURE_LIMIT.windowMs - 1) },
        { id: tokenKey("192.0.2.231"), key: tokenKey("192.0.2.231"), count: 2, lastRequest: BigInt(now - TOKEN_FAILURE_LIMIT.windowMs + 60_000) },
      ],
    });
    expect(await pruneFailedAuthAudit(now)).toBe(6);
    expect(await pruneTokenFailures(now)).toBe(1);
    expect(await db().rateLimit.count({ where: { key: tokenKey("192.0.2.231") } })).toBe(1);
  });
});
