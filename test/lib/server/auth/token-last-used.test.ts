// Issue 10.4: every API-token request wrote lastUsedAt, so under token load the writes queued behind each other
// (a concurrent /me took seconds). It is informational: recorded at most once a minute per token.
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { db } from "@/lib/server/db/client";
import { makePerson, makeTeam } from "../../../support/actors";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/v1/me", { headers });
const lastUsed = async (tokenId: string) => (await db().apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a token's last use", () => {
  it("is recorded on first use, then not again within the minute however often the token is used", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    expect(await lastUsed(p.tokenId)).toBeNull();
    await authenticate(request(p.headers));
    const first = await lastUsed(p.tokenId);
    expect(first).toBeInstanceOf(Date);
    for (let i = 0; i < 10; i++) {
      await pause(5);
      await authenticate(request(p.headers));
    }
    await Promise.all(Array.from({ length: 10 }, () => authenticate(request(p.headers))));
    expect((await lastUsed(p.tokenId))?.getTime()).toBe(first?.getTime());
  });

  it("is recorded again once the last recorded use is a minute old", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    const aMinuteAgo = new Date(Date.now() - 61_000);
    await db().apiToken.update({ where: { id: p.tokenId }, data: { lastUsedAt: aMinuteAgo } });
    const before = Date.now();
    await authenticate(request(p.headers));
    expect((await lastUsed(p.tokenId))?.getTime()).toBeGreaterThanOrEqual(before);

    const recent = new Date(Date.now() - 30_000);
    await db().apiToken.update({ where: { id: p.tokenId }, data: { lastUsedAt: recent } });
    await authenticate(request(p.headers));
    expect((await lastUsed(p.tokenId))?.getTime()).toBe(recent.getTime());
  });
});
