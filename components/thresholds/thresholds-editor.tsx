"use client";
// SLA thresholds as an editable table: warning, critical and duration per metric and role. Checked in the
// browser with the same schema the server uses (ThresholdsUpdateSchema) — each cell as soon as it is left, all of
// them on save (focusing the first bad one) — and a 422's field errors ("thresholds.2.critical") land on the same
// cells. Errors sit in a line under their row, so the table keeps its columns.
import { useState } from "react";
import type { FieldError } from "@/lib/errors";
import type { Threshold } from "@/lib/schemas";
import { ThresholdsUpdateSchema } from "@/lib/schemas/datastore";
import { fieldPath } from "@/lib/errors";
import { parseNumberText } from "@/components/ui/number-text";
import { TableScroll } from "@/components/ui/table-scroll";

type Cell = "warning" | "critical" | "forMinutes";
const CELLS: readonly Cell[] = ["warning", "critical", "forMinutes"];
const CELL_LABELS: Record<Cell, string> = { warning: "Warning", critical: "Critical", forMinutes: "Minutes" };
interface Row {
  source: Threshold;
  warning: string;
  critical: string;
  forMinutes: string;
}

const UNIT = { ms: "ms", percent: "%", count: "", "per-second": "/s", seconds: "s", status: "" } as const satisfies Record<Threshold["unit"], string>;

const rowOf = (t: Threshold): Row => ({
  source: t,
  warning: t.warning === undefined ? "" : String(t.warning),
  critical: String(t.critical),
  forMinutes: String(t.forMinutes),
});
const keyOf = (index: number, cell: Cell) => `thresholds.${index}.${cell}`;
/** The input of a cell: its id is what focus() and aria-describedby use. */
export const cellId = (index: number, cell: Cell) => `th-${index}-${cell}`;

/** Every problem of the rows as typed: unreadable numbers first (with how to write them), then the schema's rules. */
function problemsOf(rows: readonly Row[]): { thresholds: Threshold[] | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const thresholds = rows.map((r, i) => {
    const read = (cell: Cell) => {
      const parsed = parseNumberText(r[cell]);
      if (parsed.ok) return parsed.value;
      errors[keyOf(i, cell)] = parsed.message;
      // The saved value stands in, so the schema still checks the other rows (its cross-checks stop at a NaN).
      return r.source[cell];
    };
    const { warning: _w, ...rest } = r.source;
    const warning = read("warning");
    const critical = read("critical");
    const forMinutes = read("forMinutes");
    if (critical === undefined) errors[keyOf(i, "critical")] ??= "is required: the value that pages someone";
    if (forMinutes === undefined) errors[keyOf(i, "forMinutes")] ??= "is required: how many minutes the condition must hold";
    return { ...rest, ...(warning === undefined ? {} : { warning }), critical: critical ?? Number.NaN, forMinutes: forMinutes ?? Number.NaN } as Threshold;
  });
  const parsed = ThresholdsUpdateSchema.safeParse({ thresholds });
  if (parsed.success && Object.keys(errors).length === 0) return { thresholds: parsed.data.thresholds, errors };
  // A row with an unreadable number is fixed there first: the cross-checks would only repeat it ("greater than NaN").
  const unreadable = new Set(Object.keys(errors).map((k) => k.split(".")[1]));
  for (const issue of parsed.error?.issues ?? []) {
    if (unreadable.has(String(issue.path[1]))) continue;
    errors[fieldPath(issue.path)] ??= issue.message;
  }
  return { thresholds: null, errors };
}

export interface ThresholdsDraft {
  rows: Row[];
  /** The errors on show: of the cells already left, or all of them after a save. */
  errors: Record<string, string>;
  dirty: boolean;
  set: (index: number, cell: Cell, value: string) => void;
  /** A cell was left: check it now. */
  check: (index: number, cell: Cell) => void;
  /** The thresholds as typed, or null (with every error shown and the first bad cell focused) when they break a rule. */
  validate: () => Threshold[] | null;
  /** Server field errors; returns those that name no cell. */
  showServerErrors: (errors: readonly FieldError[]) => FieldError[];
  reset: (thresholds: readonly Threshold[]) => void;
}

/** The first cell (in row, then column order) with an error, focused. */
function focusFirst(errors: Record<string, string>, rows: number): void {
  for (let i = 0; i < rows; i += 1) {
    for (const cell of CELLS) {
      if (errors[keyOf(i, cell)]) {
        document.getElementById(cellId(i, cell))?.focus();
        return;
      }
    }
  }
}

