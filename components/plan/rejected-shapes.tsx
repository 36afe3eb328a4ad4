// Instance shapes the planner tried and ruled out, one line per reason, collapsed: most readers only need
// to know they were considered.
import type { RejectedShape } from "@/lib/schemas";

export function RejectedShapes({ rejected }: { rejected: readonly RejectedShape[] }) {
  if (rejected.length === 0) return null;
  const count = rejected.reduce((n, r) => n + 1 + r.similar.length, 0);
  return (
    <section className="card" aria-labelledby="rejected-title">
      <details className="disclosure" data-testid="rejected-shapes">
        <summary>
          <span id="rejected-title" className="disclosure-title">
            Rejected instance shapes
          </span>{" "}
          <span className="muted">({count} shapes)</span>
        </summary>
        <ul className="rejected-list">
          {rejected.map((r) => (
            <li key={r.instanceType}>
              <code>{r.instanceType}</code>
              {r.similar.length > 0 ? <span className="muted small"> and {r.similar.length} similar</span> : null}
              <span className="rejected-reason">{r.reason}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
