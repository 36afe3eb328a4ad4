// The start form's values: a derived profile as the form's fields (numbers as typed strings), the API body they make
// (the derived profile with the person's edits), and that body checked by the API's own schema, its errors keyed by
// the field path the API would name (profile.keySpace.count), so the form shows them where a 422 would put them.
import type { BenchProfile, ValueSize } from "@/lib/bench/profile";
import { StartBenchRunBodySchema, type DerivedBenchProfile, type StartBenchRunBody } from "@/lib/schemas/bench-run";

/** The form's values as typed (numbers stay strings until sent, so a half-typed field is not rewritten). */
export interface Draft {
  label: string;
  cluster: string;
  readPct: string;
  keys: string;
  distribution: string;
  valueSize:
    | { kind: "fixed"; bytes: string }
    | { kind: "uniform"; minBytes: string; maxBytes: string }
    | { kind: "weighted"; sizes: { bytes: string; weight: number }[] };
  unbounded: boolean;
  rate: string;
  connections: string;
  durationS: string;
  warmupS: string;
  prefill: boolean;
}

export const str = (n: number) => String(Math.round(n * 1e6) / 1e6);
export const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The form's fields for a derived profile, on `cluster` (default: the first the datastore has). */
export function draftOf(d: DerivedBenchProfile, cluster = d.clusters[0], label = ""): Draft {
  const p = d.profile;
  const first = cluster;
  const v = p.valueSize;
  return {
    label,
    cluster: first ? `${first.region}|${first.role}` : "",
    readPct: str(p.mix.read * 100),
    keys: String(p.keySpace.count),
    distribution: p.keySpace.distribution,
    valueSize:
      v.kind === "fixed"
        ? { kind: "fixed", bytes: String(v.bytes) }
        : v.kind === "uniform"
          ? { kind: "uniform", minBytes: String(v.minBytes), maxBytes: String(v.maxBytes) }
          : { kind: "weighted", sizes: v.sizes.map((s) => ({ bytes: String(s.bytes), weight: s.weight })) },
    unbounded: p.rate === "unbounded",
    rate: p.rate === "unbounded" ? "1000" : str(p.rate),
    connections: String(p.connections),
    durationS: String(p.durationS),
    warmupS: String(p.warmupS),
    prefill: p.prefill,
  };
}

function valueSizeOf(v: Draft["valueSize"]): ValueSize {
  if (v.kind === "fixed") return { kind: "fixed", bytes: num(v.bytes) };
  if (v.kind === "uniform") return { kind: "uniform", minBytes: num(v.minBytes), maxBytes: num(v.maxBytes) };
  return { kind: "weighted", sizes: v.sizes.map((s) => ({ bytes: num(s.bytes), weight: s.weight })) };
}

export function bodyOf(draft: Draft, base: BenchProfile): StartBenchRunBody {
  const [region, role] = draft.cluster.split("|");
  const read = num(draft.readPct) / 100;
  return {
    ...(region ? { region } : {}),
    ...(role ? { role } : {}),
    ...(draft.label.trim() ? { label: draft.label.trim() } : {}),
    profile: {
      ...base,
      mix: { read, write: Number.isFinite(read) ? Math.round((1 - read) * 1e9) / 1e9 : Number.NaN },
      keySpace: { ...base.keySpace, count: num(draft.keys), distribution: draft.distribution as BenchProfile["keySpace"]["distribution"] },
      valueSize: valueSizeOf(draft.valueSize),
      rate: draft.unbounded ? "unbounded" : num(draft.rate),
      connections: num(draft.connections),
      durationS: num(draft.durationS),
      warmupS: num(draft.warmupS),
      prefill: draft.prefill,
    },
  };
}

/** The body's field errors by path (null when it is valid): the same check the API makes. */
export function checkBody(body: StartBenchRunBody): Record<string, string> | null {
  const checked = StartBenchRunBodySchema.safeParse(body);
  if (checked.success) return null;
  return Object.fromEntries(checked.error.issues.map((i) => [i.path.map(String).join("."), i.message]));
}
