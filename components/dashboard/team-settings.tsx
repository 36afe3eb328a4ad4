"use client";
// A team's settings on its admins' dashboard: the maintenance policy, warning channel and upgrade opt-in, shown when
// the server says the caller may change them (the team's `changePolicy` action) — team admins need not be portal
// administrators to reach them.
import { useQuery } from "@tanstack/react-query";
import { teamsQuery } from "@/lib/query/admin";
import { TeamPolicyForm } from "@/components/admin/team-policy-form";

export function TeamSettings({ teamId }: { teamId: string }) {
  const teams = useQuery(teamsQuery());
  const team = teams.data?.find((t) => t.id === teamId);
  if (!team?.actions.changePolicy.allowed) return null;
  const titleId = `team-settings-${team.slug}`;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="team-settings" data-team={team.slug}>
      <div className="card-head">
        <h2 id={titleId}>{team.name} · settings</h2>
        <p className="muted">You are an admin of {team.slug}: its maintenance policy, warning channel and upgrade opt-in.</p>
      </div>
      <TeamPolicyForm team={team} />
    </section>
  );
}
