// The apply decision: from the file (desired) and what the portal holds (current) to what `dsp apply` does.
import { describe, expect, it } from "vitest";
import { decide, thresholdChanges, workloadChanges, type Current, type CurrentDatastore, type Desired } from "@/cli/apply/decide";
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { DatastoreDetailDto } from "@/lib/schemas/datastore";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Threshold } from "@/lib/schemas/plan";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { WorkloadSchema, type Workload } from "@/lib/schemas/workload";

const workload: Workload = WorkloadSchema.parse({
  name: "playback-history",
  tier: 2,
  accessPattern: "time-series",
  readsPerSecond: 2000,
  writesPerSecond: 8000,
  readItemBytes: 1024,
  writeItemBytes: 512,
  datasetGiB: 300,
  consistency: "read-your-writes",
  durability: "durable",
  regions: ["us-east-1"],
});
const desired = (over: Partial<Desired> = {}): Desired => ({ name: "playback-history", team: "streaming", workload, ...over });
const threshold = (over: Partial<Threshold> = {}): Threshold => ({
  metric: "cpu-utilisation",
  role: "data",
  family: "cassandra",
  comparison: "above",
  warning: 60,
  critical: 80,
  unit: "percent",
  forMinutes: 10,
  description: "CPU",
  ...over,
});

const allowed = { allowed: true };
const denied = (reason: string) => ({ allowed: false, reason });

function request(status: RequestDetailDto["status"], over: Partial<RequestDetailDto> = {}): Current["openRequests"][number] {
  return { request: { id: "req1", status, workload, family: null, version: 3, ...over } as RequestDetailDto, etag: '"v3"' };
}

function op(over: Partial<OperationDto>): OperationDto {
  return {
    id: "op",
    kind: "preview",
    purpose: "provision",
    status: "succeeded",
    actions: { cancel: denied("done"), retry: denied("done"), confirm: allowed },
    ...over,
  } as OperationDto;
}

function datastore(over: Partial<DatastoreDetailDto> = {}, rest: Partial<CurrentDatastore> = {}): Current {
  const detail = {
    id: "ds1",
    name: "playback-history",
    family: "cassandra",
    status: "active",
    tier: 2,
    version: 4,
    thresholds: [threshold()],
    annualCost: 1000,
    ...over,
  };
  return { datastore: { detail: detail as DatastoreDetailDto, etag: '"v4"', workload, openChange: null, operations: [], ...rest }, openRequests: [] };
}

const change = (over: Partial<DatastoreChangeDto>): DatastoreChangeDto =>
  ({
    id: "ch1",
    kind: "update",
    status: "pending-approval",
    workload: { ...workload, readsPerSecond: 4000 },
    approvalReasons: ["the annual cost grows"],
    previewId: "pv1",
    applyOperationId: null,
    ...over,
  }) as DatastoreChangeDto;

