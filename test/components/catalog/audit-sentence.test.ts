// The history as sentences: who did what, and what changed before → after — never the raw action code, except for an
// action the portal does not know yet.
import { describe, expect, it } from "vitest";
import { auditSentence, thresholdChanges } from "@/components/catalog/audit-sentence";

const cpu = {
  metric: "cpu-utilisation",
  role: "data",
  family: "cassandra",
  comparison: "above",
  warning: 60,
  critical: 80,
  unit: "percent",
  forMinutes: 15,
  description: "",
};
const disk = { ...cpu, metric: "disk-used", warning: 50, critical: 55, forMinutes: 10 };

describe("auditSentence", () => {
  it("says who changed which threshold values, before → after", () => {
    const s = auditSentence({
      action: "datastore.thresholds.updated",
      actor: "user:mo@portal.local",
      detail: {
        before: [cpu, disk],
        after: [
          { ...cpu, critical: 85 },
          { ...disk, warning: undefined, forMinutes: 20 },
        ],
      },
    });
    expect(s.text).toBe("mo@portal.local changed the SLA thresholds.");
    expect(s.changes).toEqual(["cpu-utilisation (data): critical 80 → 85", "disk-used (data): warning 50 → none, for 10 → 20 min"]);
  });

  it("names added and removed thresholds", () => {
    expect(thresholdChanges([cpu], [disk])).toEqual(["disk-used (data): added (warning 50, critical 55, for 10 min)", "cpu-utilisation (data): removed"]);
  });

  it("reads operations, changes and decisions as sentences", () => {
    expect(auditSentence({ action: "operation.queued", actor: "user:rita@portal.local", detail: { kind: "refresh", purpose: "drift" } }).text).toBe(
      "rita@portal.local queued the drift check.",
    );
    expect(auditSentence({ action: "operation.succeeded", actor: "system", detail: { kind: "up", purpose: "provision", summary: { create: 28 } } }).text).toBe(
      "The provisioning succeeded: 28 created.",
    );
    expect(auditSentence({ action: "operation.failed", actor: "system", detail: { kind: "up", purpose: "change", error: "quota exceeded" } }).text).toBe(
      "The rollout of a workload change failed: quota exceeded.",
    );
    expect(auditSentence({ action: "operation.cancelled", actor: "user:mo@portal.local", detail: { kind: "destroy", purpose: "cleanup" } }).text).toBe(
      "The cleanup of partial resources was cancelled by mo@portal.local.",
    );
    const change = auditSentence({
      action: "change.requested",
      actor: "user:mo@portal.local",
      detail: { kind: "update", status: "pending-approval", annualCost: { before: 350276, after: 503007 }, reason: "Launch." },
    });
    expect(change.text).toBe("mo@portal.local asked for a workload change, which waits for a reviewer's approval. “Launch.”");
    expect(change.changes).toEqual(["annual cost $350,276 → $503,007"]);
    expect(auditSentence({ action: "request.approved", actor: "user:rita@portal.local", detail: { chosenRank: 2, thresholdsAdjusted: true } }).text).toBe(
      "rita@portal.local approved the request with plan #2 and adjusted thresholds.",
    );
  });

  it("keeps the code of an action it does not know", () => {
    expect(auditSentence({ action: "something.new", actor: "user:a@b.c", detail: null }).text).toBe("a@b.c: something.new");
  });
});
