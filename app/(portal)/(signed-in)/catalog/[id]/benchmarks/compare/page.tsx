import type { Metadata } from "next";
import { BenchmarkCompareView } from "@/components/benchmarks/benchmark-compare-view";
import { Prefetched } from "../../../../prefetch";
import { requireActor } from "../../../../require-actor";

export const metadata: Metadata = { title: "Compare benchmark runs" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function CompareBenchmarksPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ baseline?: string | string[]; candidate?: string | string[]; maxRegressionPct?: string | string[] }>;
}) {
  const { id } = await params;
  const q = await searchParams;
  const baseline = one(q.baseline);
  const candidate = one(q.candidate);
  // A figure that is not a number goes to the API as NaN, whose 422 names the field beside its input.
  const max = one(q.maxRegressionPct).trim();
  const actor = await requireActor(`/catalog/${id}/benchmarks/compare?baseline=${encodeURIComponent(baseline)}&candidate=${encodeURIComponent(candidate)}`);
  return (
    <Prefetched actor={actor} fills={[]}>
      <BenchmarkCompareView datastoreId={id} baseline={baseline} candidate={candidate} maxRegressionPct={max === "" ? undefined : Number(max)} />
    </Prefetched>
  );
}
