"use client";
// Everyone with an account: their teams, and the switches for platform review and portal administration (never one's
// own admin rights).
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { setAdmin, setPlatformReviewer, usersQuery } from "@/lib/query/admin";
import { meQuery } from "@/lib/query/me";
import type { AdminUserDto } from "@/lib/query/types";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";
import { useInvalidateAdmin } from "./use-invalidate-admin";

export function UserList() {
  const q = useQuery(usersQuery());
  const me = useQuery(meQuery());
  const invalidate = useInvalidateAdmin();
  const toggle = useMutation({ mutationFn: (u: AdminUserDto) => setAdmin(u.id, !u.isAdmin), onSuccess: invalidate });
  const togglePlatform = useMutation({ mutationFn: (u: AdminUserDto) => setPlatformReviewer(u.id, !u.platformReviewer), onSuccess: invalidate });
  return (
    <section className="card" aria-labelledby="users-title">
      <div className="card-head">
        <h2 id="users-title">People</h2>
      </div>
      {toggle.isError ? <ErrorState title="Could not change that." message={errorMessage(toggle.error)} /> : null}
      {togglePlatform.isError ? <ErrorState title="Could not change that." message={errorMessage(togglePlatform.error)} /> : null}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : (
        <TableScroll label={"People"}>
          <table className="table" data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Teams</th>
                <th scope="col">
                  <abbr title="Reviews every team's requests and changes; a reviewer role in a team reviews only that team's">Platform reviewer</abbr>
                </th>
                <th scope="col">Admin</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((u) => (
                <tr key={u.id}>
                  <td>
                    <strong>{u.name}</strong>
                  </td>
                  <td>{u.email}</td>
                  <td className="small">
                    {u.memberships.length > 0 ? u.memberships.map((m) => `${m.teamSlug} · ${m.role}`).join(", ") : <span className="muted">none</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={togglePlatform.isPending}
                      aria-label={`${u.platformReviewer ? "Withdraw platform review from" : "Grant platform review to"} ${u.name}`}
                      onClick={() => togglePlatform.mutate(u)}
                    >
                      {u.platformReviewer ? "Withdraw" : "Grant"}
                    </button>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={`button button--small${u.isAdmin ? " button--danger" : ""}`}
                      disabled={toggle.isPending || u.id === me.data?.user.id}
                      title={u.id === me.data?.user.id ? "You cannot change your own admin rights" : undefined}
                      onClick={() => toggle.mutate(u)}
                    >
                      {u.isAdmin ? "Remove admin" : "Make admin"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
