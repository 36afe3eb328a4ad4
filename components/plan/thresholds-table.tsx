// The alert thresholds (SLAs) that go with the plan; they become alarms when the store is provisioned.
import type { Threshold } from "@/lib/schemas";
import { TableScroll } from "@/components/ui/table-scroll";

const UNIT_SUFFIX = { ms: " ms", percent: "%", count: "", "per-second": "/s", seconds: " s", status: "" } as const satisfies Record<Threshold["unit"], string>;

function value(v: number | undefined, unit: Threshold["unit"]): string {
  if (v === undefined) return "—";
  return `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })}${UNIT_SUFFIX[unit]}`;
}

export function ThresholdsTable({ thresholds }: { thresholds: readonly Threshold[] }) {
  return (
    <section className="card" aria-labelledby="thresholds-title">
      <div className="card-head">
        <h2 id="thresholds-title">Thresholds</h2>
        <p className="muted">Alerts that come with the recommended plan.</p>
      </div>
      {thresholds.length === 0 ? (
        <p className="empty">The model sets no thresholds for this plan.</p>
      ) : (
        <TableScroll label={"Thresholds"}>
          <table className="table" data-testid="thresholds">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Warning
                </th>
                <th scope="col" className="num">
                  Critical
                </th>
                <th scope="col">For</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {thresholds.map((t) => (
                <tr key={`${t.family}-${t.role}-${t.metric}`}>
                  <td className="nowrap">
                    <code>{t.metric}</code>
                  </td>
                  <td>{t.role}</td>
                  <td className="num">
                    {t.comparison === "below" && t.warning !== undefined ? "< " : ""}
                    {value(t.warning, t.unit)}
                  </td>
                  <td className="num">
                    {t.comparison === "below" ? "< " : "> "}
                    {value(t.critical, t.unit)}
                  </td>
                  <td className="nowrap">{t.forMinutes} min</td>
                  <td className="muted small">{t.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
