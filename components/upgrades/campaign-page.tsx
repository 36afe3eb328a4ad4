"use client";
// One upgrade campaign: where it stands (status, progress, why it halted), what people may do now (start a draft,
// pause, resume, abort — the server's `actions`), its waves in order with each datastore's step and evidence, and its
// audit trail. Polled every second while it runs.
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES } from "@/lib/schemas/plan";
import type { CampaignDto } from "@/lib/schemas/campaign";
import { errorMessage } from "@/lib/query/api";
import { campaignAction, campaignKeys, campaignQuery, type CampaignVerb } from "@/lib/query/campaigns";
import { meQuery } from "@/lib/query/me";
import type { Action } from "@/lib/schemas/actions";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { CampaignEvents } from "./campaign-events";
import { campaignProgressText } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status";
import { CampaignWave } from "./campaign-wave";
import { ReleaseImages } from "./release-images";

export function CampaignPage({ id }: { id: string }) {
  const q = useQuery(campaignQuery(id));
  // What a release affects spans every team (administrators only): reviewers get its name without the link.
  const isAdmin = !!useQuery(meQuery()).data?.actions.administer.allowed;
  if (q.isPending) return <Loading label="Loading the campaign…" rows={6} />;
  if (q.isError)
    return (
      <ErrorState
        title="Could not load this campaign."
        message={errorMessage(q.error)}
        error={q.error}
        back={{ href: "/upgrades", label: "Back to upgrades" }}
        onRetry={() => void q.refetch()}
      />
    );
  const c = q.data;
  return (
    <div className="page" data-testid="campaign-page" data-status={c.status} data-campaign-id={c.id}>
      <div className="page-head page-head--row">
        <div>
          <p className="breadcrumb">
            <Link href="/upgrades">Upgrades</Link> /{" "}
            {isAdmin ? <Link href={`/upgrades/releases/${c.release.id}`}>{FAMILY_TITLES[c.family]}</Link> : FAMILY_TITLES[c.family]}
          </p>
          <h1>
            Upgrade to {c.release.engineVersion} <CampaignStatusBadge status={c.status} />
          </h1>
          <p className="muted">
            {FAMILY_TITLES[c.family]} · created {formatDateTime(c.createdAt)} by {c.createdBy}
          </p>
          <ReleaseImages release={c.release} />
        </div>
        <CampaignControls campaign={c} />
      </div>
      <div className="stack">
        <CampaignSummary campaign={c} />
        {c.waves.map((w) => (
          <CampaignWave key={w.wave} campaign={c} wave={w} />
        ))}
        <CampaignEvents campaignId={c.id} running={c.status === "running"} />
      </div>
    </div>
  );
}

function CampaignSummary({ campaign: c }: { campaign: CampaignDto }) {
  return (
    <section className="card" aria-label="Where the campaign stands" data-testid="campaign-summary">
      {c.status === "draft" ? (
        <div className="callout callout--info" role="status" data-testid="campaign-draft">
          A draft: nothing runs until it is started. The waves below are the order the datastores will be taken in.
        </div>
      ) : null}
      {c.status === "halted" ? (
        <div className="callout callout--danger" role="alert" data-testid="campaign-halted">
          <strong>Halted.</strong> {c.haltReason ?? "A gate failed."}
        </div>
      ) : null}
      {c.status === "aborted" ? (
        <div className="callout callout--warning" role="status">
          <strong>Aborted.</strong> {c.haltReason ?? ""}
        </div>
      ) : null}
      <p data-testid="campaign-progress" aria-live="polite">
        {campaignProgressText(c)}
      </p>
      <progress
        className="campaign-progress-bar"
        max={Math.max(1, c.counts.total)}
        value={c.counts.done}
        aria-label={`Upgraded: ${c.counts.done} of ${c.counts.total}`}
      />
      <dl className="meta campaign-meta">
        <dt>Gate</dt>
        <dd>
          p99 within each datastore&apos;s thresholds, p50/p95/p99 at most {c.maxRegressionPct}% above its baseline (a local stand-in: its median), no alarm
          firing
        </dd>
        <dt>Benchmarks</dt>
        <dd>{c.benchmarkDurationS} s each (baseline on the current version, validation against the canary)</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(c.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(c.finishedAt)}</dd>
      </dl>
    </section>
  );
}

/**
 * The controls of this state: what the caller may do, and what they may not do at all (disabled, with the server's
 * reason). What only another state allows (pausing a draft) is left out rather than shown disabled.
 */
const shown = (action: Action): Action | undefined => (action.allowed || action.code === "forbidden" ? action : undefined);

const VERB_LABELS: Record<CampaignVerb, string> = { start: "Start", pause: "Pause", resume: "Resume", abort: "Abort" };

function CampaignControls({ campaign: c }: { campaign: CampaignDto }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<CampaignVerb | null>(null);
  const [confirmAbort, setConfirmAbort] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const act = async (verb: CampaignVerb) => {
    setBusy(verb);
    setFailure(null);
    try {
      const next = await campaignAction(c.id, verb);
      queryClient.setQueryData(campaignKeys.one(c.id), next);
      setConfirmAbort(false);
      await queryClient.invalidateQueries({ queryKey: campaignKeys.events(c.id) });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="campaign-controls">
      <div className="actions">
        {(["start", "pause", "resume"] as const).map((verb) => (
          <ActionButton
            key={verb}
            action={shown(c.actions[verb])}
            busy={busy !== null}
            className={verb === "start" || verb === "resume" ? "button button--primary" : "button"}
            onClick={() => void act(verb)}
            testId={`campaign-${verb}`}
          >
            {busy === verb ? `${VERB_LABELS[verb]}…` : VERB_LABELS[verb]}
          </ActionButton>
        ))}
        <ActionButton
          action={c.actions.abort}
          busy={busy !== null}
          className="button button--danger"
          onClick={() => setConfirmAbort(true)}
          testId="campaign-abort"
        >
          Abort
        </ActionButton>
      </div>
      {confirmAbort ? (
        <ConfirmDialog
          title="Abort this campaign?"
          confirmLabel="Abort the campaign"
          keepLabel="Keep it"
          busy={busy === "abort"}
          onConfirm={() => void act("abort")}
          onClose={() => setConfirmAbort(false)}
        >
          <p>The datastore being upgraded finishes the step it is in; no other datastore is started. Upgraded datastores stay on the new version.</p>
        </ConfirmDialog>
      ) : null}
      {failure ? (
        <p className="field-error" role="alert" data-testid="campaign-action-failure">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
