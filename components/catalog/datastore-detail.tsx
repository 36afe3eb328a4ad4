"use client";
// One datastore: what it is and who owns it, its provisioning (lifecycle, the operation in progress followed live,
// its outputs, changes and operations), its topology per region and role, what it costs, its SLA thresholds
// (editable when the server's `actions.editThresholds` allows it, with ETag conflict handling), where it came from,
// and its history.
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES } from "@/lib/schemas";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { auditQuery, catalogInfoUrl, datastoreKeys, datastoreQuery, updateThresholds } from "@/lib/query/datastores";
import { meQuery } from "@/lib/query/me";
import type { DatastoreDetailDto, DatastoreDto, Me } from "@/lib/query/types";
import { ChangesList } from "@/components/provisioning/changes-list";
import { DatastoreOutputs } from "@/components/provisioning/datastore-outputs";
import { OperationsHistory } from "@/components/provisioning/operations-history";
import { ProvisioningPanel } from "@/components/provisioning/provisioning-panel";
import { ThresholdsEditor, useThresholdsDraft } from "@/components/thresholds/thresholds-editor";
import { formatDateTime } from "@/components/ui/dates";
import { formatGib, formatUsd, formatUsdShort } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { auditSentence } from "./audit-sentence";
import { TableScroll } from "@/components/ui/table-scroll";

const TIERS = ["0 · critical", "1 · important", "2 · supporting", "3 · test"] as const;

export function DatastoreDetail({ id }: { id: string }) {
  const query = useQuery(datastoreQuery(id));
  const me = useQuery(meQuery());
  if (query.isPending) return <Loading label="Loading the datastore…" rows={6} />;
  if (query.isError) return <ErrorState title="Could not load this datastore." message={errorMessage(query.error)} error={query.error} back={{ href: "/catalog", label: "Back to the catalog" }} onRetry={() => void query.refetch()} />;
  const { data, etag } = query.data;
  return <Detail datastore={data} etag={etag} me={me.data ?? null} />;
}

