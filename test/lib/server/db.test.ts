import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { db, databaseTarget } from "@/lib/server/db/client";
import { audit } from "@/lib/server/audit";

describe("the database", () => {
  it("is migrated: a team and an audit event round-trip, JSON included", async () => {
    const team = await db().team.create({ data: { slug: "smoke", name: "Smoke" } });
    await db().$transaction(async (tx) => {
      await audit(tx, null, { action: "team.created", subjectType: "team", subjectId: team.id, teamId: team.id, detail: { slug: "smoke", nested: { n: 1 } } });
    });
    const events = await db().auditEvent.findMany({ where: { subjectId: team.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: "system", action: "team.created", detail: { slug: "smoke", nested: { n: 1 } } });
    expect(events[0]?.at).toBeInstanceOf(Date);
  });

  it("rolls back every write of a failed transaction", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.team.create({ data: { slug: "half", name: "Half" } });
        await tx.team.create({ data: { slug: "half", name: "Duplicate slug" } });
      }),
    ).rejects.toThrow();
    expect(await db().team.count({ where: { slug: "half" } })).toBe(0);
  });

  it("keeps the generated schemas in sync with prisma/models.prisma", () => {
    expect(() => execFileSync(process.execPath, ["scripts/prisma-schemas.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
    expect(["sqlite", "postgres"]).toContain(databaseTarget.kind);
  });
});
