"use client";
// A provisioned datastore's health tab: every alarm (state, how often it fired in 30 days, where it goes, its runbook's
// first step, a one-click threshold change for noisy ones), then per region and role the charts — p99 latency against
// the thresholds, throughput against the plan, CPU, disk and memory — over 24 h or 7 d, and the recent state changes.
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoreKeys, datastoreQuery, updateThresholds } from "@/lib/query/datastores";
import { datastoreHealthQuery, healthKeys, type HealthRange } from "@/lib/query/health";
import type { DatastoreDetailDto } from "@/lib/query/types";
import type { HealthAlarm } from "@/lib/schemas/sla-health";
import type { Threshold } from "@/lib/schemas/plan";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/dates";
import { TableScroll } from "@/components/ui/table-scroll";
import { formatMetric, metricTitle } from "@/lib/metric-format";
import { MetricChart } from "./metric-chart";

const STATE_TONE = { alarm: "danger", ok: "ok", "insufficient-data": "neutral" } as const;
const STATE_LABEL = { alarm: "in alarm", ok: "ok", "insufficient-data": "no data" } as const;

/** A noisy alarm's one-click change: a quarter looser, never past the other level, percentages at most 100. */
export function loosened(alarm: HealthAlarm, t: Threshold): number | null {
  if (alarm.level === null || alarm.firesLast30Days === 0) return null;
  const below = t.comparison === "below";
  let next = below ? alarm.level * 0.75 : alarm.level * 1.25;
  next = Math.round(next * 100) / 100;
  if (t.unit === "percent") next = Math.min(100, next);
  if (alarm.severity === "warning" && (below ? next <= t.critical : next >= t.critical)) return null;
  return next === alarm.level ? null : next;
}

function withLevel(thresholds: readonly Threshold[], alarm: HealthAlarm, level: number): Threshold[] {
  return thresholds.map((t) =>
    t.role === alarm.role && t.metric === alarm.metric ? { ...t, ...(alarm.severity === "critical" ? { critical: level } : { warning: level }) } : t,
  );
}

