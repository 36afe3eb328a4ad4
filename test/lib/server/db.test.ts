import { describe, expect, inject, it } from "vitest";
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
  });

  it("connects to the database DATABASE_URL names, of the kind under test", async () => {
    // The test setup points DATABASE_URL at this file's own copy of the template (SQLite file or PostgreSQL database).
    const kind = inject("dbTemplate").kind;
    expect(databaseTarget.kind).toBe(kind);
    if (kind === "sqlite") {
      const files = await db().$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
      expect(files.find((f) => f.name === "main")?.file).toBe(databaseTarget.file);
      expect(databaseTarget.url).toBe(process.env.DATABASE_URL);
    } else {
      const [row] = await db().$queryRawUnsafe<{ name: string }[]>("SELECT current_database() AS name");
      expect(row?.name).toBe(new URL(process.env.DATABASE_URL ?? "").pathname.slice(1));
    }
  });
});
