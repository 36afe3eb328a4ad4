// How dsp shows the portal's answers to people: recommendations and plans, requests, datastores, operations.
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { DatastoreDetailDto, DatastoreSummary } from "@/lib/schemas/datastore";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Plan, PlanResult, RecommendationResult } from "@/lib/schemas/plan";
import type { RequestDetailDto, RequestSummary } from "@/lib/schemas/request";
import { dollars, dollarsDelta, renderFields, renderTable } from "./table";

/** The primary role's shape and nodes per zone, in the plan's first region: "i4i.xlarge × 2/zone". */
export function shapeOf(plan: Pick<Plan, "clusters">): string {
  const primary = plan.clusters[0];
  return primary ? `${primary.instanceType} × ${primary.nodesPerZone}/zone` : "—";
}

export const nodesOf = (plan: Pick<Plan, "clusters">) => plan.clusters.reduce((n, c) => n + c.nodes, 0);

/** Why this plan: what set its size (the driver), else the planner's first explanation. */
export function whyOf(plan: Plan): string {
  return plan.driver ? `sized by ${plan.driver.text}` : (plan.explanation[0] ?? `sized by ${plan.bottleneck}`);
}

export function renderRecommendation(r: RecommendationResult): string {
  const fits = r.recommendations.map((rec) => ({
    family: rec.family,
    score: String(Math.round(rec.score)),
    why: [rec.reasons[0] ?? "", ...rec.companions.map((c) => `+ ${c.family} as ${c.role}${c.optional ? " (optional)" : ""}`)].filter(Boolean).join("; "),
  }));
  const rejected = r.rejected.map((x) => ({ family: x.family, score: "—", why: `not suitable: ${x.reasons[0] ?? ""}` }));
  let out = `Recommendation\n${renderTable(
    [...fits, ...rejected],
    [
      { header: "FAMILY", cell: (x) => x.family },
      { header: "SCORE", cell: (x) => x.score, align: "right" },
      { header: "WHY", cell: (x) => x.why, maxWidth: 90 },
    ],
  )}`;
  for (const w of r.warnings) out += `warning: ${w}\n`;
  return out;
}

export function renderPlans(result: PlanResult): string {
  let out = `Plans for ${result.family}${result.recommended ? " (recommended)" : " (as asked)"}\n`;
  out += renderTable(result.plans, [
    { header: "RANK", cell: (p) => String(p.rank), align: "right" },
    { header: "FAMILY", cell: (p) => p.family },
    { header: "SHAPE", cell: shapeOf },
    { header: "NODES", cell: (p) => String(nodesOf(p)), align: "right" },
    { header: "MONTHLY", cell: (p) => dollars(p.monthlyCost), align: "right" },
    { header: "ANNUAL", cell: (p) => dollars(p.annualCost), align: "right" },
    { header: "WHY", cell: whyOf, maxWidth: 60 },
  ]);
  if (result.plans.length === 0) out += "no shape can serve this workload\n";
  if (result.uncertainty) {
    const a = result.uncertainty.annualCost;
    out += `cost spread over ${result.uncertainty.simulations} simulated worlds: p5 ${dollars(a.p5)}, p50 ${dollars(a.p50)}, p95 ${dollars(a.p95)} a year\n`;
  }
  for (const w of result.warnings) out += `warning: ${w}\n`;
  return out;
}

export function renderRequest(r: RequestDetailDto): string {
  const chosen = r.planResult?.plans.find((p) => p.rank === (r.chosenRank ?? 1));
  const fields: [string, string][] = [
    ["request", r.id],
    ["name", r.name],
    ["team", r.team.slug],
    ["status", r.status],
    ["family", r.planResult?.family ?? r.family ?? "recommended at submission"],
    ["created by", r.createdBy.email],
  ];
  if (chosen)
    fields.push([
      "chosen plan",
      `rank ${chosen.rank}: ${shapeOf(chosen)}, ${nodesOf(chosen)} nodes, ${dollars(chosen.monthlyCost)}/mo (${dollars(chosen.annualCost)}/yr)`,
    ]);
  if (r.datastoreId) fields.push(["datastore", r.datastoreId]);
  let out = renderFields(fields);
  for (const d of r.decisions) out += `  ${d.createdAt.slice(0, 16).replace("T", " ")} ${d.reviewer.email} ${d.decision}${d.comment ? `: ${d.comment}` : ""}\n`;
  const next = Object.entries(r.actions)
    .filter(([, a]) => a.allowed)
    .map(([k]) => k);
  if (next.length > 0) out += `you may: ${next.join(", ")}\n`;
  return out;
}

export function renderRequestList(items: readonly RequestSummary[]): string {
  if (items.length === 0) return "no requests\n";
  return renderTable(items, [
    { header: "ID", cell: (r) => r.id },
    { header: "NAME", cell: (r) => r.name },
    { header: "TEAM", cell: (r) => r.team.slug },
    { header: "STATUS", cell: (r) => r.status },
    { header: "FAMILY", cell: (r) => r.chosen?.family ?? r.family ?? "—" },
    { header: "NODES", cell: (r) => (r.chosen ? String(r.chosen.nodes) : "—"), align: "right" },
    { header: "MONTHLY", cell: (r) => (r.chosen ? dollars(r.chosen.monthlyCost) : "—"), align: "right" },
    { header: "CREATED", cell: (r) => r.createdAt.slice(0, 10) },
  ]);
}

