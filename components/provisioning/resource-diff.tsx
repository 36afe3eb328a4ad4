"use client";
// A preview's structured diff, grouped the way the clusters are laid out: by region, then availability zone (a
// security group or an alarm belongs to its region, not a zone; the stack and provider to no region). Counts
// per step up top; unchanged resources folded away unless asked for.
import { useState } from "react";
import type { ResourceChange, ResourceOp } from "@/lib/schemas/operation";
import { RESOURCE_OP_LABELS, RESOURCE_OP_ORDER, resourceTypeLabel } from "./operation-labels";

const NO_REGION = "";
const NO_ZONE = "";

function countsOf(changes: readonly ResourceChange[]): Partial<Record<ResourceOp, number>> {
  const counts: Partial<Record<ResourceOp, number>> = {};
  for (const c of changes) counts[c.op] = (counts[c.op] ?? 0) + 1;
  return counts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  // Named groups in name order; the unnamed one (stack-wide, region-wide) first.
  return [...groups.entries()].sort(([a], [b]) => (a === b ? 0 : a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
}

export function Counts({ changes, testId = "diff-counts" }: { changes: readonly ResourceChange[]; testId?: string }) {
  const counts = countsOf(changes);
  return (
    <ul className="diff-counts" data-testid={testId}>
      {RESOURCE_OP_ORDER.filter((op) => (counts[op] ?? 0) > 0).map((op) => (
        <li key={op} className={`diff-op diff-op--${op}`} data-op={op} data-count={counts[op]}>
          {counts[op]} {op === "same" ? "unchanged" : `to ${RESOURCE_OP_LABELS[op]}`}
        </li>
      ))}
    </ul>
  );
}

export function ResourceDiff({ diff, label }: { diff: readonly ResourceChange[]; label: string }) {
  const [showSame, setShowSame] = useState(false);
  const changed = diff.filter((c) => c.op !== "same");
  const same = diff.length - changed.length;
  const shown = showSame ? diff : changed;
  return (
    <section className="diff" aria-label={label} data-testid="resource-diff">
      <Counts changes={diff} />
      {shown.length === 0 ? <p className="muted small">Nothing to change.</p> : null}
      {groupBy(shown, (c) => c.region ?? NO_REGION).map(([region, inRegion]) => (
        <section key={region || "none"} className="diff-region" aria-label={region ? `Region ${region}` : "Stack-wide resources"} data-testid="diff-region" data-region={region}>
          <h3 className="diff-region-title">
            {region ? <code>{region}</code> : "Stack-wide"} <span className="muted small">{summary(inRegion)}</span>
          </h3>
          {groupBy(inRegion, (c) => c.zone ?? NO_ZONE).map(([zone, inZone]) => (
            <div key={zone || "none"} className="diff-zone" data-testid="diff-zone" data-zone={zone}>
              <h4 className="diff-zone-title">
                {zone ? <code>{zone}</code> : region ? "Region-wide" : "Not regional"} <span className="muted small">{summary(inZone)}</span>
              </h4>
              <table className="table diff-table">
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">Step</th>
                    <th scope="col">Resource</th>
                    <th scope="col">Type</th>
                    <th scope="col">Role</th>
                  </tr>
                </thead>
                <tbody>
                  {inZone.map((c) => (
                    <tr key={c.urn} data-testid="diff-row" data-op={c.op}>
                      <td className="nowrap">
                        <span className={`diff-op diff-op--${c.op}`}>{RESOURCE_OP_LABELS[c.op]}</span>
                      </td>
                      <td>
                        <code>{c.name}</code>
                        {c.changedProperties && c.changedProperties.length > 0 ? <span className="muted small"> · changes {c.changedProperties.join(", ")}</span> : null}
                      </td>
                      <td className="muted small">{resourceTypeLabel(c.type)}</td>
                      <td>{c.role ? <span className="badge">{c.role}</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
      {same > 0 ? (
        <button type="button" className="button button--small button--link" onClick={() => setShowSame((v) => !v)} aria-pressed={showSame}>
          {showSame ? "Hide unchanged resources" : `Show ${same} unchanged resource${same === 1 ? "" : "s"}`}
        </button>
      ) : null}
    </section>
  );
}

function summary(changes: readonly ResourceChange[]): string {
  const counts = countsOf(changes);
  return RESOURCE_OP_ORDER.filter((op) => (counts[op] ?? 0) > 0)
    .map((op) => `${counts[op]} ${RESOURCE_OP_LABELS[op]}`)
    .join(" · ");
}