function Detail({ datastore: d, etag, me }: { datastore: DatastoreDetailDto; etag: string | null; me: Me | null }) {
  const nodes = d.topology.reduce((n, c) => n + c.nodes, 0);
  const regions = [...new Set(d.topology.map((c) => c.region))];
  const retired = d.status === "decommissioned";
  // The operation opened from the history; null follows the newest.
  const [selectedOperation, setSelectedOperation] = useState<string | null>(null);
  const select = (id: string | null) => {
    setSelectedOperation(id);
    document.getElementById("provisioning-title")?.scrollIntoView({ block: "start", behavior: "smooth" });
  };
  return (
    <div className="page" data-testid="datastore-detail" data-name={d.name} data-status={d.status}>
      <div className="page-head page-head--row">
        <div>
          <p className="breadcrumb">
            <Link href="/catalog">Catalog</Link> / {d.team.name}
          </p>
          <h1>
            {d.name} <StatusBadge status={d.status} />
          </h1>
          <p className="muted">
            {FAMILY_TITLES[d.family]} · {d.engine} {d.engineVersion} · owned by {d.team.name}
          </p>
        </div>
        <div className="actions">
          <Link className="button" href={`/requests/${d.requestId}`} data-testid="origin-request">
            Originating request
          </Link>
          <a className="button button--primary" href={catalogInfoUrl(d.id)} download={`${d.name}-catalog-info.yaml`}>
            Download catalog-info.yaml
          </a>
        </div>
      </div>
      <ProvisioningPanel datastore={d} me={me} selectedId={selectedOperation} onSelect={select} />
      <div className="two-col">
        <div className="stack">
          <section className="card summary" aria-label="Cost and size">
            <div className="summary-grid">
              {/* A decommissioned datastore runs nothing and costs nothing: say so, and what it was. */}
              <div className="stat stat--primary">
                <span className="stat-label">Annual cost</span>
                <span className="stat-value" data-testid="datastore-annual-cost">
                  {retired ? "$0" : formatUsd(d.annualCost)}
                </span>
                <span className="stat-sub">{retired ? `was ${formatUsdShort(d.annualCost)} a year` : `${formatUsd(d.monthlyCost)} / month`}</span>
              </div>
              <div className="stat">
                <span className="stat-label">Nodes</span>
                <span className="stat-value" data-testid="datastore-nodes">
                  {retired ? "None" : nodes}
                </span>
                <span className="stat-sub">{retired ? `was ${nodes} nodes in ${regions.length} region${regions.length === 1 ? "" : "s"}` : `in ${regions.length} region${regions.length === 1 ? "" : "s"}`}</span>
              </div>
              <div className="stat">
                <span className="stat-label">Tier</span>
                <span className="stat-value stat-value--text">{TIERS[d.tier]}</span>
                <span className="stat-sub">service tier</span>
              </div>
            </div>
          </section>
          {d.outputs ? <DatastoreOutputs outputs={d.outputs} /> : null}
          <ChangesList datastoreId={d.id} closed={d.status === "decommissioned"} />
          <Topology datastore={d} />
          <Thresholds datastore={d} etag={etag} canEdit={!!d.actions.editThresholds?.allowed} />
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="meta-title">
            <div className="card-head">
              <h2 id="meta-title">Metadata</h2>
            </div>
            <dl className="meta">
              <dt>Owner</dt>
              <dd>
                {d.team.name} <code className="muted">({d.team.slug})</code>
              </dd>
              <dt>Family</dt>
              <dd>{FAMILY_TITLES[d.family]}</dd>
              <dt>Engine</dt>
              <dd>
                {d.engine} {d.engineVersion}
              </dd>
              <dt>Regions</dt>
              <dd>{d.regions.join(", ")}</dd>
              <dt>Contacts</dt>
              <dd>{d.contacts.length > 0 ? d.contacts.join(", ") : <span className="muted">none</span>}</dd>
              <dt>Pager</dt>
              <dd>{d.pagerTarget ?? <span className="muted">not set</span>}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(d.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(d.updatedAt)}</dd>
              {d.decommissionedAt ? (
                <>
                  <dt>Decommissioned</dt>
                  <dd>{formatDateTime(d.decommissionedAt)}</dd>
                </>
              ) : null}
              <dt>Request</dt>
              <dd>
                <Link href={`/requests/${d.requestId}`}>{d.requestId}</Link>
              </dd>
            </dl>
          </section>
          <OperationsHistory datastoreId={d.id} selectedId={selectedOperation} onSelect={select} />
          <Audit id={d.id} />
        </div>
      </div>
    </div>
  );
}

