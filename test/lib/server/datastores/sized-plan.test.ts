// The plan a datastore was sized by: its request's chosen plan until a workload change is applied, then that
// change's plan (stored under `plan` beside the shape before) — what the simulated metrics and the runway read.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { sizedPlanOf } from "@/lib/server/datastores/sized-plan";
import { makeTeam } from "../../../support/actors";
import { makeDatastore } from "../../../support/datastores";

const plans = (tag: string) => ({
  plans: [
    { rank: 1, clusters: [{ role: "data", tag: `${tag}-1` }] },
    { rank: 2, clusters: [{ role: "data", tag: `${tag}-2` }] },
  ],
});

describe("sizedPlanOf", () => {
  it("reads the request's chosen plan, then the applied change's plan and workload once there is one", async () => {
    const team = await makeTeam();
    const ds = await makeDatastore({ teamId: team.id });
    await db().request.update({ where: { id: ds.requestId }, data: { planResult: plans("request"), chosenRank: 2 } });
    expect(await sizedPlanOf(db(), ds)).toMatchObject({ clusters: [{ tag: "request-2" }], workload: { name: ds.name } });

    const base = { datastoreId: ds.id, kind: "update", requestedBy: "user:mo@portal.local", approvalReasons: [], needsApproval: false };
    // A change not applied yet does not count.
    await db().datastoreChange.create({
      data: { ...base, status: "pending-approval", workload: { name: "pending" }, planResult: { before: {}, plan: plans("pending") } },
    });
    expect((await sizedPlanOf(db(), ds)).clusters).toEqual([{ role: "data", tag: "request-2" }]);

    await db().datastoreChange.create({ data: { ...base, status: "applied", workload: { name: "grown" }, planResult: { before: {}, plan: plans("change") } } });
    expect(await sizedPlanOf(db(), ds)).toEqual({ clusters: [{ role: "data", tag: "change-1" }], workload: { name: "grown" } });
  });
});
