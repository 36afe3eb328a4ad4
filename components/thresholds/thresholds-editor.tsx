"use client";
// SLA thresholds as an editable table: warning, critical and duration per metric and role. Checked in the
// browser with the same schema the server uses (ThresholdsUpdateSchema), and a 422's field errors
// ("thresholds.2.critical") land on the same cells.
import { useState } from "react";
import type { FieldError } from "@/lib/errors";
import type { Threshold } from "@/lib/schemas";
import { ThresholdsUpdateSchema } from "@/lib/schemas/datastore";
import { fieldPath } from "@/lib/errors";

type Cell = "warning" | "critical" | "forMinutes";
interface Row {
  source: Threshold;
  warning: string;
  critical: string;
  forMinutes: string;
}

const UNIT = { ms: "ms", percent: "%", count: "", "per-second": "/s", seconds: "s", status: "" } as const satisfies Record<Threshold["unit"], string>;

const rowOf = (t: Threshold): Row => ({ source: t, warning: t.warning === undefined ? "" : String(t.warning), critical: String(t.critical), forMinutes: String(t.forMinutes) });
const num = (s: string) => (s.trim() === "" ? undefined : Number(s.trim()));

export interface ThresholdsDraft {
  rows: Row[];
  errors: Record<string, string>;
  dirty: boolean;
  set: (index: number, cell: Cell, value: string) => void;
  /** The thresholds as typed, or null (with errors shown) when they break a rule. */
  validate: () => Threshold[] | null;
  /** Server field errors; returns those that name no cell. */
  showServerErrors: (errors: readonly FieldError[]) => FieldError[];
  reset: (thresholds: readonly Threshold[]) => void;
}

export function useThresholdsDraft(initial: readonly Threshold[]): ThresholdsDraft {
  const [rows, setRows] = useState<Row[]>(() => initial.map(rowOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const toThresholds = (rs: Row[]) =>
    rs.map((r) => {
      const { warning: _w, ...rest } = r.source;
      const warning = num(r.warning);
      return { ...rest, ...(warning === undefined ? {} : { warning }), critical: num(r.critical) ?? Number.NaN, forMinutes: num(r.forMinutes) ?? Number.NaN } as Threshold;
    });
  return {
    rows,
    errors,
    dirty,
    set: (index, cell, value) => {
      setRows((rs) => rs.map((r, i) => (i === index ? { ...r, [cell]: value } : r)));
      setErrors((es) => {
        const { [`thresholds.${index}.${cell}`]: _gone, ...rest } = es;
        return rest;
      });
      setDirty(true);
    },
    validate: () => {
      const thresholds = toThresholds(rows);
      const parsed = ThresholdsUpdateSchema.safeParse({ thresholds });
      if (parsed.success) {
        setErrors({});
        return parsed.data.thresholds;
      }
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = fieldPath(issue.path);
        next[key] ??= /expected number, received NaN/i.test(issue.message) ? "must be a number" : issue.message;
      }
      setErrors(next);
      return null;
    },
    showServerErrors: (fieldErrors) => {
      const next: Record<string, string> = {};
      const rest: FieldError[] = [];
      for (const e of fieldErrors) {
        if (/^thresholds\.\d+\.(warning|critical|forMinutes)$/.test(e.field)) next[e.field] ??= e.message;
        else rest.push(e);
      }
      setErrors(next);
      return rest;
    },
    reset: (thresholds) => {
      setRows(thresholds.map(rowOf));
      setErrors({});
      setDirty(false);
    },
  };
}

export function ThresholdsEditor({ draft, editable }: { draft: ThresholdsDraft; editable: boolean }) {
  if (draft.rows.length === 0) return <p className="empty">No thresholds.</p>;
  const cell = (i: number, name: Cell, row: Row, label: string) => {
    const key = `thresholds.${i}.${name}`;
    const error = draft.errors[key];
    const id = `th-${i}-${name}`;
    return (
      <td className="num">
        {editable ? (
          <>
            <input
              id={id}
              className="input"
              inputMode="decimal"
              aria-label={`${label} for ${row.source.metric} (${row.source.role})`}
              value={row[name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => draft.set(i, name, e.target.value)}
              data-testid={`threshold-${row.source.metric}-${name}`}
            />
            {error ? (
              <p className="field-error" id={`${id}-error`} role="alert" data-testid={`field-error-${key}`}>
                {error}
              </p>
            ) : null}
          </>
        ) : (
          <span data-testid={`threshold-${row.source.metric}-${name}`}>{row[name] === "" ? "—" : row[name]}</span>
        )}
      </td>
    );
  };
  return (
    <div className="table-wrap">
      <table className="table" data-testid="thresholds">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Role</th>
            <th scope="col">Alert when</th>
            <th scope="col" className="num">
              Warning
            </th>
            <th scope="col" className="num">
              Critical
            </th>
            <th scope="col" className="num">
              For (min)
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.rows.map((row, i) => (
            <tr key={`${row.source.metric}-${row.source.role}`} data-testid="threshold-row" data-metric={row.source.metric}>
              <td className="nowrap">
                <code>{row.source.metric}</code>
                <div className="muted small">{row.source.description}</div>
              </td>
              <td>{row.source.role}</td>
              <td className="nowrap">
                {row.source.comparison} {UNIT[row.source.unit] ? <span className="muted">({UNIT[row.source.unit]})</span> : null}
              </td>
              {cell(i, "warning", row, "Warning")}
              {cell(i, "critical", row, "Critical")}
              {cell(i, "forMinutes", row, "Minutes")}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