function Topology({ datastore: d }: { datastore: DatastoreDto }) {
  const regions = [...new Set(d.topology.map((c) => c.region))];
  return (
    <section className="card" aria-labelledby="topology-title" data-testid="topology">
      <div className="card-head">
        <h2 id="topology-title">Topology</h2>
        <p className="muted">One server group per zone, per role, per region.</p>
      </div>
      <TableScroll label={"Topology"}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Role</th>
              <th scope="col">Instance</th>
              <th scope="col">Nodes per zone × zones</th>
              <th scope="col">Drive</th>
              <th scope="col" className="num">
                Nodes
              </th>
            </tr>
          </thead>
          <tbody>
            {regions.flatMap((region) =>
              d.topology
                .filter((c) => c.region === region)
                .map((c, i) => (
                  <tr key={`${region}-${c.role}-${c.family}`}>
                    <td>{i === 0 ? <code>{region}</code> : null}</td>
                    <td>
                      <span className="badge">{c.role}</span>
                    </td>
                    <td>
                      <code>{c.instanceType}</code>
                    </td>
                    <td>
                      {c.nodesPerZone} × {c.zones}
                    </td>
                    <td>{c.drive ? `${c.drive.kind === "ebs" ? c.drive.type : "local NVMe"} · ${formatGib(c.drive.sizeGib)}` : "—"}</td>
                    <td className="num">{c.nodes}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Thresholds({ datastore: d, etag, canEdit }: { datastore: DatastoreDto; etag: string | null; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const draft = useThresholdsDraft(d.thresholds);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setFailure(null);
    setSaved(false);
    const thresholds = draft.validate();
    if (!thresholds) return;
    setSaving(true);
    try {
      const updated = await updateThresholds(d.id, thresholds, etag);
      queryClient.setQueryData(datastoreKeys.one(d.id), updated);
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.audit(d.id) });
      draft.reset(updated.data.thresholds);
      setEditing(false);
      setSaved(true);
    } catch (error) {
      if (isApiProblem(error) && (error.status === 412 || error.status === 409)) {
        setFailure({ message: "Someone changed these thresholds since you opened the page. Reload to see their values, then reapply your change.", conflict: true });
      } else if (isApiProblem(error) && error.fieldErrors.length > 0) {
        const rest = draft.showServerErrors(error.fieldErrors);
        setFailure({ message: [error.detail, ...rest.map((e) => `${e.field} ${e.message}`)].join(" · "), conflict: false });
      } else setFailure({ message: errorMessage(error), conflict: false });
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery(datastoreQuery(d.id));
    draft.reset(fresh.data.thresholds);
    setFailure(null);
  };

  return (
    <section className="card" aria-labelledby="sla-title" data-testid="datastore-thresholds">
      <div className="card-head card-head--row">
        <div>
          <h2 id="sla-title">SLA thresholds</h2>
          <p className="muted">{canEdit ? "Owners and reviewers may adjust them; every change is audited." : "Alarms for this datastore."}</p>
        </div>
        {canEdit && !editing ? (
          <button type="button" className="button button--small" onClick={() => { setEditing(true); setSaved(false); }}>
            Edit thresholds
          </button>
        ) : null}
      </div>
      {saved ? (
        <div className="callout callout--info" role="status" style={{ marginBottom: 10 }} data-testid="thresholds-saved">
          <strong>Thresholds saved.</strong>{" "}
          {d.status === "approved"
            ? "Nothing is provisioned yet: the CloudWatch alarms are created with these values at the next apply, when the datastore is provisioned."
            : "The CloudWatch alarms in the cloud change at the next apply — the next provisioning or applied workload change of this datastore; until then they keep the old values."}
        </div>
      ) : null}
      <ThresholdsEditor draft={draft} editable={editing} />
      {failure ? (
        <div className="callout callout--danger state" role="alert" style={{ marginTop: 10 }} data-testid="thresholds-error">
          <span>{failure.message}</span>
          {failure.conflict ? (
            <button type="button" className="button button--small" onClick={() => void reload()}>
              Reload
            </button>
          ) : null}
        </div>
      ) : null}
      {editing ? (
        <div className="actions" style={{ marginTop: 12 }}>
          <button type="button" className="button button--primary" onClick={() => void save()} disabled={saving}>
            {saving ? "Saving…" : "Save thresholds"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              draft.reset(d.thresholds);
              setEditing(false);
              setFailure(null);
            }}
          >
            Cancel
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Audit({ id }: { id: string }) {
  const q = useQuery(auditQuery(id));
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit">
      <div className="card-head">
        <h2 id="audit-title">History</h2>
        <p className="muted">Every change to this datastore and its request, newest first.</p>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="empty">No history yet.</p>
      ) : (
        <ol className="thread audit-list">
          {q.data.map((e) => {
            const sentence = auditSentence(e);
            return (
              <li key={e.id} data-testid="audit-event" data-action={e.action}>
                <p className="thread-meta">{formatDateTime(e.at)}</p>
                <p>{sentence.text}</p>
                {sentence.changes.length > 0 ? (
                  <ul className="audit-changes">
                    {sentence.changes.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
