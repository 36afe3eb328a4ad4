// The start form's values: the derived profile round-trips through the form unchanged, edits land on the profile
// fields they name, and bad input is refused with the API's own field paths (where a 422 would put them).
import { describe, expect, it } from "vitest";
import { deriveProfile } from "@/lib/bench/derive-profile";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { DerivedBenchProfile } from "@/lib/schemas/bench-run";
import { WorkloadSchema } from "@/lib/schemas/workload";
import { bodyOf, checkBody, draftOf } from "@/components/benchmarks/bench-form-values";

function derivedFor(id: string): DerivedBenchProfile {
  const useCase = CANONICAL_USE_CASES.find((u) => u.id === id);
  if (!useCase) throw new Error(`no use case ${id}`);
  const d = deriveProfile(WorkloadSchema.parse(useCase.workload), { shareOfFleet: 0.01, durationS: 30 });
  if (!d.ok) throw new Error(d.reason);
  return {
    profile: d.profile,
    notes: d.notes,
    derive: { shareOfFleet: 0.01, maxKeys: 100_000, maxRatePerSecond: 1_000_000, durationS: 30, warmupS: 10, distribution: "zipfian", prefill: true },
    driver: "memcached",
    target: "local-server",
    clusters: [
      { region: "us-east-1", role: "cache" },
      { region: "eu-west-1", role: "cache" },
    ],
  };
}

describe("the benchmark start form's values", () => {
  it("sends the derived profile unchanged when nothing is edited, on the first cluster", () => {
    for (const id of ["cdn-url", "viewing-history", "delayed-queues"]) {
      const derived = derivedFor(id);
      const body = bodyOf(draftOf(derived), derived.profile);
      expect(checkBody(body)).toBeNull();
      expect(body.region).toBe("us-east-1");
      expect(body.role).toBe("cache");
      expect(body.label).toBeUndefined();
      expect(body.profile?.mix.read).toBeCloseTo(derived.profile.mix.read, 6);
      expect(body.profile?.mix.write).toBeCloseTo(derived.profile.mix.write, 6);
      expect({ ...body.profile, mix: undefined }).toEqual({ ...derived.profile, mix: undefined });
    }
  });

  it("puts each edit on the profile field it names, writes being the rest of the reads", () => {
    const derived = derivedFor("cdn-url");
    const draft = {
      ...draftOf(derived),
      label: "  before 1.6.22 ",
      cluster: "eu-west-1|cache",
      readPct: "70",
      keys: "2000",
      distribution: "uniform",
      rate: "400",
      connections: "4",
      durationS: "6",
      warmupS: "1",
      prefill: false,
    };
    const body = bodyOf(draft, derived.profile);
    expect(checkBody(body)).toBeNull();
    expect(body).toMatchObject({
      region: "eu-west-1",
      role: "cache",
      label: "before 1.6.22",
      profile: { keySpace: { count: 2000, distribution: "uniform" }, rate: 400, connections: 4, durationS: 6, warmupS: 1, prefill: false },
    });
    expect(body.profile?.mix.read).toBe(0.7);
    expect(body.profile?.mix.write).toBeCloseTo(0.3, 9);
    expect(bodyOf({ ...draft, unbounded: true }, derived.profile).profile?.rate).toBe("unbounded");
  });

  it("refuses bad input with the field paths the API names", () => {
    const derived = derivedFor("cdn-url");
    const draft = draftOf(derived);
    expect(Object.keys(checkBody(bodyOf({ ...draft, keys: "0" }, derived.profile)) ?? {})).toEqual(["profile.keySpace.count"]);
    expect(checkBody(bodyOf({ ...draft, keys: "" }, derived.profile))?.["profile.keySpace.count"]).toBeDefined();
    expect(Object.keys(checkBody(bodyOf({ ...draft, readPct: "120" }, derived.profile)) ?? {})).toContain("profile.mix.read");
    expect(Object.keys(checkBody(bodyOf({ ...draft, durationS: "1.5" }, derived.profile)) ?? {})).toEqual(["profile.durationS"]);
    expect(Object.keys(checkBody(bodyOf({ ...draft, connections: "5000" }, derived.profile)) ?? {})).toEqual(["profile.connections"]);
    expect(Object.keys(checkBody(bodyOf({ ...draft, label: "x".repeat(121) }, derived.profile)) ?? {})).toEqual(["label"]);
  });
});
