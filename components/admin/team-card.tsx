"use client";
// One team's members: change a member's role, remove a member, add a person with a role.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { TEAM_ROLES } from "@/lib/schemas/access";
import { errorMessage } from "@/lib/query/api";
import { addMember, changeMemberRole, removeMember } from "@/lib/query/admin";
import type { AdminUserDto, TeamDto, TeamRole } from "@/lib/query/types";
import { TableScroll } from "@/components/ui/table-scroll";
import { TeamPolicyForm } from "./team-policy-form";
import { useInvalidateAdmin } from "./use-invalidate-admin";

export function TeamCard({ team, users }: { team: TeamDto; users: readonly AdminUserDto[] }) {
  const invalidate = useInvalidateAdmin();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const change = useMutation({ mutationFn: (v: { userId: string; role: TeamRole }) => changeMemberRole(team.id, v.userId, v.role), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: (uid: string) => removeMember(team.id, uid), onSuccess: invalidate });
  const add = useMutation({
    mutationFn: () => addMember(team.id, userId, role),
    onSuccess: async () => {
      setUserId("");
      await invalidate();
    },
  });
  const error = change.error ?? remove.error ?? add.error;
  const outside = users.filter((u) => !team.members.some((m) => m.userId === u.id));
  return (
    <div className="companion team-card" data-testid="team-card" data-team={team.slug}>
      <p>
        <strong>{team.name}</strong> <code className="muted">{team.slug}</code>
      </p>
      {team.members.length === 0 ? (
        <p className="muted small">No members yet.</p>
      ) : (
        <TableScroll label={`Members of ${team.name}`}>
          <table className="table">
            <tbody>
              {team.members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.user.name} <span className="muted small">{m.user.email}</span>
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label={`Role of ${m.user.name} in ${team.name}`}
                      value={m.role}
                      onChange={(e) => change.mutate({ userId: m.userId, role: e.target.value as TeamRole })}
                    >
                      {TEAM_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" className="button button--small button--danger" onClick={() => remove.mutate(m.userId)} disabled={remove.isPending}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="team-add">
        <select className="input" aria-label={`Person to add to ${team.name}`} value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Add a person…</option>
          {outside.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </select>
        <select className="input" aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
          {TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={!userId || add.isPending} onClick={() => add.mutate()}>
          Add
        </button>
      </div>
      {error ? <p className="field-error">{errorMessage(error)}</p> : null}
      <TeamPolicyForm team={team} />
    </div>
  );
}
