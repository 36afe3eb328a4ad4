import type { Metadata } from "next";
import { EditRequest } from "@/components/requests/edit-request";
import { Prefetched } from "../../../prefetch";
import { prefetchRequest } from "../../../prefetch-fills";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Edit request" };

export default async function EditRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/requests/${id}/edit`);
  return (
    <Prefetched actor={actor} fills={[prefetchRequest(id)]}>
      <div className="page">
        <div className="page-head">
          <h1>Edit request</h1>
          <p className="lead">Change the workload; the plan updates as you type. Submitting re-plans on the server.</p>
        </div>
        <EditRequest id={id} />
      </div>
    </Prefetched>
  );
}
