"use client";
// One datastore's page: loads the datastore (and who is looking) and shows it, or says why it cannot.
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoreQuery } from "@/lib/query/datastores";
import { meQuery } from "@/lib/query/me";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { DatastoreDetailView } from "./datastore-detail-view";

export function DatastoreDetail({ id }: { id: string }) {
  const query = useQuery(datastoreQuery(id));
  const me = useQuery(meQuery());
  if (query.isPending) return <Loading label="Loading the datastore…" rows={6} />;
  if (query.isError)
    return (
      <ErrorState
        title="Could not load this datastore."
        message={errorMessage(query.error)}
        error={query.error}
        back={{ href: "/catalog", label: "Back to the catalog" }}
        onRetry={() => void query.refetch()}
      />
    );
  const { data, etag } = query.data;
  return <DatastoreDetailView datastore={data} etag={etag} me={me.data ?? null} />;
}
