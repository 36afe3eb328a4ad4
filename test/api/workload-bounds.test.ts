// Absurd inputs get a 422 naming the field and the bound (issue 8 §2), and rows stored before the bounds existed —
// drafts with such values, plans pinned by the planner of the time — still read, edit and submit.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as planRoute } from "@/app/api/v1/plans/route";
import { POST as recommendRoute } from "@/app/api/v1/recommendations/route";
import { db } from "@/lib/server/db/client";
import { PlanResultSchema, RecommendationResultSchema } from "@/lib/schemas";
import { callerHeaders } from "../support/actors";
import { api, draft, json, makeWorld, submitted } from "../support/requests";
import { expectProblem, jsonRequest, viewingHistory } from "./support";

const plan = async (body: unknown) => planRoute(jsonRequest("/api/v1/plans", body, { headers: await callerHeaders() }));
const recommendations = async (body: unknown) => recommendRoute(jsonRequest("/api/v1/recommendations", body, { headers: await callerHeaders() }));

/** Requests pinned by the planner before issue 8 (commit 3aec020): workloads, recommendations and plan results. */
const stored = JSON.parse(readFileSync(new URL("../support/fixtures/stored-plans-3aec020.json", import.meta.url), "utf8")) as {
  requests: { workload: Record<string, unknown>; recommendation: unknown; planResult: unknown }[];
};

describe("POST /api/v1/plans and /recommendations with absurd numbers", () => {
  it("answers 422 naming growthGiBPerMonth and its bound for growth of 1e308 GiB a month", async () => {
    const problem = await expectProblem(await plan({ workload: { ...viewingHistory, growthGiBPerMonth: 1e308 } }), 422);
    const e = problem.errors?.find((x) => x.field === "workload.growthGiBPerMonth");
    expect(e?.message).toMatch(/10 PiB/);
  });

  it("answers 422 naming readsPerSecond and 10⁹ for two billion reads a second", async () => {
    const problem = await expectProblem(await plan({ workload: { ...viewingHistory, readsPerSecond: 2e9 } }), 422);
    expect(problem.errors?.find((x) => x.field === "workload.readsPerSecond")?.message).toMatch(/1,000,000,000/);
    const rec = await expectProblem(await recommendations({ ...viewingHistory, datasetGiB: { low: 1, mid: 2, high: 1e12 } }), 422);
    expect(rec.errors?.find((x) => x.field === "datasetGiB.high")?.message).toMatch(/10 PiB/);
  });
});

describe("rows stored before the bounds", () => {
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("a draft saved with growth 1e308 still reads, is refused on submit with a 422 naming the field, and submits once fixed", async () => {
    const d = await draft(w.member, w.team.id, "vh-absurd");
    await db().request.update({
      where: { id: d.id },
      data: { workload: { ...viewingHistory, name: "vh-absurd", growthGiBPerMonth: 1e308, horizonMonths: 12 } },
    });
    const read = await json(await api.get(w.member, d.id), 200);
    expect(read.workload.growthGiBPerMonth).toBe(1e308);
    const problem = await expectProblem(await api.submit(w.member, d.id), 422);
    expect(problem.errors?.find((e) => e.field === "workload.growthGiBPerMonth")?.message).toMatch(/10 PiB/);
    expect((await db().request.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("draft");
    const fixed = await json(
      await api.patch(w.member, d.id, { workload: { ...viewingHistory, name: "vh-absurd", growthGiBPerMonth: 200 } }, { "if-match": `"v${read.version}"` }),
      200,
    );
    const sent = await json(await api.submit(w.member, d.id, undefined, { "if-match": `"v${fixed.version}"` }), 200);
    expect(sent.status).toBe("submitted");
  });

  it.each(stored.requests.map((r, i) => [r.workload.name as string, i] as const))(
    "a request pinned by the old planner (%s) still reads and can be approved",
    async (_name, i) => {
      const old = stored.requests[i]!;
      expect(PlanResultSchema.safeParse(old.planResult).success).toBe(true);
      expect(RecommendationResultSchema.safeParse(old.recommendation).success).toBe(true);
      const s = await submitted(w.member, w.team.id, `old-plan-${i}`);
      const pinned = (old.planResult as { plans: { rank: number; thresholds: object[] }[] }).plans[0]!;
      await db().request.update({
        where: { id: s.id },
        data: {
          workload: { ...old.workload, name: `old-plan-${i}` },
          recommendation: old.recommendation as object,
          planResult: old.planResult as object,
          chosenRank: pinned.rank,
          thresholds: pinned.thresholds,
        },
      });
      const read = await json(await api.get(w.reviewer, s.id), 200);
      expect(read.planResult).toEqual(old.planResult);
      const approved = await json(await api.decide(w.reviewer, s.id, { decision: "approved", comment: "Pinned before issue 8." }), 200);
      expect(approved.status).toBe("approved");
    },
  );
});