export function renderDatastoreList(items: readonly DatastoreSummary[]): string {
  if (items.length === 0) return "no datastores\n";
  return renderTable(items, [
    { header: "ID", cell: (d) => d.id },
    { header: "NAME", cell: (d) => d.name },
    { header: "TEAM", cell: (d) => d.team.slug },
    { header: "FAMILY", cell: (d) => d.family },
    { header: "TIER", cell: (d) => String(d.tier), align: "right" },
    { header: "STATUS", cell: (d) => d.status },
    { header: "NODES", cell: (d) => String(d.nodes), align: "right" },
    { header: "MONTHLY", cell: (d) => dollars(d.monthlyCost), align: "right" },
    { header: "REGIONS", cell: (d) => d.regions.join(",") },
  ]);
}

export function renderDatastore(d: DatastoreDetailDto): string {
  let out = renderFields([
    ["datastore", d.id],
    ["name", d.name],
    ["team", d.team.slug],
    ["family", `${d.family} (${d.engine} ${d.engineVersion})`],
    ["tier", String(d.tier)],
    ["status", d.status],
    ["cost", `${dollars(d.monthlyCost)}/mo (${dollars(d.annualCost)}/yr)`],
    ["request", d.requestId],
  ]);
  out += `\nTopology\n${renderTable(d.topology, [
    { header: "REGION", cell: (c) => c.region },
    { header: "ROLE", cell: (c) => c.role },
    { header: "FAMILY", cell: (c) => c.family },
    { header: "SHAPE", cell: (c) => c.instanceType },
    { header: "PER ZONE", cell: (c) => String(c.nodesPerZone), align: "right" },
    { header: "ZONES", cell: (c) => String(c.zones), align: "right" },
    { header: "NODES", cell: (c) => String(c.nodes), align: "right" },
  ])}`;
  if (d.thresholds.length > 0) {
    out += `\nThresholds\n${renderTable(d.thresholds, [
      { header: "METRIC", cell: (t) => t.metric },
      { header: "ROLE", cell: (t) => t.role },
      { header: "WARNING", cell: (t) => (t.warning === undefined ? "—" : `${t.comparison === "above" ? ">" : "<"} ${t.warning}`), align: "right" },
      { header: "CRITICAL", cell: (t) => `${t.comparison === "above" ? ">" : "<"} ${t.critical}`, align: "right" },
      { header: "UNIT", cell: (t) => t.unit },
      { header: "FOR", cell: (t) => `${t.forMinutes} min`, align: "right" },
    ])}`;
  }
  return out;
}

export function progressOf(op: Pick<OperationDto, "progress">): string {
  const { planned, done } = op.progress;
  return planned ? `${done}/${planned}` : String(done);
}

export function renderOperation(op: OperationDto): string {
  const fields: [string, string][] = [
    ["operation", op.id],
    ["datastore", op.datastoreId],
    ["kind", `${op.kind} (${op.purpose})${op.attempt > 1 ? `, attempt ${op.attempt}` : ""}`],
    ["status", op.status],
    ["progress", `${progressOf(op)} steps`],
    ["requested by", op.requestedBy],
  ];
  if (op.previewId) fields.push(["confirms preview", op.previewId]);
  if (op.summary) fields.push(["summary", summaryText(op.summary)]);
  if (op.error) fields.push(["error", `${op.error.message}${op.error.resourceName ? ` (${op.error.resourceName})` : ""}`]);
  return renderFields(fields);
}

export function summaryText(summary: Partial<Record<string, number>>): string {
  const parts = Object.entries(summary)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export function renderOperationList(items: readonly OperationDto[]): string {
  if (items.length === 0) return "no operations\n";
  return renderTable(items, [
    { header: "ID", cell: (o) => o.id },
    { header: "KIND", cell: (o) => o.kind },
    { header: "PURPOSE", cell: (o) => o.purpose },
    { header: "STATUS", cell: (o) => o.status },
    { header: "PROGRESS", cell: progressOf, align: "right" },
    { header: "CREATED", cell: (o) => o.createdAt.slice(0, 19).replace("T", " ") },
  ]);
}

export function renderChange(c: DatastoreChangeDto): string {
  const fields: [string, string][] = [
    ["change", c.id],
    ["kind", c.kind],
    ["status", c.status],
    [
      "cost",
      `${dollars(c.before.annualCost)}/yr → ${c.after ? dollars(c.after.annualCost) : "—"}/yr (${c.after ? dollarsDelta(c.after.annualCost - c.before.annualCost) : "—"})`,
    ],
  ];
  if (c.needsApproval) fields.push(["needs a reviewer", c.approvalReasons.join("; ")]);
  if (c.previewId) fields.push(["preview", c.previewId]);
  return renderFields(fields);
}
