// The catalog use-cases called directly, for what tokens cannot be: a portal administrator (a session user).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { getDatastore } from "@/lib/server/datastores/get-datastore";
import { listDatastores } from "@/lib/server/datastores/list-datastores";
import { updateThresholds } from "@/lib/server/datastores/update-thresholds";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/errors";
import { makeTeam } from "../../../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../../../support/datastores";

const portalAdmin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };
const nobody: Actor = { kind: "user", userId: "nobody-1", label: "user:nobody@example.test", isAdmin: false, platformReviewer: false, roles: new Map() };

let id = "";

beforeAll(async () => {
  const team = await makeTeam();
  id = (await makeDatastore({ teamId: team.id })).id;
  await makeDatastore({ teamId: (await makeTeam()).id });
});

describe("catalog use-cases", () => {
  it("let a portal administrator (no team) see and edit every datastore", async () => {
    expect((await listDatastores({ actor: portalAdmin, query: { limit: 20 } })).items).toHaveLength(2);
    expect((await getDatastore({ actor: portalAdmin, id })).id).toBe(id);
    const updated = await updateThresholds({ actor: portalAdmin, id, ifMatch: [1], thresholds: CASSANDRA_THRESHOLDS.slice(0, 1) });
    expect(updated.version).toBe(2);
    expect(await db().auditEvent.count({ where: { subjectId: id, actor: "user:admin@example.test" } })).toBe(1);
  });

  it("show a user without teams nothing, and 404 on read and edit", async () => {
    expect((await listDatastores({ actor: nobody, query: { limit: 20 } })).items).toEqual([]);
    await expect(getDatastore({ actor: nobody, id })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    await expect(updateThresholds({ actor: nobody, id, ifMatch: "*", thresholds: CASSANDRA_THRESHOLDS })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "not_found",
    );
  });
});