describe("dsp apply's decision", () => {
  it("creates and submits a request when there is no datastore and no open request of that name", () => {
    const d = decide(desired(), { datastore: null, openRequests: [] });
    expect(d.outcome).toBe("applied");
    expect(d.actions).toEqual([{ kind: "create-request" }]);
  });

  it("does nothing new while a request with the same spec waits for review (waiting, exit 5)", () => {
    const d = decide(desired(), { datastore: null, openRequests: [request("submitted")] });
    expect(d).toMatchObject({ outcome: "waiting-for-review", actions: [], waitFor: { request: "req1" } });
  });

  it("is a conflict when the request under review has another spec, naming what differs", () => {
    const d = decide(desired({ family: "graph" }), { datastore: null, openRequests: [request("submitted")] });
    expect(d.outcome).toBe("conflict");
    expect(d.notes.join(" ")).toContain("family");
    expect(d.notes.join(" ")).toContain("dsp requests cancel req1");
  });

  it("edits a request sent back (If-Match on its ETag) and submits it again; a draft with the same spec is only submitted", () => {
    const changed = decide(desired({ workload: { ...workload, readsPerSecond: 3000 } }), { datastore: null, openRequests: [request("changes-requested")] });
    expect(changed.actions).toEqual([
      { kind: "edit-request", requestId: "req1", etag: '"v3"', changes: [{ field: "workload.readsPerSecond", before: 2000, after: 3000 }] },
      { kind: "submit-request", requestId: "req1" },
    ]);
    expect(decide(desired(), { datastore: null, openRequests: [request("draft")] }).actions).toEqual([{ kind: "submit-request", requestId: "req1" }]);
  });

  it("says unchanged when the active datastore matches the file (idempotent)", () => {
    expect(decide(desired(), datastore())).toMatchObject({ outcome: "unchanged", actions: [] });
    // Thresholds left out of the file are the datastore's own: still unchanged.
    expect(decide(desired({ thresholds: undefined }), datastore({ thresholds: [threshold(), threshold({ metric: "disk-used" })] })).outcome).toBe("unchanged");
    // The same thresholds in another order, with keys in another order: unchanged.
    const { description, ...rest } = threshold();
    expect(decide(desired({ thresholds: [{ description, ...rest }] }), datastore()).outcome).toBe("unchanged");
  });

  it("opens a day-2 change when the active datastore's workload differs", () => {
    const d = decide(desired({ workload: { ...workload, readsPerSecond: 4000, datasetGiB: 500 } }), datastore());
    expect(d.outcome).toBe("applied");
    expect(d.actions).toEqual([
      {
        kind: "open-change",
        datastoreId: "ds1",
        changes: [
          { field: "workload.datasetGiB", before: 300, after: 500 },
          { field: "workload.readsPerSecond", before: 2000, after: 4000 },
        ],
      },
    ]);
  });

  it("replaces the thresholds with the ETag read when they differ, before any change", () => {
    const wanted = [threshold({ critical: 90 })];
    expect(decide(desired({ thresholds: wanted }), datastore()).actions).toEqual([
      { kind: "update-thresholds", datastoreId: "ds1", etag: '"v4"', changes: ["cpu-utilisation on data: changed"] },
    ]);
    const both = decide(desired({ thresholds: wanted, workload: { ...workload, readsPerSecond: 4000 } }), datastore());
    expect(both.actions.map((a) => a.kind)).toEqual(["update-thresholds", "open-change"]);
  });

  it("waits for a reviewer on an open change with the same workload, and refuses a second change", () => {
    const same = decide(desired({ workload: { ...workload, readsPerSecond: 4000 } }), datastore({}, { openChange: change({}) }));
    expect(same).toMatchObject({ outcome: "waiting-for-review", actions: [], waitFor: { change: "ch1", datastoreId: "ds1" } });
    const other = decide(desired({ workload: { ...workload, readsPerSecond: 9000 } }), datastore({}, { openChange: change({}) }));
    expect(other.outcome).toBe("conflict");
  });

  it("confirms an approved change's succeeded preview, and follows its up once queued", () => {
    const wanted = desired({ workload: { ...workload, readsPerSecond: 4000 } });
    const approved = change({ status: "approved" });
    expect(decide(wanted, datastore({}, { openChange: approved, operations: [op({ id: "pv1", purpose: "change" })] })).actions).toEqual([
      { kind: "confirm-preview", datastoreId: "ds1", previewId: "pv1" },
    ]);
    const applying = decide(wanted, datastore({}, { openChange: change({ status: "approved", applyOperationId: "up1" }) }));
    expect(applying).toMatchObject({ outcome: "in-progress", waitFor: { operation: "up1" } });
  });

  it("refuses to change the family or the tier in place (conflict)", () => {
    expect(decide(desired({ family: "evcache" }), datastore()).outcome).toBe("conflict");
    expect(decide(desired({ workload: { ...workload, tier: 1 } }), datastore()).outcome).toBe("conflict");
  });

  it("provisions an approved datastore: confirms its succeeded preview, follows a running one, or previews again", () => {
    const approved = (operations: OperationDto[]) => datastore({ status: "approved" }, { operations });
    expect(decide(desired(), approved([op({ id: "pv" })])).actions).toEqual([{ kind: "confirm-preview", datastoreId: "ds1", previewId: "pv" }]);
    expect(decide(desired(), approved([op({ id: "pv", status: "running" })]))).toMatchObject({ outcome: "in-progress", waitFor: { operation: "pv" } });
    expect(decide(desired(), approved([op({ id: "up", kind: "up", status: "queued" }), op({ id: "pv" })]))).toMatchObject({
      outcome: "in-progress",
      waitFor: { operation: "up" },
    });
    expect(
      decide(
        desired(),
        approved([
          op({ id: "pv", actions: { cancel: allowed, retry: allowed, confirm: denied("stale"), approve: denied("The operation needs no approval.") } }),
        ]),
      ).actions,
    ).toEqual([{ kind: "queue-preview", datastoreId: "ds1" }]);
    expect(decide(desired(), approved([])).actions).toEqual([{ kind: "queue-preview", datastoreId: "ds1" }]);
  });

  it("reports a failed provisioning (exit 1) and a decommissioned name (conflict)", () => {
    expect(decide(desired(), datastore({ status: "failed" })).outcome).toBe("failed");
    expect(decide(desired(), datastore({ status: "decommissioned" })).outcome).toBe("conflict");
  });
});

describe("comparing workloads and thresholds", () => {
  it("ignores the name and key order, and names each field that differs", () => {
    expect(workloadChanges(workload, { ...workload, name: "other" })).toEqual([]);
    expect(workloadChanges(workload, { ...workload, regions: ["us-east-1", "eu-west-1"] })).toEqual([
      { field: "workload.regions", before: ["us-east-1"], after: ["us-east-1", "eu-west-1"] },
    ]);
  });

  it("lists thresholds added, changed and removed by metric and role", () => {
    expect(
      thresholdChanges([threshold(), threshold({ metric: "disk-used" })], [threshold({ critical: 85 }), threshold({ metric: "read-latency-p99", unit: "ms" })]),
    ).toEqual(["cpu-utilisation on data: changed", "read-latency-p99 on data: added", "disk-used on data: removed"]);
  });
});
