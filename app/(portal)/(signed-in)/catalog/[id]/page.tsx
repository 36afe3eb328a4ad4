import type { Metadata } from "next";
import { DatastoreDetail } from "@/components/catalog/datastore-detail";
import { Prefetched } from "../../prefetch";
import { prefetchDatastore } from "../../prefetch-fills";
import { requireActor } from "../../require-actor";

export const metadata: Metadata = { title: "Datastore" };

export default async function DatastorePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/catalog/${id}`);
  return (
    <Prefetched actor={actor} fills={[prefetchDatastore(id)]}>
      <DatastoreDetail id={id} />
    </Prefetched>
  );
}
