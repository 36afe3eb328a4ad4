"use client";
// Administration: people (create, make or unmake admin), teams (create) and memberships (add, change role, remove),
// and the organisation's provisioning settings.
import Link from "next/link";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TEAM_ROLES } from "@/lib/schemas/access";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { addMember, adminKeys, changeMemberRole, createTeam, createUser, removeMember, setAdmin, setPlatformReviewer, teamsQuery, usersQuery } from "@/lib/query/admin";
import { meQuery } from "@/lib/query/me";
import type { AdminUserDto, TeamDto, TeamRole } from "@/lib/query/types";
import { Field } from "@/components/ui/field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { ProvisioningSettings } from "./provisioning-settings";
import { TableScroll } from "@/components/ui/table-scroll";

/** What someone who is not a portal administrator sees instead of the page: why, and who can help. */
export function AdminForbidden() {
  return (
    <div className="callout callout--warning" role="alert" data-testid="admin-forbidden">
      <strong>Administration is only for portal administrators.</strong> Ask one of them to add people to your team or change
      their roles. <Link href="/">Back to the dashboard</Link>
    </div>
  );
}

export function AdminPage() {
  const me = useQuery(meQuery());
  if (me.data && !me.data.isAdmin) return <AdminForbidden />;
  return (
    <div className="stack">
      <div className="two-col">
        <Users />
        <CreateUserForm />
      </div>
      <div className="two-col">
        <Teams />
        <CreateTeamForm />
      </div>
      <ProvisioningSettings />
    </div>
  );
}

function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: adminKeys.users }), queryClient.invalidateQueries({ queryKey: adminKeys.teams })]);
}

function Users() {
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
                  <td className="small">{u.memberships.length > 0 ? u.memberships.map((m) => `${m.teamSlug} · ${m.role}`).join(", ") : <span className="muted">none</span>}</td>
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

function CreateUserForm() {
  const ids = { name: useId(), email: useId(), password: useId(), admin: useId(), platform: useId() };
  const invalidate = useInvalidateAdmin();
  const [result, setResult] = useState<{ email: string; password?: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<{ name: string; email: string; password: string; isAdmin: boolean; platformReviewer: boolean }>({ defaultValues: { name: "", email: "", password: "", isAdmin: false, platformReviewer: false } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    setResult(null);
    try {
      const user = await createUser({ name: v.name, email: v.email, isAdmin: v.isAdmin, platformReviewer: v.platformReviewer, ...(v.password ? { password: v.password } : {}) });
      setResult({ email: user.email, password: user.password });
      reset();
      await invalidate();
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) {
        for (const e of error.fieldErrors) if (e.field === "name" || e.field === "email" || e.field === "password") setError(e.field, { type: "server", message: e.message });
      }
      setFailure(errorMessage(error));
    }
  });
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-user-title">
      <div className="card-head">
        <h2 id="new-user-title">New person</h2>
        <p className="muted">Leave the password empty and the portal generates one, shown once.</p>
      </div>
      <Field id={ids.name} name="name" label="Name" error={errors.name?.message}>
        <input id={ids.name} className="input" aria-invalid={errors.name ? true : undefined} {...register("name", { required: "is required" })} />
      </Field>
      <Field id={ids.email} name="email" label="Email" error={errors.email?.message}>
        <input id={ids.email} className="input" type="email" aria-invalid={errors.email ? true : undefined} {...register("email", { required: "is required" })} />
      </Field>
      <Field id={ids.password} name="password" label="Password" hint="At least 12 characters, or empty." error={errors.password?.message}>
        <input id={ids.password} className="input" type="password" autoComplete="new-password" aria-invalid={errors.password ? true : undefined} {...register("password")} />
      </Field>
      <div className="check">
        <input id={ids.admin} type="checkbox" {...register("isAdmin")} />
        <label htmlFor={ids.admin}>Portal administrator</label>
      </div>
      <div className="check">
        <input id={ids.platform} type="checkbox" {...register("platformReviewer")} />
        <label htmlFor={ids.platform}>Platform reviewer (reviews every team&apos;s requests)</label>
      </div>
      {failure ? <div className="callout callout--danger" role="alert">{failure}</div> : null}
      {result ? (
        <div className="callout callout--info" role="status">
          Created <strong>{result.email}</strong>.{result.password ? <> One-time password: <code>{result.password}</code></> : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create person"}
        </button>
      </div>
    </form>
  );
}

function Teams() {
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

function TeamCard({ team, users }: { team: TeamDto; users: readonly AdminUserDto[] }) {
  const invalidate = useInvalidateAdmin();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const change = useMutation({ mutationFn: (v: { userId: string; role: TeamRole }) => changeMemberRole(team.id, v.userId, v.role), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: (uid: string) => removeMember(team.id, uid), onSuccess: invalidate });
  const add = useMutation({ mutationFn: () => addMember(team.id, userId, role), onSuccess: async () => { setUserId(""); await invalidate(); } });
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
                    <select className="input" aria-label={`Role of ${m.user.name} in ${team.name}`} value={m.role} onChange={(e) => change.mutate({ userId: m.userId, role: e.target.value as TeamRole })}>
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
    </div>
  );
}

function CreateTeamForm() {
  const ids = { slug: useId(), name: useId() };
  const invalidate = useInvalidateAdmin();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<{ slug: string; name: string }>({ defaultValues: { slug: "", name: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await createTeam(v);
      reset();
      await invalidate();
    } catch (error) {
      if (isApiProblem(error)) for (const e of error.fieldErrors) if (e.field === "slug" || e.field === "name") setError(e.field, { type: "server", message: e.message });
      setFailure(errorMessage(error));
    }
  });
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-team-title">
      <div className="card-head">
        <h2 id="new-team-title">New team</h2>
      </div>
      <Field id={ids.name} name="name" label="Name" error={errors.name?.message}>
        <input id={ids.name} className="input" aria-invalid={errors.name ? true : undefined} {...register("name", { required: "is required" })} />
      </Field>
      <Field id={ids.slug} name="slug" label="Slug" hint="Lowercase letters, digits and dashes." error={errors.slug?.message}>
        <input id={ids.slug} className="input" aria-invalid={errors.slug ? true : undefined} {...register("slug", { required: "is required" })} />
      </Field>
      {failure ? <div className="callout callout--danger" role="alert">{failure}</div> : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create team"}
        </button>
      </div>
    </form>
  );
}
