// A token's row, once read, serves the requests of the next second (issue 10, throughput). That must never let a
// revoked token through on the instance that revoked it, and anything changed elsewhere — another instance's
// revocation, a membership taken away — must count within TOKEN_ROW_REUSE_MS.
import { describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/v1/tokens/[id]/route";
import { AppError } from "@/lib/errors";
import { authenticate, TOKEN_ROW_REUSE_MS } from "@/lib/server/auth/authenticate";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam } from "../../../support/actors";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/v1/me", { headers });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the token still authenticates, and with which roles. */
async function outcome(headers: Record<string, string>): Promise<string> {
  try {
    const actor = await authenticate(request(headers));
    return `ok ${[...(actor?.roles.values() ?? [])].join(",")}`;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("a token's row reused between requests", () => {
  it("a token revoked through the API stops working at once, even right after it was used", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    expect(await outcome(p.headers)).toBe("ok member");
    const res = await revokeRoute(jsonRequest("DELETE", `/api/v1/tokens/${p.tokenId}`, p), { params: Promise.resolve({ id: p.tokenId }) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await outcome(p.headers)).toBe("unauthenticated");
  });

  it("a revocation written by another instance stops the token within TOKEN_ROW_REUSE_MS", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    expect(await outcome(p.headers)).toBe("ok member");
    // Another instance's revoke: the row changes in the database, this instance is not told.
    await db().apiToken.update({ where: { id: p.tokenId }, data: { revokedAt: new Date() } });
    await pause(TOKEN_ROW_REUSE_MS + 50);
    expect(await outcome(p.headers)).toBe("unauthenticated");
  });

  it("a creator removed from the team loses the token's access within TOKEN_ROW_REUSE_MS", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "reviewer");
    expect(await outcome(p.headers)).toBe("ok reviewer");
    await db().membership.update({ where: { userId_teamId: { userId: p.userId, teamId: team.id } }, data: { role: "member" } });
    await pause(TOKEN_ROW_REUSE_MS + 50);
    expect(await outcome(p.headers)).toBe("ok member");
    await db().membership.delete({ where: { userId_teamId: { userId: p.userId, teamId: team.id } } });
    await pause(TOKEN_ROW_REUSE_MS + 50);
    expect(await outcome(p.headers)).toBe("unauthenticated");
  });

  it("an expired token is refused at its expiry, whenever its row was read", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    await db().apiToken.update({ where: { id: p.tokenId }, data: { expiresAt: new Date(Date.now() + 300) } });
    expect(await outcome(p.headers)).toBe("ok member");
    await pause(350);
    expect(await outcome(p.headers)).toBe("unauthenticated");
  });
});
