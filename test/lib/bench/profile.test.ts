import { describe, expect, it } from "vitest";
import { BenchProfileSchema, parseBenchProfile, type BenchProfileInput } from "@/lib/bench/profile";

const valid: BenchProfileInput = {
  mix: { read: 0.9, write: 0.1 },
  keySpace: { count: 10_000, distribution: "zipfian" },
  valueSize: { kind: "fixed", bytes: 512 },
  rate: 2000,
  connections: 8,
  durationS: 30,
};

const errorsOf = (input: unknown) => {
  const r = parseBenchProfile(input);
  if (r.ok) throw new Error("expected the profile to be rejected");
  return r.errors;
};

describe("benchmark profile", () => {
  it("accepts a profile and fills the defaults (warm-up 0, zipf 0.99, timeout 2 s, no prefill, seed 1)", () => {
    const r = parseBenchProfile(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile).toMatchObject({
      name: "benchmark",
      warmupS: 0,
      requestTimeoutMs: 2000,
      prefill: false,
      seed: 1,
      keySpace: { zipfExponent: 0.99, prefix: "bench:" },
    });
  });

  it("takes 'unbounded' as a rate, and value sizes fixed, uniform or weighted", () => {
    expect(parseBenchProfile({ ...valid, rate: "unbounded" }).ok).toBe(true);
    expect(parseBenchProfile({ ...valid, valueSize: { kind: "uniform", minBytes: 10, maxBytes: 100 } }).ok).toBe(true);
    expect(
      parseBenchProfile({
        ...valid,
        valueSize: {
          kind: "weighted",
          sizes: [
            { bytes: 100, weight: 3 },
            { bytes: 4096, weight: 1 },
          ],
        },
      }).ok,
    ).toBe(true);
  });

  it("names the field of each error", () => {
    const errors = errorsOf({ ...valid, connections: 0, keySpace: { count: 1.5, distribution: "gaussian" }, rate: -3, durationS: 0 });
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["connections", "keySpace.count", "keySpace.distribution", "rate", "durationS"]));
    expect(errors.find((e) => e.field === "connections")?.message).toMatch(/from 1 to 1,024/);
    expect(errors.find((e) => e.field === "keySpace.distribution")?.message).toMatch(/uniform or zipfian/);
  });

  it("requires the mix to sum to 1 and says what it sums to", () => {
    const errors = errorsOf({ ...valid, mix: { read: 0.7, write: 0.2 } });
    expect(errors).toEqual([{ field: "mix", message: expect.stringMatching(/sum to 1 \(they sum to 0\.9/) }]);
  });

  it("rejects a uniform size whose maximum is below its minimum, naming maxBytes", () => {
    const errors = errorsOf({ ...valid, valueSize: { kind: "uniform", minBytes: 100, maxBytes: 10 } });
    expect(errors.map((e) => e.field)).toEqual(["valueSize.maxBytes"]);
  });

  it("rejects values over 8 MiB, unknown keys and a prefill of more than ten million keys", () => {
    expect(errorsOf({ ...valid, valueSize: { kind: "fixed", bytes: 9 * 1024 * 1024 } }).map((e) => e.field)).toEqual(["valueSize.bytes"]);
    expect(errorsOf({ ...valid, pipelining: 4 })[0]?.message).toMatch(/pipelining/);
    expect(errorsOf({ ...valid, prefill: true, keySpace: { count: 20_000_000, distribution: "uniform" } }).map((e) => e.field)).toEqual(["prefill"]);
  });

  it("bounds every string a client could send", () => {
    expect(errorsOf({ ...valid, name: "x".repeat(61) }).map((e) => e.field)).toEqual(["name"]);
    expect(errorsOf({ ...valid, keySpace: { count: 1, distribution: "uniform", prefix: "a b" } }).map((e) => e.field)).toEqual(["keySpace.prefix"]);
  });

  it("round-trips through JSON unchanged", () => {
    const p = BenchProfileSchema.parse(valid);
    expect(BenchProfileSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});
