// Which store family fits, how well, and why — with the companions it needs and the families ruled out.
import { FAMILY_TITLES, type RecommendationResult } from "@/lib/schemas";

export function RecommendationCard({ recommendation }: { recommendation: RecommendationResult }) {
  const [top, ...others] = recommendation.recommendations;
  return (
    <section className="card recommendation" aria-labelledby="rec-title" data-testid="recommendation">
      <div className="card-head">
        <p className="eyebrow" id="rec-title">
          Recommended store
        </p>
      </div>
      {top ? (
        <>
          <div className="rec-head">
            <div>
              <h2 className="rec-family" data-testid="recommended-family" data-family={top.family}>
                {FAMILY_TITLES[top.family]}
              </h2>
              <code className="family-code">{top.family}</code>
            </div>
            <Score value={top.score} />
          </div>
          <ul className="reasons">
            {top.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {top.companions.length > 0 ? (
            <div className="companions">
              {top.companions.map((c) => (
                <div key={`${c.family}-${c.role}`} className="companion" data-testid="companion">
                  <p>
                    <span className="badge">+ {c.role}</span> <strong>{FAMILY_TITLES[c.family]}</strong>
                    {c.optional ? <span className="muted small"> · optional: the plan keeps it only where it is cheaper</span> : null}
                  </p>
                  <ul className="reasons reasons--small">
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ) : null}
          {top.warnings.length > 0 ? <Warnings items={top.warnings} /> : null}
        </>
      ) : (
        <p className="empty" data-testid="recommended-family" data-family="">
          No family fits this workload as described.
        </p>
      )}
      {recommendation.warnings.length > 0 ? <Warnings items={recommendation.warnings} /> : null}
      {others.length > 0 || recommendation.rejected.length > 0 ? (
        <details className="disclosure">
          <summary>
            Other families{" "}
            <span className="muted">
              ({others.length} possible, {recommendation.rejected.length} ruled out)
            </span>
          </summary>
          <ul className="family-list">
            {others.map((r) => (
              <li key={r.family}>
                <div className="family-row">
                  <strong>{FAMILY_TITLES[r.family]}</strong>
                  <Score value={r.score} small />
                </div>
                {r.reasons.length > 0 ? <p className="muted small">{r.reasons.join(" · ")}</p> : null}
              </li>
            ))}
            {recommendation.rejected.map((r) => (
              <li key={r.family} data-testid="rejected-family">
                <div className="family-row">
                  <strong>{FAMILY_TITLES[r.family]}</strong>
                  <span className="badge badge--danger">ruled out</span>
                </div>
                <ul className="reasons reasons--small reasons--against">
                  {r.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function Score({ value, small = false }: { value: number; small?: boolean }) {
  const rounded = Math.round(value);
  return (
    <div className={`score${small ? " score--small" : ""}`} title="How well the family fits, 0–100">
      <span className="score-value">{rounded}</span>
      <span className="score-track" aria-hidden="true">
        <span className="score-fill" style={{ width: `${Math.min(100, Math.max(0, rounded))}%` }} />
      </span>
      <span className="visually-hidden">fit score {rounded} of 100</span>
    </div>
  );
}

function Warnings({ items }: { items: readonly string[] }) {
  return (
    <ul className="warnings">
      {items.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}