function AlarmRow({ alarm, datastore, onChanged }: { alarm: HealthAlarm; datastore: DatastoreDetailDto; onChanged: (message: string, ok: boolean) => void }) {
  const queryClient = useQueryClient();
  const current = useQuery(datastoreQuery(datastore.id));
  const [saving, setSaving] = useState(false);
  const threshold = (current.data?.data.thresholds ?? datastore.thresholds).find((t) => t.role === alarm.role && t.metric === alarm.metric);
  const canEdit = current.data?.data.actions.editThresholds?.allowed ?? datastore.actions.editThresholds?.allowed ?? false;
  const next = threshold ? loosened(alarm, threshold) : null;
  const verb = threshold?.comparison === "below" ? "Lower" : "Raise";

  const apply = async () => {
    if (next === null || !current.data) return;
    setSaving(true);
    try {
      const updated = await updateThresholds(datastore.id, withLevel(current.data.data.thresholds, alarm, next), current.data.etag);
      queryClient.setQueryData(datastoreKeys.one(datastore.id), updated);
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.audit(datastore.id) });
      onChanged(
        `${metricTitle(alarm.metric)} (${alarm.role}) ${alarm.severity} threshold is now ${formatMetric(next, alarm.unit)}; the change is audited.`,
        true,
      );
    } catch (error) {
      onChanged(errorMessage(error), false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <tr data-testid="alarm-row" data-alarm={alarm.alarmName} data-state={alarm.state}>
      <td>
        <strong>{metricTitle(alarm.metric)}</strong>{" "}
        <span className={`status status--${alarm.severity === "critical" ? "danger" : "warn"}`}>{alarm.severity}</span>
        <div className="muted small">
          {alarm.region} · {alarm.role}
        </div>
      </td>
      <td>
        <span className={`status status--${STATE_TONE[alarm.state]}`} data-testid="alarm-state">
          {STATE_LABEL[alarm.state]}
        </span>
        <div className="muted small">since {formatDateTime(alarm.since)}</div>
      </td>
      <td className="num" data-testid="alarm-fires">
        {alarm.firesLast30Days}
      </td>
      <td>{alarm.routing === "page" ? "Pages on-call" : "Team channel"}</td>
      <td className="health-runbook">
        <Link href={alarm.runbook.href}>Runbook</Link>
        <div className="small">{alarm.runbook.firstStep}</div>
      </td>
      <td>
        {alarm.level === null ? "—" : formatMetric(alarm.level, alarm.unit)}
        {canEdit && next !== null ? (
          <div>
            <button
              type="button"
              className="button button--small"
              disabled={saving || !current.data}
              onClick={() => void apply()}
              aria-label={`${verb} the ${alarm.severity} ${metricTitle(alarm.metric)} threshold of ${alarm.role} to ${formatMetric(next, alarm.unit)}`}
            >
              {saving ? "Saving…" : `${verb} to ${formatMetric(next, alarm.unit)}`}
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function HealthTab({ datastore }: { datastore: DatastoreDetailDto }) {
  const [range, setRange] = useState<HealthRange>("24h");
  const health = useQuery(datastoreHealthQuery(datastore.id, range));
  const [notice, setNotice] = useState<{ message: string; ok: boolean } | null>(null);

  if (health.isPending) return <Loading label="Loading health…" />;
  if (health.isError)
    return (
      <ErrorState
        title="Could not load this datastore's health."
        message={errorMessage(health.error)}
        error={health.error}
        onRetry={() => void health.refetch()}
      />
    );
  const h = health.data;
  const firing = h.alarms.filter((a) => a.state === "alarm");
  const activeIncidents = h.incidents.filter((i) => i.active);

  return (
    <div className="stack health-tab" data-testid="health-tab">
      <section className="card" aria-labelledby="alarms-title">
        <div className="card-head card-head--row">
          <div>
            <h2 id="alarms-title">
              Alarms{" "}
              {h.source === "simulated" ? (
                <span className="status status--info" data-testid="health-simulated">
                  simulated
                </span>
              ) : null}
            </h2>
            <p className="muted">
              {firing.length === 0 ? "No alarm is firing." : `${firing.length} firing.`} Warnings go to the owning team&apos;s channel; only criticals page.
              Each alarm is per role and region: one slow node of many is not a page.
            </p>
          </div>
        </div>
        {activeIncidents.length > 0 ? (
          <div className="callout callout--info" role="note" data-testid="health-incidents">
            Simulated incident{activeIncidents.length > 1 ? "s" : ""} in progress:{" "}
            {activeIncidents
              .map(
                (i) => `${i.kind} ×${i.magnitude}${i.kind === "disk-filling" ? " points/day" : ""} (${i.region ?? "every region"}, ${i.role ?? "every role"})`,
              )
              .join("; ")}
            .
          </div>
        ) : null}
        {notice ? (
          <div className={`callout ${notice.ok ? "callout--info" : "callout--danger"}`} role={notice.ok ? "status" : "alert"} data-testid="threshold-notice">
            {notice.message}
          </div>
        ) : null}
        {h.alarms.length === 0 ? (
          <p className="muted">This datastore has no alarms yet: they are created from its thresholds when it is provisioned.</p>
        ) : (
          <TableScroll label="Alarms">
            <table className="table health-alarms">
              <thead>
                <tr>
                  <th scope="col">Alarm</th>
                  <th scope="col">State</th>
                  <th scope="col" className="num">
                    Fired (30 d)
                  </th>
                  <th scope="col">Goes to</th>
                  <th scope="col">What to do first</th>
                  <th scope="col">Threshold</th>
                </tr>
              </thead>
              <tbody>
                {h.alarms.map((a) => (
                  <AlarmRow key={a.alarmName} alarm={a} datastore={datastore} onChanged={(message, ok) => setNotice({ message, ok })} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="charts-title">
        <div className="card-head card-head--row">
          <div>
            <h2 id="charts-title">Metrics</h2>
            <p className="muted">Against the thresholds and the plan · {range === "24h" ? "5-minute" : "hourly"} points · refreshed every minute</p>
          </div>
          <div className="segmented" role="group" aria-label="Range">
            {(["24h", "7d"] as const).map((r) => (
              <button key={r} type="button" className="button button--small" aria-pressed={range === r} onClick={() => setRange(r)} data-testid={`range-${r}`}>
                {r === "24h" ? "24 hours" : "7 days"}
              </button>
            ))}
          </div>
        </div>
        {h.clusters.map((c) => (
          <div key={`${c.region}/${c.role}`} className="health-cluster" data-testid="health-cluster" data-region={c.region} data-role={c.role}>
            <h3>
              {c.role}{" "}
              <span className="muted">
                · {c.region} · {c.family}
              </span>
            </h3>
            <div className="health-charts">
              {c.series.map((s) => (
                <MetricChart key={s.metric} series={s} from={h.from} to={h.to} />
              ))}
            </div>
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Alarm history</h2>
        {h.history.length === 0 ? (
          <p className="muted">No state changes in this range.</p>
        ) : (
          <ol className="health-history" data-testid="alarm-history">
            {h.history.slice(0, 30).map((t) => (
              <li key={`${t.alarmName}@${t.at}`}>
                <span className="muted">{formatDateTime(t.at)}</span> <code className="wrap-anywhere">{t.alarmName}</code> {STATE_LABEL[t.from]} →{" "}
                <strong>{STATE_LABEL[t.to]}</strong>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
