"use client";
// Webhooks: a team's subscriptions to portal events. Create one (its signing secret is shown this once, with a copy
// button), see each with its status (enabled, disabled by a person, disabled after failures), change its events,
// rotate its secret, send a test, disable or enable, delete, and open its delivery log to redeliver.
import { useEffect, useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateWebhookBodyInput, WebhookDto, WebhookWithSecret } from "@/lib/schemas/webhook";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { meQuery } from "@/lib/query/me";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook, webhookKeys, webhooksQuery, pingWebhook } from "@/lib/query/webhooks";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDateTime } from "@/components/ui/dates";
import { Field } from "@/components/ui/field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { SecretOnce } from "@/components/ui/secret-once";
import { TeamField } from "@/components/ui/team-field";
import { DeliveryLog } from "./delivery-log";
import { EventPicker } from "./event-picker";

interface Values {
  teamId: string;
  url: string;
  description: string;
  events: string[];
}

export function WebhooksPage() {
  const [secret, setSecret] = useState<{ hook: WebhookWithSecret; rotated: boolean } | null>(null);
  return (
    <div className="two-col">
      <div className="stack">
        {secret ? (
          <SecretOnce
            title={secret.rotated ? "Copy the new signing secret now" : "Copy the signing secret now"}
            secret={secret.hook.secret}
            testId="webhook-secret"
            onDone={() => setSecret(null)}
          >
            For <strong className="webhook-url">{secret.hook.url}</strong> — this is the only time the portal shows it. Verify each delivery with it (see the
            README&apos;s snippet).
          </SecretOnce>
        ) : null}
        <WebhookList onRotated={(hook) => setSecret({ hook, rotated: true })} />
      </div>
      <CreateWebhookForm onCreated={(hook) => setSecret({ hook, rotated: false })} />
    </div>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated: (hook: WebhookWithSecret) => void }) {
  const ids = { team: useId(), url: useId(), description: useId(), events: useId() };
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const teams = me.data?.teams ?? [];
  const firstTeamId = teams[0]?.id ?? "";
  const { register, handleSubmit, setError, reset, getValues, setValue, control, formState } = useForm<Values>({
    defaultValues: { teamId: firstTeamId, url: "", description: "", events: ["request.submitted", "request.approved"] },
  });
  useEffect(() => {
    if (firstTeamId && !getValues("teamId")) setValue("teamId", firstTeamId);
  }, [firstTeamId, getValues, setValue]);
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = formState;
  const events = useWatch({ control, name: "events" });

  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    const body: CreateWebhookBodyInput = {
      teamId: v.teamId,
      url: v.url,
      events: v.events as CreateWebhookBodyInput["events"],
      ...(v.description ? { description: v.description } : {}),
    };
    try {
      const hook = await createWebhook(body);
      onCreated(hook);
      reset({ ...v, url: "", description: "" });
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) {
        for (const e of error.fieldErrors) {
          const field = e.field.split(".")[0];
          if (field === "url" || field === "teamId" || field === "description" || field === "events") setError(field, { type: "server", message: e.message });
        }
        setFailure(error.detail);
      } else setFailure(errorMessage(error));
    }
  });

  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-webhook-title" data-testid="webhook-form">
      <div className="card-head">
        <h2 id="new-webhook-title">New webhook</h2>
        <p className="muted">
          The portal POSTs each event as JSON, signed the{" "}
          <a href="https://www.standardwebhooks.com/" rel="noreferrer">
            Standard Webhooks
          </a>{" "}
          way, and retries for about 15 hours until your endpoint answers 2xx.
        </p>
      </div>
      <TeamField id={ids.team} teams={teams} error={errors.teamId?.message} registration={register("teamId", { required: "pick a team" })} />
      <Field
        id={ids.url}
        name="url"
        label="Endpoint URL"
        hint="https://, reachable from the portal; private addresses are refused."
        error={errors.url?.message}
      >
        <input
          id={ids.url}
          className="input"
          inputMode="url"
          autoComplete="off"
          placeholder="https://ci.example.com/hooks/datastores"
          aria-invalid={errors.url ? true : undefined}
          {...register("url", { required: "is required" })}
        />
      </Field>
      <Field id={ids.description} name="description" label="Description (optional)" error={errors.description?.message}>
        <input id={ids.description} className="input" autoComplete="off" {...register("description")} />
      </Field>
      <EventPicker
        legend="Events"
        selected={events}
        error={errors.events?.message}
        onChange={(next) => setValue("events", next, { shouldValidate: formState.isSubmitted })}
      />
      <input type="hidden" {...register("events", { validate: (v) => v.length > 0 || "pick at least one event" })} />
      {failure ? (
        <div className="callout callout--danger" role="alert">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting || teams.length === 0}>
          {isSubmitting ? "Creating…" : "Create webhook"}
        </button>
      </div>
    </form>
  );
}

