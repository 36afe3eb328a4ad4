// A finished run's result: throughput achieved against the target, the percentiles of reads and writes — response
// time (from when each request was due: what a client at that rate sees) beside service time (from when it was
// sent: what a closed-loop tool would report) — and the errors by kind. A wide gap between the two times is the
// queueing a closed-loop benchmark would have hidden (coordinated omission).
import { PERCENTILE_VALUES, PERCENTILES, type BenchResult, type OpStats } from "@/lib/bench/result";
import { formatMetric } from "@/lib/metric-format";
import { TableScroll } from "@/components/ui/table-scroll";

const ms = (v: number) => formatMetric(v, "ms");
const count = (n: number) => n.toLocaleString("en-US");

function OpRows({ name, op }: { name: "Reads" | "Writes"; op: OpStats }) {
  if (op.ok + op.errors === 0) {
    return (
      <tr data-testid={`result-row-${name.toLowerCase()}`}>
        <th scope="row">{name}</th>
        <td colSpan={PERCENTILES.length + 3} className="muted">
          none sent (the profile&apos;s mix has no {name.toLowerCase()})
        </td>
      </tr>
    );
  }
  const rows = [
    { kind: "response", label: "response time", summary: op.latency },
    { kind: "service", label: "service time", summary: op.serviceTime },
  ] as const;
  return (
    <>
      {rows.map((r, i) => (
        <tr key={r.kind} data-testid={`result-row-${name.toLowerCase()}`} data-kind={r.kind}>
          {i === 0 ? (
            <th scope="rowgroup" rowSpan={2}>
              {name}
              <div className="muted small">
                {count(op.ok)} answered{op.errors > 0 ? ` · ${count(op.errors)} errors` : ""}
              </div>
            </th>
          ) : null}
          <td>{r.label}</td>
          {PERCENTILES.map((p) => (
            <td key={p} className="num" data-percentile={p}>
              {ms(r.summary.percentilesMs[p])}
            </td>
          ))}
          <td className="num">{ms(r.summary.meanMs)}</td>
          <td className="num">{ms(r.summary.maxMs)}</td>
        </tr>
      ))}
    </>
  );
}

export function BenchResultView({ result }: { result: BenchResult }) {
  const t = result.throughput;
  const sent = result.reads.ok + result.reads.errors + result.writes.ok + result.writes.errors;
  return (
    <div className="stack" data-testid="bench-result" data-outcome={result.outcome}>
      <dl className="bench-facts">
        <div>
          <dt>Achieved</dt>
          <dd data-testid="result-achieved">{formatMetric(t.achievedPerSecond, "per-second")}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{t.targetPerSecond === null ? "as fast as it goes (closed loop)" : formatMetric(t.targetPerSecond, "per-second")}</dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>
            {formatMetric(result.measuredS, "seconds")}
            {result.outcome === "cancelled" ? " (cancelled)" : ""}
          </dd>
        </div>
        <div>
          <dt>Requests</dt>
          <dd>{count(sent)}</dd>
        </div>
        <div>
          <dt>Warm-up</dt>
          <dd>
            {count(result.warmup.requests)} requests{result.warmup.errors > 0 ? `, ${count(result.warmup.errors)} errors` : ""}
          </dd>
        </div>
        <div>
          <dt>Prefill</dt>
          <dd>{result.prefill.keys > 0 ? `${count(result.prefill.keys)} keys` : "none"}</dd>
        </div>
      </dl>
      <TableScroll label="Percentiles">
        <table className="table bench-percentiles" data-testid="result-percentiles">
          <caption className="visually-hidden">Latency percentiles of reads and writes</caption>
          <thead>
            <tr>
              <th scope="col">Requests</th>
              <th scope="col">Measured as</th>
              {PERCENTILES.map((p) => (
                <th key={p} scope="col" className="num">
                  {PERCENTILE_VALUES[p].label}
                </th>
              ))}
              <th scope="col" className="num">
                mean
              </th>
              <th scope="col" className="num">
                max
              </th>
            </tr>
          </thead>
          <tbody>
            <OpRows name="Reads" op={result.reads} />
            <OpRows name="Writes" op={result.writes} />
          </tbody>
        </table>
      </TableScroll>
      <p className="muted small">
        {result.mode === "open-loop"
          ? "Response time counts from when each request was due at the target rate, so a stall shows in it even when the connection was busy; service time counts from when the request was actually sent."
          : "A closed-loop run (no target rate): each connection sends its next request when the last answers, so response and service time are the same and the run measures throughput."}
      </p>
      <section aria-labelledby="errors-title">
        <h3 id="errors-title">Errors</h3>
        {result.errors.length === 0 ? (
          <p className="muted" data-testid="result-no-errors">
            No errors.
          </p>
        ) : (
          <TableScroll label="Errors by kind">
            <table className="table" data-testid="result-errors">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Count
                  </th>
                  <th scope="col">First message</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e) => (
                  <tr key={e.kind}>
                    <td>
                      <code>{e.kind}</code>
                    </td>
                    <td className="num">{count(e.count)}</td>
                    <td className="wrap-anywhere">{e.sample}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
