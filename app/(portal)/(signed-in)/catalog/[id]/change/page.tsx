import type { Metadata } from "next";
import { ChangeWorkload } from "@/components/provisioning/change-workload";
import { Prefetched } from "../../../prefetch";
import { prefetchDatastore } from "../../../prefetch-fills";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Change workload" };

export default async function ChangeWorkloadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { id } = await params;
  // ?from=replan / ?from=modernise: the capacity tab's proposals open this page prefilled.
  const { from } = await searchParams;
  const origin = from === "replan" || from === "modernise" ? from : undefined;
  const actor = await requireActor(`/catalog/${id}/change`);
  return (
    <Prefetched actor={actor} fills={[prefetchDatastore(id)]}>
      <div className="page">
        <div className="page-head">
          <h1>Change workload</h1>
          <p className="lead">Edit the workload; the plan updates as you type. The change is previewed, approved when it grows, then provisioned.</p>
        </div>
        <ChangeWorkload id={id} from={origin} />
      </div>
    </Prefetched>
  );
}
