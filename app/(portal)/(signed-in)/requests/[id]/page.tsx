import type { Metadata } from "next";
import { RequestDetail } from "@/components/requests/request-detail";
import { Prefetched } from "../../prefetch";
import { prefetchRequest } from "../../prefetch-fills";
import { requireActor } from "../../require-actor";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/requests/${id}`);
  return (
    <Prefetched actor={actor} fills={[prefetchRequest(id)]}>
      <RequestDetail id={id} />
    </Prefetched>
  );
}
