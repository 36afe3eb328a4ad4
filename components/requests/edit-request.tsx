"use client";
// Editing a draft (or a request sent back): the wizard, filled with the request and its ETag.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { requestQuery } from "@/lib/query/requests";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { RequestWizard } from "./request-wizard";

export function EditRequest({ id }: { id: string }) {
  const query = useQuery({ ...requestQuery(id), staleTime: Infinity });
  if (query.isPending) return <Loading label="Loading the request…" rows={5} />;
  if (query.isError)
    return <ErrorState title="Could not load this request." message={errorMessage(query.error)} error={query.error} onRetry={() => void query.refetch()} />;
  const { data: request, etag } = query.data;
  if (!request.actions.edit.allowed) {
    return (
      <div className="callout callout--warning" role="status" data-testid="edit-denied">
        {request.actions.edit.reason} <Link href={`/requests/${id}`}>Back to the request</Link>
      </div>
    );
  }
  return <RequestWizard existing={{ request, etag }} />;
}
