import { describe, expect, it } from "vitest";
import { POST, PUT } from "@/app/api/v1/recommendations/route";
import { RecommendationResultSchema } from "@/lib/schemas";
import { callerHeaders } from "../support/actors";
import { expectJson, expectProblem, jsonRequest, viewingHistory } from "./support";

const recommend = async (body: unknown) =>
  RecommendationResultSchema.parse(await expectJson(await POST(jsonRequest("/api/v1/recommendations", body, { headers: await callerHeaders() }))));

describe("POST /api/v1/recommendations", () => {
  it("recommends Cassandra for viewing history and explains why", async () => {
    const result = await recommend(viewingHistory);
    expect(result.recommendations[0]?.family).toBe("cassandra");
    expect(result.recommendations[0]?.reasons.length).toBeGreaterThan(0);
    // EVCache accepts best-effort only: it is rejected for read-your-writes, with a reason.
    expect(result.rejected.find((r) => r.family === "evcache")?.reasons.length).toBeGreaterThan(0);
  });

  it("says so, with a 200 and a warning, when no family fits", async () => {
    const result = await recommend({ ...viewingHistory, consistency: "linearizable" });
    expect(result.recommendations).toEqual([]);
    expect(result.warnings.join(" ")).toMatch(/linearizable/);
  });

  it("answers other methods with a 405 problem", async () => {
    await expectProblem(await PUT(jsonRequest("/api/v1/recommendations", viewingHistory, { method: "PUT" })), 405);
  });
});
