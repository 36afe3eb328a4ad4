"use client";
// A preview's structured diff, the way a reviewer reads it: grouped by resource type (Auto Scaling groups first, the
// alarms last), each row saying where the resource is (region, zone, role) and, for an update, what changes before →
// after ("desiredCapacity 16 → 21"). Updates that change nothing but tags — a new plan cost stamped on every resource
// — fold into one line; unchanged resources stay folded away unless asked for.
import { useState } from "react";
import type { PropertyChange, ResourceChange, ResourceOp } from "@/lib/schemas/operation";
import { RESOURCE_OP_LABELS, RESOURCE_OP_ORDER, resourceTypeLabel } from "./operation-labels";
import { TableScroll } from "@/components/ui/table-scroll";

/** Where each type is listed: what a change is about first. Types not named here follow, by name. */
const TYPE_ORDER = [
  "aws:autoscaling/group:Group",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "pulumi:providers:aws",
];

const TYPE_PLURALS: Record<string, string> = {
  "aws:autoscaling/group:Group": "Auto Scaling groups",
  "aws:ec2/launchTemplate:LaunchTemplate": "Launch templates",
  "aws:ec2/securityGroup:SecurityGroup": "Security groups",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "CloudWatch alarms",
  "pulumi:providers:aws": "AWS providers",
};

/** Properties that hold the cluster metadata tags (resourceTags in infra/tags.ts), not the resource's configuration. */
const TAG_PROPERTIES = new Set(["tags", "tagsAll", "tagSpecifications"]);

/** A group too long to read at a glance starts folded. */
const OPEN_UP_TO = 12;

const typeTitle = (type: string) => TYPE_PLURALS[type] ?? `${resourceTypeLabel(type)}s`;

function countsOf(changes: readonly ResourceChange[]): Partial<Record<ResourceOp, number>> {
  const counts: Partial<Record<ResourceOp, number>> = {};
  for (const c of changes) counts[c.op] = (counts[c.op] ?? 0) + 1;
  return counts;
}

function summary(changes: readonly ResourceChange[]): string {
  const counts = countsOf(changes);
  return RESOURCE_OP_ORDER.filter((op) => (counts[op] ?? 0) > 0)
    .map((op) => `${counts[op]} ${RESOURCE_OP_LABELS[op]}`)
    .join(" · ");
}

function byType(changes: readonly ResourceChange[]): [string, ResourceChange[]][] {
  const groups = new Map<string, ResourceChange[]>();
  for (const c of changes) groups.set(c.type, [...(groups.get(c.type) ?? []), c]);
  const rank = (t: string) => (TYPE_ORDER.includes(t) ? TYPE_ORDER.indexOf(t) : TYPE_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The changed properties of a change: its values when the engine sent them, else just the names. */
function propertiesOf(c: ResourceChange): PropertyChange[] {
  return c.propertyChanges ?? (c.changedProperties ?? []).map((name) => ({ name }));
}

export function isTagOnly(c: ResourceChange): boolean {
  const props = propertiesOf(c);
  return c.op === "update" && props.length > 0 && props.every((p) => TAG_PROPERTIES.has(p.name));
}

/** Tags as a map, from a tags object, an Auto Scaling group's [{key, value}] list, or launch template tag specifications. */
function tagMap(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null || typeof item !== "object") continue;
      const o = item as Record<string, unknown>;
      if (typeof o.key === "string") out.set(o.key, String(o.value ?? ""));
      else if (o.tags !== undefined) for (const [k, v] of tagMap(o.tags)) out.set(k, v);
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.set(k, String(v));
  }
  return out;
}

/** "plan-annual-cost-usd 350276.00 → 503007.00" for each tag that differs. */
export function tagChanges(p: PropertyChange): string[] {
  const before = tagMap(p.before);
  const after = tagMap(p.after);
  const lines: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) lines.push(`${k} ${before.has(k) ? before.get(k) : "(none)"} → ${v}`);
  for (const [k, v] of before) if (!after.has(k)) lines.push(`${k} ${v} → (removed)`);
  return lines;
}

