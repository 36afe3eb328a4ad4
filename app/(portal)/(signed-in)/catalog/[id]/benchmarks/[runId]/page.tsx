import type { Metadata } from "next";
import { BenchmarkRunView } from "@/components/benchmarks/benchmark-run-view";
import { Prefetched } from "../../../../prefetch";
import { prefetchDatastore } from "../../../../prefetch-fills";
import { requireActor } from "../../../../require-actor";

export const metadata: Metadata = { title: "Benchmark run" };

export default async function BenchmarkRunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  const actor = await requireActor(`/catalog/${id}/benchmarks/${runId}`);
  return (
    <Prefetched actor={actor} fills={[prefetchDatastore(id)]}>
      <BenchmarkRunView datastoreId={id} runId={runId} />
    </Prefetched>
  );
}
