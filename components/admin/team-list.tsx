"use client";
// Every team, each with its members.
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { teamsQuery, usersQuery } from "@/lib/query/admin";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { TeamCard } from "./team-card";

export function TeamList() {
  const q = useQuery(teamsQuery());
  const users = useQuery(usersQuery());
  return (
    <section className="card" aria-labelledby="teams-title">
      <div className="card-head">
        <h2 id="teams-title">Teams and members</h2>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState title="No teams yet.">Create the first team with the form beside.</EmptyState>
      ) : (
        <div className="stack">
          {q.data.map((t) => (
            <TeamCard key={t.id} team={t} users={users.data ?? []} />
          ))}
        </div>
      )}
    </section>
  );
}
