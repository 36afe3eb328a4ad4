"use client";
// API tokens for automation: create one (its secret is shown this once, with a copy button), see them all with
// their status and last use, and revoke those no longer needed.
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateTokenBodyInput } from "@/lib/schemas/access";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { meQuery } from "@/lib/query/me";
import { createToken, revokeToken, tokenKeys, tokensQuery } from "@/lib/query/tokens";
import type { CreatedToken } from "@/lib/query/types";
import { formatDate, formatDateTime } from "@/components/ui/dates";
import { Field } from "@/components/ui/field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { SecretOnce } from "@/components/ui/secret-once";
import { TeamField } from "@/components/ui/team-field";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

interface Values {
  name: string;
  teamId: string;
  role: "member" | "reviewer";
  platformReviewer: boolean;
  expiresInDays: string;
}

export function TokensPage() {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <div className="two-col">
      <div className="stack">
        {created ? (
          <SecretOnce title="Copy your new token now" secret={created.secret} testId="token-secret" onDone={() => setCreated(null)}>
            <strong>{created.name}</strong> — this is the only time the portal shows it. Store it in your secret manager.
          </SecretOnce>
        ) : null}
        <TokenList />
      </div>
      <CreateTokenForm onCreated={setCreated} />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
  const ids = { name: useId(), team: useId(), role: useId(), days: useId(), platform: useId() };
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const teams = me.data?.teams ?? [];
  const firstTeamId = teams[0]?.id ?? "";
  const { register, handleSubmit, setError, reset, getValues, setValue, formState } = useForm<Values>({
    defaultValues: { name: "", teamId: firstTeamId, role: "member", platformReviewer: false, expiresInDays: "90" },
  });
  // /me may arrive after the first render (the header asks for it before the page's prefetch is hydrated): preselect
  // the first team then, or the select shows a team while the form holds none and refuses with "pick a team".
  useEffect(() => {
    if (firstTeamId && !getValues("teamId")) setValue("teamId", firstTeamId);
  }, [firstTeamId, getValues, setValue]);
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    const body: CreateTokenBodyInput = {
      name: v.name,
      teamId: v.teamId,
      role: v.role,
      platformReviewer: v.platformReviewer,
      expiresInDays: Number(v.expiresInDays),
    };
    try {
      const token = await createToken(body);
      onCreated(token);
      reset({ ...v, name: "" });
      await queryClient.invalidateQueries({ queryKey: tokenKeys.all });
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) {
        const known = { name: "name", teamId: "teamId", role: "role", platformReviewer: "platformReviewer", expiresInDays: "expiresInDays" } as const;
        for (const e of error.fieldErrors) {
          const f = known[e.field as keyof typeof known];
          if (f) setError(f, { type: "server", message: e.message });
        }
        setFailure(error.detail);
      } else setFailure(errorMessage(error));
    }
  });

  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-token-title">
      <div className="card-head">
        <h2 id="new-token-title">New token</h2>
        <p className="muted">
          Tokens act for you within one team and role. Send it as <code>Authorization: Bearer …</code>.
        </p>
      </div>
      <Field id={ids.name} name="name" label="Name" hint="What uses it, e.g. ci-pipeline." error={errors.name?.message}>
        <input
          id={ids.name}
          className="input"
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          {...register("name", { required: "is required" })}
        />
      </Field>
      <TeamField id={ids.team} teams={teams} error={errors.teamId?.message} registration={register("teamId", { required: "pick a team" })} />
      <div className="form-row">
        <Field id={ids.role} name="role" label="Role" error={errors.role?.message}>
          <select id={ids.role} className="input" {...register("role")}>
            <option value="member">member</option>
            <option value="reviewer">reviewer</option>
          </select>
        </Field>
        <Field id={ids.days} name="expiresInDays" label="Expires in (days)" error={errors.expiresInDays?.message}>
          <input id={ids.days} className="input" inputMode="numeric" aria-invalid={errors.expiresInDays ? true : undefined} {...register("expiresInDays")} />
        </Field>
      </div>
      {me.data?.platformReviewer ? (
        <div className="check">
          <input id={ids.platform} type="checkbox" {...register("platformReviewer")} />
          <label htmlFor={ids.platform}>Review every team&apos;s requests (your platform-reviewer grant)</label>
        </div>
      ) : null}
      {failure ? (
        <div className="callout callout--danger" role="alert">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting || teams.length === 0}>
          {isSubmitting ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

function TokenList() {
  const q = useQuery(tokensQuery());
  const queryClient = useQueryClient();
  const revoke = useMutation({ mutationFn: revokeToken, onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }) });
  return (
    <section className="card" aria-labelledby="tokens-title">
      <div className="card-head">
        <h2 id="tokens-title">Your tokens</h2>
      </div>
      {revoke.isError ? <ErrorState title="Could not revoke." message={errorMessage(revoke.error)} /> : null}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState title="No tokens yet.">Create one to call the API from scripts and CI.</EmptyState>
      ) : (
        <TableScroll label={"API tokens"}>
          <table className="table" data-testid="token-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Team · role</th>
                <th scope="col">Prefix</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {q.data.map((t) => (
                <tr key={t.id} data-testid="token-row" data-name={t.name}>
                  <td>
                    <strong>{t.name}</strong>
                  </td>
                  <td>
                    {t.team.name} · {t.role}
                    {t.platformReviewer ? " · every team" : ""}
                  </td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td className="small">{formatDate(t.expiresAt)}</td>
                  <td className="small">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">never</span>}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>
                    {t.status === "active" ? (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke "${t.name}"? Anything using it stops working.`)) revoke.mutate(t.id);
                        }}
                      >
                        Revoke
                      </button>
                    ) : null}
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
