// How the campaign page reads a datastore's step as progress along the path, and a campaign's one-line summary.
import { describe, expect, it } from "vitest";
import type { CampaignGate } from "@/lib/schemas/campaign";
import { campaignProgressText, p99RegressionCheck, PIPELINE, stageStates } from "@/components/upgrades/campaign-progress";

const failedGate: CampaignGate = {
  verdict: "fail",
  reasons: ["read p99 regressed 900% (limit 10%)"],
  checks: [],
  ops: [],
  maxRegressionPct: 10,
  alarms: [],
  synthetic: false,
  at: "2026-12-03T23:00:00.000Z",
};

describe("stage states", () => {
  it("marks the stages before the current step done and the step itself current", () => {
    expect(stageStates({ step: "validation", gate: null })).toEqual({
      preview: "done",
      baseline: "done",
      canary: "done",
      validation: "current",
      gate: "todo",
      rollout: "todo",
      done: "todo",
    });
  });

  it("marks every stage done once the upgrade is done", () => {
    expect(Object.values(stageStates({ step: "done", gate: null }))).toEqual(PIPELINE.map(() => "done"));
  });

  it("shows a rolled-back canary as failed at the gate, with what came before it done", () => {
    for (const step of ["rolling-back", "rolled-back"] as const) {
      const s = stageStates({ step, gate: failedGate });
      expect(s.gate).toBe("failed");
      expect([s.preview, s.baseline, s.canary, s.validation]).toEqual(["done", "done", "done", "done"]);
      expect([s.rollout, s.done]).toEqual(["todo", "todo"]);
    }
  });

  it("marks nothing for targets not started, waiting for review or skipped, nor for a failure it cannot place", () => {
    for (const step of ["pending", "waiting-review", "skipped", "failed"] as const)
      expect(
        Object.values(stageStates({ step, gate: null })).every((v) => v === "todo"),
        step,
      ).toBe(true);
    expect(stageStates({ step: "failed", gate: failedGate }).gate).toBe("failed");
  });
});

describe("campaign progress text", () => {
  const counts = { total: 3, done: 1, rolledBack: 1, failed: 0, skipped: 0, pending: 1 };

  it("counts what is upgraded and names what went wrong, and what runs now", () => {
    expect(campaignProgressText({ counts, current: { targetId: "t", datastoreName: "camp-c", step: "waiting-review" } })).toBe(
      "1 of 3 upgraded · 1 rolled back · now: camp-c (waiting for review)",
    );
  });

  it("leaves out counts that are zero", () => {
    expect(campaignProgressText({ counts: { ...counts, done: 0, rolledBack: 0, pending: 3 }, current: null })).toBe("0 of 3 upgraded");
  });
});

describe("the gate's p99 regression per operation", () => {
  // What compareRuns names its checks: "<reads|writes> <percentile> regression".
  const check = (name: string, ok: boolean) => ({ name, ok, detail: "" });

  it("is the gate's p99 check of the operation when the gate held p99 to the bound (a cluster)", () => {
    const g = { checks: [check("reads p50 regression", true), check("reads p99 regression", false), check("writes p99 regression", true)] };
    expect(p99RegressionCheck(g, "read")).toMatchObject({ ok: false });
    expect(p99RegressionCheck(g, "write")).toMatchObject({ ok: true });
  });

  it("is none when only the median was gated (a local stand-in), so a p99 change is not shown as the failure", () => {
    const g = { checks: [check("reads p50 regression", true), check("writes p50 regression", true), check("error rate", true)] };
    expect(p99RegressionCheck(g, "read")).toBeUndefined();
    expect(p99RegressionCheck(g, "write")).toBeUndefined();
  });
});