function WebhookList({ onRotated }: { onRotated: (hook: WebhookWithSecret) => void }) {
  const q = useQuery(webhooksQuery());
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <div className="card-head">
        <h2 id="webhooks-title">Subscriptions</h2>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState title="No webhooks yet.">Create one to hear about requests, reviews and provisioning as they happen.</EmptyState>
      ) : (
        <ul className="webhook-list">
          {q.data.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} onRotated={onRotated} />
          ))}
        </ul>
      )}
    </section>
  );
}

function statusOf(hook: WebhookDto): { label: string; tone: string } {
  if (hook.enabled) return hook.failureCount > 0 ? { label: `failing (${hook.failureCount})`, tone: "warn" } : { label: "enabled", tone: "ok" };
  return hook.disabledReason === "failures" ? { label: "disabled after failures", tone: "danger" } : { label: "disabled", tone: "neutral" };
}

function WebhookItem({ hook, onRotated }: { hook: WebhookDto; onRotated: (hook: WebhookWithSecret) => void }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [events, setEvents] = useState<string[]>(hook.events);
  const [showLog, setShowLog] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  const save = useMutation({
    mutationFn: () => updateWebhook(hook.id, { events: events as WebhookDto["events"] }),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const toggle = useMutation({ mutationFn: () => updateWebhook(hook.id, { enabled: !hook.enabled }), onSuccess: refresh });
  const rotate = useMutation({
    mutationFn: () => rotateWebhookSecret(hook.id),
    onSuccess: async (rotated) => {
      setConfirm(null);
      onRotated(rotated);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteWebhook(hook.id), onSuccess: refresh });
  const ping = useMutation({
    mutationFn: () => pingWebhook(hook.id),
    onSuccess: async () => {
      setShowLog(true);
      await queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(hook.id) });
    },
  });
  const failed = [save, toggle, rotate, remove, ping].find((m) => m.isError);
  const status = statusOf(hook);

  return (
    <li className="webhook-item" data-testid="webhook-row" data-url={hook.url}>
      <div className="webhook-head">
        <div className="webhook-title">
          <code className="webhook-url">{hook.url}</code>
          <span className="muted small">
            {hook.team.name} · {hook.description ? `${hook.description} · ` : ""}secret <code>{hook.secretPrefix}</code> · created{" "}
            {formatDateTime(hook.createdAt)}
          </span>
        </div>
        <span className={`status status--${status.tone}`} data-testid="webhook-status" data-status={hook.enabled ? "enabled" : "disabled"}>
          {status.label}
        </span>
      </div>
      {!hook.enabled && hook.disabledReason === "failures" ? (
        <div className="callout callout--danger" role="status">
          Disabled {formatDateTime(hook.disabledAt)} after {hook.failureCount} failed delivery attempts in a row. Fix the endpoint, then enable it: deliveries
          that waited go out then.
        </div>
      ) : null}
      {editing ? (
        <div className="webhook-edit">
          <EventPicker legend="Events" selected={events} onChange={setEvents} error={events.length === 0 ? "pick at least one event" : undefined} />
          <div className="actions">
            <button
              type="button"
              className="button button--small button--primary"
              disabled={save.isPending || events.length === 0}
              onClick={() => save.mutate()}
            >
              {save.isPending ? "Saving…" : "Save events"}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setEvents(hook.events);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <ul className="chips webhook-events" aria-label="Events">
          {hook.events.map((e) => (
            <li key={e} className="chip webhook-event">
              {e}
            </li>
          ))}
        </ul>
      )}
      <div className="actions webhook-actions">
        <button type="button" className="button button--small" disabled={ping.isPending || !hook.enabled} onClick={() => ping.mutate()}>
          {ping.isPending ? "Sending…" : "Send test"}
        </button>
        <button type="button" className="button button--small" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
          {showLog ? "Hide deliveries" : "Deliveries"}
        </button>
        {editing ? null : (
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            Edit events
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => setConfirm("rotate")}>
          Rotate secret
        </button>
        <button type="button" className="button button--small" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
          {hook.enabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className="button button--small button--danger" onClick={() => setConfirm("delete")}>
          Delete
        </button>
      </div>
      {confirm === "rotate" ? (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate the secret"
          keepLabel="Keep the current secret"
          busy={rotate.isPending}
          onConfirm={() => rotate.mutate()}
          onClose={() => setConfirm(null)}
        >
          The current secret stops signing at once: update your endpoint with the new one, shown once.
        </ConfirmDialog>
      ) : null}
      {confirm === "delete" ? (
        <ConfirmDialog
          title="Delete this webhook?"
          confirmLabel="Delete the webhook"
          keepLabel="Keep it"
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirm(null)}
        >
          Nothing more is sent to <code>{hook.url}</code>, and its delivery log goes too.
        </ConfirmDialog>
      ) : null}
      {failed ? (
        <div className="callout callout--danger" role="alert">
          {errorMessage(failed.error)}
        </div>
      ) : null}
      {showLog ? <DeliveryLog hookId={hook.id} enabled={hook.enabled} /> : null}
    </li>
  );
}
