// dsp bench run | show | compare: benchmark a cluster of a datastore, read a run, compare two (the gate's verdict).
import type { BenchComparison, BenchRun } from "@/lib/schemas/bench-run";
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { resolveDatastoreId } from "../resolve";
import { renderFields, renderTable } from "../table";

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "interrupted"]);
const ms = (v: number) => `${v} ms`;

function intFlag(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`--${name} must be a whole number from ${min} to ${max} (got ${raw}).`);
  return n;
}

export function renderBenchRun(run: BenchRun): string {
  const where = `${run.region} ${run.role} (${run.driver}, ${run.target === "synthetic" ? "SYNTHETIC: the simulation's model, no load sent" : run.target})`;
  const rate = run.profile.rate === "unbounded" ? "unbounded" : `${Math.round(run.profile.rate)}/s`;
  const fields: [string, string][] = [
    ["Benchmark", `${run.id} — ${run.label}`],
    ["Status", run.status + (run.error ? `: ${run.error}` : "")],
    ["Cluster", where],
    ["Engine", run.engineVersion],
    ["Profile", `${rate}, read ${Math.round(run.profile.mix.read * 100)} %, ${run.profile.connections} connections, ${run.profile.durationS} s`],
  ];
  if (run.progress && !run.result)
    fields.push(["Progress", `${run.progress.phase} ${run.progress.elapsedS} s: ${run.progress.answered} answered, ${run.progress.errors} errors`]);
  let out = renderFields(fields);
  const r = run.result;
  if (r) {
    out += `\n${r.outcome === "cancelled" ? "Cancelled after " : "Measured "}${r.measuredS} s: ${Math.round(r.throughput.achievedPerSecond)} requests/s${run.synthetic ? " (synthetic)" : ""}\n`;
    const rows = [
      { op: "reads", s: r.reads },
      { op: "writes", s: r.writes },
    ].filter((x) => x.s.ok + x.s.errors > 0);
    out += renderTable(rows, [
      { header: "OP", cell: (x) => x.op },
      { header: "OK", cell: (x) => String(x.s.ok), align: "right" },
      { header: "ERRORS", cell: (x) => String(x.s.errors), align: "right" },
      { header: "P50", cell: (x) => ms(x.s.latency.percentilesMs.p50), align: "right" },
      { header: "P95", cell: (x) => ms(x.s.latency.percentilesMs.p95), align: "right" },
      { header: "P99", cell: (x) => ms(x.s.latency.percentilesMs.p99), align: "right" },
      { header: "P99.9", cell: (x) => ms(x.s.latency.percentilesMs.p99_9), align: "right" },
      { header: "SERVICE P99", cell: (x) => ms(x.s.serviceTime.percentilesMs.p99), align: "right" },
    ]);
    for (const e of r.errors) out += `error ${e.kind} ×${e.count}: ${e.sample}\n`;
  }
  return out;
}

export function renderBenchComparison(c: BenchComparison): string {
  let out = renderFields([
    ["Baseline", c.baselineRunId],
    ["Candidate", c.candidateRunId],
    ["Verdict", c.verdict.toUpperCase() + (c.synthetic ? " (synthetic figures)" : "")],
  ]);
  const rows = (["reads", "writes"] as const).flatMap((op) => {
    const cmp = c.comparison[op];
    if (!cmp) return [];
    return (["p50", "p95", "p99", "p99_9"] as const).map((p) => ({ op, p, d: cmp.percentiles[p] }));
  });
  if (rows.length > 0)
    out +=
      "\n" +
      renderTable(rows, [
        { header: "OP", cell: (x) => x.op },
        { header: "PCT", cell: (x) => x.p.replace("_", ".") },
        { header: "BASELINE", cell: (x) => ms(x.d.baselineMs), align: "right" },
        { header: "CANDIDATE", cell: (x) => ms(x.d.candidateMs), align: "right" },
        { header: "DELTA", cell: (x) => (x.d.deltaPct === null ? `${x.d.deltaMs} ms` : `${x.d.deltaPct >= 0 ? "+" : ""}${x.d.deltaPct} %`), align: "right" },
      ]);
  out += "\n" + c.reasons.map((r) => `- ${r}\n`).join("");
  for (const n of c.notes) out += `note: ${n}\n`;
  return out;
}

export async function run(ctx: CommandContext) {
  const client = await ctx.client();
  if (ctx.name === "bench run") {
    const id = await resolveDatastoreId(client, ctx.positionals[0] ?? "", stringFlag(ctx, "team"));
    const durationS = intFlag(ctx, "duration", 1, 3600);
    const region = stringFlag(ctx, "region");
    const role = stringFlag(ctx, "role");
    const label = stringFlag(ctx, "label");
    let current = await client.get("startBenchRun", {
      params: { id },
      body: {
        ...(region ? { region } : {}),
        ...(role ? { role } : {}),
        ...(label ? { label } : {}),
        ...(durationS !== undefined ? { derive: { durationS } } : {}),
      },
    });
    if (boolFlag(ctx, "wait")) {
      if (!ctx.json)
        ctx.io.stderr.write(`Benchmark ${current.id} queued; waiting for it (${current.profile.warmupS + current.profile.durationS} s of load)…\n`);
      while (!TERMINAL.has(current.status)) {
        await new Promise((r) => setTimeout(r, 1000));
        current = await client.get("getBenchRun", { params: { id: current.id } });
      }
    }
    if (ctx.json) printJson(ctx, current);
    else {
      ctx.io.stdout.write(renderBenchRun(current));
      if (!boolFlag(ctx, "wait")) ctx.io.stdout.write(`\nFollow it: dsp bench show ${current.id}\n`);
    }
    return current.status === "failed" || current.status === "cancelled" || current.status === "interrupted" ? EXIT.failure : EXIT.ok;
  }
  if (ctx.name === "bench show") {
    const run = await client.get("getBenchRun", { params: { id: ctx.positionals[0] ?? "" } });
    if (ctx.json) printJson(ctx, run);
    else ctx.io.stdout.write(renderBenchRun(run));
    return EXIT.ok;
  }
  const maxRegression = stringFlag(ctx, "max-regression");
  const cmp = await client.get("compareBenchRuns", {
    query: {
      baseline: ctx.positionals[0] ?? "",
      candidate: ctx.positionals[1] ?? "",
      ...(maxRegression !== undefined ? { maxRegressionPct: maxRegression } : {}),
    },
  });
  if (ctx.json) printJson(ctx, cmp);
  else ctx.io.stdout.write(renderBenchComparison(cmp));
  return cmp.verdict === "pass" ? EXIT.ok : EXIT.failure;
}
