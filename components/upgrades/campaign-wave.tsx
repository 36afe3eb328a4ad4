"use client";
// One wave of a campaign (a tier; tier 0 and 1 wait for a reviewer) and its datastores in order, each with the step it
// is at drawn on the path every datastore takes, and its evidence: the preview's summary, the canary zone, the gate's
// verdict with baseline against validation p99 per operation, the alarms it looked at, and any error.
import Link from "next/link";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { CampaignDto, CampaignGate, CampaignTargetDto, CampaignWaveDto } from "@/lib/schemas/campaign";
import { errorMessage } from "@/lib/query/api";
import { approveCampaign, campaignKeys } from "@/lib/query/campaigns";
import { ActionButton } from "@/components/ui/action-button";
import { formatDateTime } from "@/components/ui/dates";
import { TableScroll } from "@/components/ui/table-scroll";
import { PreviewSummaryView } from "./release-affected-page";
import { BenchEvidence } from "./bench-evidence";
import { p99RegressionCheck, PIPELINE, STEP_LABELS, stageStates } from "./campaign-progress";
import { TargetStepBadge } from "./campaign-status";

const TIER_NAMES = ["critical", "important", "supporting", "test"] as const;

export function CampaignWave({ campaign, wave: w }: { campaign: CampaignDto; wave: CampaignWaveDto }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const approve = async () => {
    setBusy(true);
    setFailure(null);
    try {
      queryClient.setQueryData(campaignKeys.one(campaign.id), await approveCampaign(campaign.id, { wave: w.wave }));
      await queryClient.invalidateQueries({ queryKey: campaignKeys.events(campaign.id) });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `wave-${w.wave}-title`;
  return (
    <section className="card campaign-wave" aria-labelledby={titleId} data-testid="campaign-wave" data-wave={w.wave} data-tier={w.tier}>
      <div className="card-head upgrades-head">
        <h2 id={titleId}>
          Wave {w.wave + 1} · tier {w.tier} ({TIER_NAMES[w.tier]})
        </h2>
        {w.approvalRequired ? (
          <span className={`status ${w.approved ? "status--ok" : "status--warn"}`} data-testid="wave-approval" data-approved={w.approved}>
            {w.approved ? "approved" : "needs a reviewer"}
          </span>
        ) : null}
      </div>
      {w.approvalRequired && !w.approved ? (
        <div className="upgrades-toolbar">
          <p className="muted small">Tier {w.tier} datastores are upgraded only once a reviewer approves the wave.</p>
          <ActionButton action={w.actions.approve} busy={busy} className="button button--primary" onClick={() => void approve()} testId="approve-wave">
            {busy ? "Approving…" : `Approve wave ${w.wave + 1}`}
          </ActionButton>
          {failure ? (
            <p className="field-error" role="alert">
              {failure}
            </p>
          ) : null}
        </div>
      ) : null}
      <ol className="campaign-targets">
        {w.targets.map((t) => (
          <CampaignTarget key={t.id} target={t} toVersion={campaign.release.engineVersion} />
        ))}
      </ol>
    </section>
  );
}

function CampaignTarget({ target: t, toVersion }: { target: CampaignTargetDto; toVersion: string }) {
  const stages = stageStates(t);
  return (
    <li className="campaign-target" data-testid="campaign-target" data-name={t.datastore.name} data-step={t.step} data-target-id={t.id}>
      <div className="campaign-target-head">
        <h3>
          <Link href={`/catalog/${t.datastore.id}`}>{t.datastore.name}</Link>{" "}
          <span className="muted small">
            {t.team.name} · {t.fromVersion} → {toVersion}
          </span>
          {t.upgradeEarly ? (
            <>
              {" "}
              <span className="status status--info" title="The team takes upgrades in the first wave of their tier" data-testid="target-early">
                early
              </span>
            </>
          ) : null}
        </h3>
        <TargetStepBadge step={t.step} />
      </div>
      <ol className="pipeline" aria-label={`${t.datastore.name}: steps`}>
        {PIPELINE.map((s) => (
          <li key={s} className={`pipeline-step pipeline-step--${stages[s]}`} data-stage={s} data-state={stages[s]}>
            <span className="visually-hidden">{stages[s]}: </span>
            {STEP_LABELS[s]}
          </li>
        ))}
      </ol>
      {t.step === "waiting-review" ? (
        <p className="small" data-testid="target-waiting-review">
          Waiting for a reviewer to approve its wave.
        </p>
      ) : null}
      {t.approvedBy ? (
        <p className="muted small">
          Approved by {t.approvedBy} {t.approvedAt ? `(${formatDateTime(t.approvedAt)})` : ""}
        </p>
      ) : null}
      {t.error ? (
        <p className="callout callout--danger small" role="alert" data-testid="target-error">
          {t.error}
        </p>
      ) : null}
      <TargetEvidence target={t} />
    </li>
  );
}

function TargetEvidence({ target: t }: { target: CampaignTargetDto }) {
  const hasAny = t.preview || t.canaryZone || t.gate || t.baselineRunId;
  if (!hasAny) return null;
  return (
    <details
      className="campaign-evidence"
      open={t.gate?.verdict === "fail" || t.step === "rolled-back" || t.step === "rolling-back"}
      data-testid="target-evidence"
    >
      <summary>Evidence</summary>
      <dl className="meta">
        <dt>Preview</dt>
        <dd>
          <PreviewSummaryView preview={t.preview} />
        </dd>
        <dt>Canary zone</dt>
        <dd data-testid="canary-zone">{t.canaryZone ?? <span className="muted">not chosen yet</span>}</dd>
        <dt>Window</dt>
        <dd className="small">
          {formatDateTime(t.startedAt)} – {t.finishedAt ? formatDateTime(t.finishedAt) : "…"}
        </dd>
      </dl>
      {t.gate ? <GateView gate={t.gate} /> : null}
      {t.baselineRunId ? <BenchEvidence baselineRunId={t.baselineRunId} validationRunId={t.validationRunId} /> : null}
    </details>
  );
}

const ms = (v: number | null) => (v === null ? "—" : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)}%`);

function GateView({ gate: g }: { gate: CampaignGate }) {
  return (
    <div className="campaign-gate" data-testid="gate" data-verdict={g.verdict}>
      <p>
        <strong>Gate:</strong>{" "}
        <span className={`status ${g.verdict === "pass" ? "status--ok" : "status--danger"}`} data-testid="gate-verdict">
          {g.verdict === "pass" ? "passed" : "failed"}
        </span>{" "}
        <span className="muted small">
          {formatDateTime(g.at)} · at most {g.maxRegressionPct}% regression
        </span>{" "}
        {g.synthetic ? (
          <span className="status status--info" title="The simulation's labelled model: no load was sent">
            synthetic
          </span>
        ) : (
          <span className="status status--neutral">measured</span>
        )}
      </p>
      {g.reasons.length > 0 ? (
        <ul className="gate-reasons" data-testid="gate-reasons">
          {g.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <TableScroll label="Gate: baseline against validation">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Baseline p99</th>
              <th scope="col">Validation p99</th>
              <th scope="col">p99 change</th>
              <th scope="col">Threshold</th>
            </tr>
          </thead>
          <tbody>
            {g.ops.map((o) => (
              <tr key={o.op} data-testid="gate-op" data-op={o.op}>
                <th scope="row">{o.op === "read" ? "Reads" : "Writes"}</th>
                <td>{ms(o.baselineP99Ms)}</td>
                <td>{ms(o.validationP99Ms)}</td>
                <td className={p99RegressionCheck(g, o.op)?.ok === false ? "gate-bad" : undefined}>
                  {pct(o.regressionPct)}
                  {p99RegressionCheck(g, o.op) ? null : (
                    <span className="muted small" title="A local stand-in's gate holds its median to the bound, not its p99">
                      {" "}
                      (not gated)
                    </span>
                  )}
                </td>
                <td>{o.thresholdMs === null ? "—" : `≤ ${ms(o.thresholdMs)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ul className="gate-checks">
        {g.checks.map((c) => (
          <li key={c.name} data-testid="gate-check" data-ok={c.ok}>
            <span className={`status ${c.ok ? "status--ok" : "status--danger"}`}>{c.ok ? "ok" : "failed"}</span> <strong>{c.name}</strong>: {c.detail}
          </li>
        ))}
      </ul>
      <p className="small" data-testid="gate-alarms">
        Alarms:{" "}
        {g.alarms.length === 0
          ? "none firing"
          : g.alarms.map((a) => (
              <span key={a.name} className="status status--danger">
                {a.name} ({a.state})
              </span>
            ))}
      </p>
    </div>
  );
}
