"use client";
// What a release affects: every datastore of its family with nodes not on it (from the inventory), each with its
// nodes and the summary of its batch preview (queued with the release's engine version: what would change); an
// administrator queues the previews and creates a campaign over the datastores they pick.
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES } from "@/lib/schemas/plan";
import type { AffectedDatastoreDto, BatchPreviewResult, PreviewSummary } from "@/lib/schemas/campaign";
import { errorMessage } from "@/lib/query/api";
import { affectedQuery, campaignKeys, queueReleasePreviews } from "@/lib/query/campaigns";
import { meQuery } from "@/lib/query/me";
import { formatDateTime } from "@/components/ui/dates";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";
import { CreateCampaignForm } from "./create-campaign-form";
import { ReleaseImages } from "./release-images";

export function ReleaseAffectedPage({ releaseId }: { releaseId: string }) {
  const q = useQuery(affectedQuery(releaseId));
  const me = useQuery(meQuery());
  const isAdmin = !!me.data?.actions.administer.allowed;
  if (q.isPending) return <Loading label="Loading what the release affects…" rows={6} />;
  if (q.isError)
    return (
      <ErrorState
        title="Could not read what this release affects."
        message={errorMessage(q.error)}
        error={q.error}
        back={{ href: "/upgrades", label: "Back to upgrades" }}
        onRetry={() => void q.refetch()}
      />
    );
  const { release, items, datastoreCount, nodeCount } = q.data;
  return (
    <div className="page" data-testid="release-page" data-release-id={release.id}>
      <div className="page-head">
        <p className="breadcrumb">
          <Link href="/upgrades">Upgrades</Link> / {FAMILY_TITLES[release.family]}
        </p>
        <h1>
          {FAMILY_TITLES[release.family]} {release.engineVersion}{" "}
          {release.current ? <span className="status status--ok">current</span> : <span className="status status--neutral">superseded</span>}
        </h1>
        <p className="muted">
          Released {formatDateTime(release.createdAt)} by {release.createdBy}
          {release.notes ? ` · ${release.notes}` : ""}
        </p>
        <ReleaseImages release={release} />
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="affected-title" data-testid="affected">
          <div className="card-head upgrades-head">
            <h2 id="affected-title">Affected</h2>
            <p className="muted small" data-testid="affected-summary">
              {datastoreCount} datastore{datastoreCount === 1 ? "" : "s"} · {nodeCount} node{nodeCount === 1 ? "" : "s"} not on {release.engineVersion}
            </p>
          </div>
          {isAdmin && items.length > 0 ? <PreviewAll releaseId={release.id} /> : null}
          {items.length === 0 ? (
            <EmptyState title="Nothing to upgrade.">
              No {FAMILY_TITLES[release.family]} datastore has a node off this release in the fleet inventory.
            </EmptyState>
          ) : (
            <TableScroll label="Affected datastores">
              <table className="table affected-table">
                <thead>
                  <tr>
                    <th scope="col">Datastore</th>
                    <th scope="col">Tier</th>
                    <th scope="col">Nodes not on it</th>
                    <th scope="col">Preview</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <AffectedRow key={d.datastore.id} item={d} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        {isAdmin && items.length > 0 ? <CreateCampaignForm release={release} items={items} /> : null}
      </div>
    </div>
  );
}

function AffectedRow({ item: d }: { item: AffectedDatastoreDto }) {
  return (
    <tr data-testid="affected-row" data-datastore-id={d.datastore.id} data-name={d.datastore.name}>
      <td>
        <Link href={`/catalog/${d.datastore.id}`}>{d.datastore.name}</Link>
        <br />
        <span className="muted small">
          {d.team.name}
          {d.upgradeEarly ? (
            <>
              {" "}
              <span className="status status--info">early</span>
            </>
          ) : null}
        </span>
      </td>
      <td>{d.tier}</td>
      <td>
        {d.actions.upgrade.allowed ? null : (
          <p className="status status--warn small" data-testid="affected-not-upgradable">
            Not upgradable: {d.actions.upgrade.reason}
          </p>
        )}
        <details className="affected-nodes">
          <summary>
            {d.nodes.length} node{d.nodes.length === 1 ? "" : "s"} on {d.versions.join(", ") || d.engineVersion}
          </summary>
          <ul className="fleet-list small">
            {d.nodes.map((n) => (
              <li key={n.instanceId} data-testid="affected-node">
                <span className="mono">{n.instanceId}</span> {n.zone} · {n.role} · {n.engineVersion} · <span className="mono wrap-anywhere">{n.imageId}</span>
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td data-testid="affected-preview" data-status={d.preview?.status ?? "none"}>
        <PreviewSummaryView preview={d.preview} />
      </td>
    </tr>
  );
}

/** A preview's summary: running or queued, the counts of what changes and the lines for people, or its error. */
export function PreviewSummaryView({ preview: p }: { preview: PreviewSummary | null }) {
  if (!p) return <span className="muted small">not previewed</span>;
  if (p.status === "queued" || p.status === "running") return <span className="muted small">{p.status === "queued" ? "queued…" : "previewing…"}</span>;
  if (p.status !== "succeeded")
    return (
      <span className="small">
        <span className="status status--danger">{p.status}</span> {p.error ?? ""}
      </span>
    );
  // The server's sentences: the engine change first, then the counts and what changes by resource type.
  const [first, ...rest] = p.lines;
  return (
    <div className="small preview-summary">
      <p className="preview-summary-versions">{first ?? `engine ${p.engineVersion.from} → ${p.engineVersion.to}`}</p>
      {rest.length > 0 ? (
        <ul className="preview-lines">
          {rest.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">no resource changes</p>
      )}
    </div>
  );
}

function PreviewAll({ releaseId }: { releaseId: string }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchPreviewResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await queueReleasePreviews(releaseId));
      await queryClient.invalidateQueries({ queryKey: campaignKeys.affected(releaseId) });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="upgrades-toolbar">
      <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="preview-all">
        {busy ? "Queueing previews…" : "Preview every datastore"}
      </button>
      {result ? (
        <p className="muted small" role="status" data-testid="preview-all-result">
          {result.queued.length} preview{result.queued.length === 1 ? "" : "s"} queued
          {result.skipped.length > 0 ? `; ${result.skipped.length} skipped (${[...new Set(result.skipped.map((s) => s.reason))].join("; ")})` : ""}.
        </p>
      ) : null}
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
