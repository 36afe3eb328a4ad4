import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/errors";
import { makePerson, makeTeam } from "../../support/actors";

const req = (headers: Record<string, string>) => new Request("http://localhost/api/v1/x", { headers });

describe("authentication", () => {
  it("returns no actor for a request without credentials", async () => {
    expect(await authenticate(req({}))).toBeNull();
  });

  it("acts for the token's creator, limited to the token's team and role", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "reviewer");
    const actor = await authenticate(req(p.headers));
    expect(actor).toMatchObject({ kind: "token", userId: p.userId, isAdmin: false });
    expect([...actor!.roles]).toEqual([[team.id, "reviewer"]]);
    expect((await db().apiToken.findUnique({ where: { id: p.tokenId } }))?.lastUsedAt).toBeInstanceOf(Date);
  });

  it.each([
    ["a malformed header", { authorization: "Token abc" }],
    ["an unknown token", { authorization: "Bearer dsp_nope" }],
    ["a token without the prefix", { authorization: "Bearer something" }],
  ])("refuses %s with 401", async (_what, headers) => {
    await expect(authenticate(req(headers))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "unauthenticated");
  });

  it("refuses revoked and expired tokens", async () => {
    const team = await makeTeam();
    const revoked = await makePerson(team.id, "member");
    await db().apiToken.update({ where: { id: revoked.tokenId }, data: { revokedAt: new Date() } });
    await expect(authenticate(req(revoked.headers))).rejects.toBeInstanceOf(AppError);
    const expired = await makePerson(team.id, "member");
    await db().apiToken.update({ where: { id: expired.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(authenticate(req(expired.headers))).rejects.toBeInstanceOf(AppError);
  });

  it("never stores the secret itself", async () => {
    const team = await makeTeam();
    const p = await makePerson(team.id, "member");
    const secret = p.headers.authorization!.slice("Bearer ".length);
    const row = await db().apiToken.findUnique({ where: { id: p.tokenId } });
    expect(JSON.stringify(row)).not.toContain(secret);
  });
});