export function useThresholdsDraft(initial: readonly Threshold[]): ThresholdsDraft {
  const [rows, setRows] = useState<Row[]>(() => initial.map(rowOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [dirty, setDirty] = useState(false);
  const shown = (all: Record<string, string>, visible: ReadonlySet<string>) => Object.fromEntries(Object.entries(all).filter(([k]) => visible.has(k)));
  return {
    rows,
    errors,
    dirty,
    set: (index, cell, value) => {
      setRows((rs) => rs.map((r, i) => (i === index ? { ...r, [cell]: value } : r)));
      setErrors((es) => {
        const { [keyOf(index, cell)]: _gone, ...rest } = es;
        return rest;
      });
      setDirty(true);
    },
    check: (index, cell) => {
      const visible = new Set(left).add(keyOf(index, cell));
      setLeft(visible);
      setErrors(shown(problemsOf(rows).errors, visible));
    },
    validate: () => {
      const { thresholds, errors: all } = problemsOf(rows);
      setLeft(new Set(Object.keys(all)));
      setErrors(all);
      if (!thresholds) focusFirst(all, rows.length);
      return thresholds;
    },
    showServerErrors: (fieldErrors) => {
      const next: Record<string, string> = {};
      const rest: FieldError[] = [];
      for (const e of fieldErrors) {
        if (/^thresholds\.\d+\.(warning|critical|forMinutes)$/.test(e.field)) next[e.field] ??= e.message;
        else rest.push(e);
      }
      setErrors(next);
      setLeft(new Set(Object.keys(next)));
      focusFirst(next, rows.length);
      return rest;
    },
    reset: (thresholds) => {
      setRows(thresholds.map(rowOf));
      setErrors({});
      setLeft(new Set());
      setDirty(false);
    },
  };
}

export function ThresholdsEditor({ draft, editable }: { draft: ThresholdsDraft; editable: boolean }) {
  if (draft.rows.length === 0) return <p className="empty">No thresholds.</p>;
  const cell = (i: number, name: Cell, row: Row) => {
    const key = keyOf(i, name);
    const error = draft.errors[key];
    const id = cellId(i, name);
    return (
      <td className="num">
        {editable ? (
          <input
            id={id}
            className="input threshold-input"
            inputMode="decimal"
            autoComplete="off"
            aria-label={`${CELL_LABELS[name]} for ${row.source.metric} (${row.source.role})`}
            value={row[name]}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => draft.set(i, name, e.target.value)}
            onBlur={() => draft.check(i, name)}
            data-testid={`threshold-${row.source.metric}-${name}`}
          />
        ) : (
          <span data-testid={`threshold-${row.source.metric}-${name}`}>{row[name] === "" ? "—" : row[name]}</span>
        )}
      </td>
    );
  };
  return (
    <TableScroll label={"SLA thresholds"}>
      <table className="table thresholds-table" data-testid="thresholds">
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
        {draft.rows.map((row, i) => {
          const errors = CELLS.flatMap((c) => (draft.errors[keyOf(i, c)] ? [{ cell: c, message: draft.errors[keyOf(i, c)] ?? "" }] : []));
          // One body per threshold: its row, and under it the row's errors across the whole width.
          return (
            <tbody
              key={`${row.source.metric}-${row.source.role}`}
              className={errors.length > 0 ? "threshold-group threshold-group--invalid" : "threshold-group"}
            >
              <tr data-testid="threshold-row" data-metric={row.source.metric}>
                <td className="nowrap">
                  <code>{row.source.metric}</code>
                  <div className="muted small">{row.source.description}</div>
                </td>
                <td>{row.source.role}</td>
                <td className="nowrap">
                  {row.source.comparison} {UNIT[row.source.unit] ? <span className="muted">({UNIT[row.source.unit]})</span> : null}
                </td>
                {cell(i, "warning", row)}
                {cell(i, "critical", row)}
                {cell(i, "forMinutes", row)}
              </tr>
              {editable && errors.length > 0 ? (
                <tr className="threshold-error-row">
                  <td colSpan={6}>
                    {errors.map((e) => (
                      <p key={e.cell} className="field-error" role="alert" id={`${cellId(i, e.cell)}-error`} data-testid={`field-error-${keyOf(i, e.cell)}`}>
                        {CELL_LABELS[e.cell]}: {e.message}
                      </p>
                    ))}
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
    </TableScroll>
  );
}
