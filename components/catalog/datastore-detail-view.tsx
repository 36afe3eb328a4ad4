"use client";
// One datastore: what it is and who owns it, its provisioning (lifecycle, the operation in progress followed live,
// its outputs, changes and operations), its topology per region and role, what it costs, its SLA thresholds
// (editable when the server's `actions.editThresholds` allows it, with ETag conflict handling), where it came from,
// and its history.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { FAMILY_TITLES } from "@/lib/schemas";
import { catalogInfoUrl } from "@/lib/query/datastores";
import type { DatastoreDetailDto, Me } from "@/lib/query/types";
import { ChangesList } from "@/components/provisioning/changes-list";
import { DatastoreOutputs } from "@/components/provisioning/datastore-outputs";
import { OperationsHistory } from "@/components/provisioning/operations-history";
import { ProvisioningPanel } from "@/components/provisioning/provisioning-panel";
import { formatDateTime } from "@/components/ui/dates";
import { formatUsd, formatUsdShort } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { DatastoreAudit } from "./datastore-audit";
import { PendingEventsBanner } from "@/components/fleet/pending-events";
import { DatastoreCampaignBanner } from "@/components/upgrades/datastore-campaign-banner";
import { isProvisioned } from "@/lib/schemas/datastore";
import { activeTab, DatastoreTabBar } from "./datastore-tabs";
import { DatastoreThresholds } from "./datastore-thresholds";
import { DatastoreTopology } from "./datastore-topology";

const TIERS = ["0 · critical", "1 · important", "2 · supporting", "3 · test"] as const;

export function DatastoreDetailView({ datastore: d, etag, me }: { datastore: DatastoreDetailDto; etag: string | null; me: Me | null }) {
  const tab = activeTab(d, useSearchParams().get("tab"));
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
      {isProvisioned(d) ? <PendingEventsBanner datastoreId={d.id} /> : null}
      {isProvisioned(d) ? <DatastoreCampaignBanner datastoreId={d.id} /> : null}
      <DatastoreTabBar datastore={d} active={tab?.id ?? "overview"} />
      {tab ? (
        <div className="tab-panel" data-testid={`tab-panel-${tab.id}`}>
          {tab.render({ datastore: d, me })}
        </div>
      ) : (
        <DatastoreOverview datastore={d} etag={etag} me={me} />
      )}
    </div>
  );
}

function DatastoreOverview({ datastore: d, etag, me }: { datastore: DatastoreDetailDto; etag: string | null; me: Me | null }) {
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
    <>
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
                <span className="stat-sub">
                  {retired
                    ? `was ${nodes} nodes in ${regions.length} region${regions.length === 1 ? "" : "s"}`
                    : `in ${regions.length} region${regions.length === 1 ? "" : "s"}`}
                </span>
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
          <DatastoreTopology datastore={d} />
          <DatastoreThresholds datastore={d} etag={etag} canEdit={!!d.actions.editThresholds?.allowed} />
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
          <DatastoreAudit id={d.id} />
        </div>
      </div>
    </>
  );
}