function shown(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
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
  const tagOnly = changed.filter(isTagOnly);
  const main = changed.filter((c) => !isTagOnly(c));
  const same = diff.filter((c) => c.op === "same");
  const tagLines = [...new Set(tagOnly.flatMap((c) => propertiesOf(c).flatMap(tagChanges)))];
  return (
    <section className="diff" aria-label={label} data-testid="resource-diff">
      <Counts changes={diff} />
      {changed.length === 0 ? <p className="muted small">Nothing to change.</p> : null}
      {byType(main).map(([type, rows]) => (
        <DiffGroup key={type} type={type} rows={rows} />
      ))}
      {tagOnly.length > 0 ? (
        <details className="diff-type diff-tag-only" data-testid="diff-tag-only">
          <summary>
            <strong>
              {tagOnly.length} resource{tagOnly.length === 1 ? "" : "s"}: only their tags change
            </strong>
            {tagLines.length > 0 ? (
              <span className="muted small">
                {" "}
                — {tagLines.slice(0, 3).join("; ")}
                {tagLines.length > 3 ? ` and ${tagLines.length - 3} more` : ""}
              </span>
            ) : null}
          </summary>
          <DiffTable rows={tagOnly} showValues={false} />
        </details>
      ) : null}
      {same.length > 0 ? (
        <>
          <button type="button" className="button button--small button--link" onClick={() => setShowSame((v) => !v)} aria-pressed={showSame}>
            {showSame ? "Hide unchanged resources" : `Show ${same.length} unchanged resource${same.length === 1 ? "" : "s"}`}
          </button>
          {showSame ? (
            <div className="diff-same" data-testid="diff-same">
              {byType(same).map(([type, rows]) => (
                <DiffGroup key={type} type={type} rows={rows} />
              ))}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DiffGroup({ type, rows }: { type: string; rows: readonly ResourceChange[] }) {
  return (
    <details className="diff-type" data-testid="diff-type" data-type={type} open={rows.length <= OPEN_UP_TO}>
      <summary>
        <h4 className="diff-type-title">
          {typeTitle(type)} <span className="muted small">{summary(rows)}</span>
        </h4>
      </summary>
      <DiffTable rows={rows} showValues />
    </details>
  );
}

function DiffTable({ rows, showValues }: { rows: readonly ResourceChange[]; showValues: boolean }) {
  return (
    <TableScroll label={"Resources"}>
      <table className="table diff-table">
        <colgroup>
          <col className="diff-col-step" />
          <col className="diff-col-name" />
          <col className="diff-col-where" />
          <col />
        </colgroup>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Resource</th>
            <th scope="col">Where</th>
            <th scope="col">What changes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.urn} data-testid="diff-row" data-op={c.op} data-region={c.region ?? ""} data-zone={c.zone ?? ""}>
              <td className="nowrap">
                <span className={`diff-op diff-op--${c.op}`}>{RESOURCE_OP_LABELS[c.op]}</span>
              </td>
              <td className="diff-name">
                <code>{c.name}</code>
              </td>
              <td className="small nowrap">
                {[c.region, c.zone].filter(Boolean).join(" · ") || <span className="muted">stack-wide</span>}
                {c.role ? (
                  <>
                    {" "}
                    <span className="badge">{c.role}</span>
                  </>
                ) : null}
              </td>
              <td className="small">{showValues ? <PropertyChanges change={c} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function PropertyChanges({ change: c }: { change: ResourceChange }) {
  const props = propertiesOf(c);
  if (props.length === 0) return null;
  return (
    <ul className="property-changes">
      {props.map((p) =>
        TAG_PROPERTIES.has(p.name) ? (
          <li key={p.name} data-testid="property-change" data-property={p.name}>
            <code>{p.name}</code> {p.before === undefined && p.after === undefined ? "change" : tagChanges(p).join("; ") || "reordered"}
          </li>
        ) : (
          <li key={p.name} data-testid="property-change" data-property={p.name}>
            <code>{p.name}</code>{" "}
            {p.before === undefined && p.after === undefined ? (
              "changes"
            ) : shown(p.before) === shown(p.after) ? (
              // Both summarised the same way (a long value of equal length): say that it changes, not "x → x".
              <span className="muted">changes {shown(p.after)}</span>
            ) : (
              <>
                <span className="diff-before">{shown(p.before)}</span> → <span className="diff-after">{shown(p.after)}</span>
              </>
            )}
          </li>
        ),
      )}
    </ul>
  );
}
