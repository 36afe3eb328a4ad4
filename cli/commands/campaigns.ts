// dsp campaign list | show | create | start | pause | resume | abort | approve: upgrade campaigns on the REST API.
// Waves are numbered as people read them (1 is the first, as the portal's campaign page shows them); the API counts
// from 0. A failed gate or a campaign that halted exits 1 from `show`, so a pipeline can wait on it.
import {
  describeImages,
  type CampaignDto,
  type CampaignEventDto,
  type CampaignGate,
  type CampaignTargetDto,
  type CampaignWaveDto,
} from "@/lib/schemas/campaign";
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { CliError, EXIT, usageError } from "../exit-codes";
import { resolveDatastoreId } from "../resolve";
import { renderFields, renderTable } from "../table";

const TIER_NAMES = ["critical", "important", "supporting", "test"] as const;
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");
const ms = (v: number | null) => (v === null ? "—" : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)}%`);

function numberFlag(ctx: CommandContext, name: string, opts: { int?: boolean } = {}): number | undefined {
  const raw = stringFlag(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  // Only the shape is checked here; the bounds are the server's (its 422 names the field).
  if (raw.trim() === "" || !Number.isFinite(n) || (opts.int && !Number.isInteger(n)))
    throw usageError(`--${name} must be ${opts.int ? "a whole number" : "a number"} (got ${JSON.stringify(raw)}).`);
  return n;
}

function progressOf(c: CampaignDto): string {
  const k = c.counts;
  const parts = [`${k.done}/${k.total} done`];
  if (k.rolledBack > 0) parts.push(`${k.rolledBack} rolled back`);
  if (k.failed > 0) parts.push(`${k.failed} failed`);
  if (k.skipped > 0) parts.push(`${k.skipped} skipped`);
  return parts.join(", ");
}

export function renderCampaignList(items: readonly CampaignDto[]): string {
  if (items.length === 0) return "No campaigns.\n";
  return renderTable(items, [
    { header: "ID", cell: (c) => c.id },
    { header: "RELEASE", cell: (c) => `${c.family} ${c.release.engineVersion}` },
    { header: "STATUS", cell: (c) => c.status },
    { header: "PROGRESS", cell: (c) => progressOf(c) },
    { header: "NOW", cell: (c) => (c.current ? `${c.current.datastoreName}: ${c.current.step}` : "—"), maxWidth: 40 },
    { header: "CREATED", cell: (c) => when(c.createdAt) },
  ]);
}

function gateCell(g: CampaignGate | null): string {
  if (!g) return "—";
  const worst = g.ops.reduce<number | null>((m, o) => (o.regressionPct === null ? m : m === null ? o.regressionPct : Math.max(m, o.regressionPct)), null);
  return `${g.verdict.toUpperCase()}${worst === null ? "" : ` (p99 ${pct(worst)})`}${g.synthetic ? " synthetic" : ""}`;
}

function renderGate(t: CampaignTargetDto, g: CampaignGate): string {
  let out = `\nGate of ${t.datastore.name}: ${g.verdict.toUpperCase()} at ${when(g.at)} (at most ${g.maxRegressionPct}% regression; ${g.synthetic ? "SYNTHETIC: the simulation's model, no load sent" : "measured"})\n`;
  out += renderTable(g.ops, [
    { header: "OP", cell: (o) => (o.op === "read" ? "reads" : "writes") },
    { header: "BASELINE P99", cell: (o) => ms(o.baselineP99Ms), align: "right" },
    { header: "VALIDATION P99", cell: (o) => ms(o.validationP99Ms), align: "right" },
    { header: "CHANGE", cell: (o) => pct(o.regressionPct), align: "right" },
    { header: "THRESHOLD", cell: (o) => (o.thresholdMs === null ? "—" : `≤ ${ms(o.thresholdMs)}`), align: "right" },
  ]);
  for (const c of g.checks) out += `  ${c.ok ? "ok    " : "FAILED"} ${c.name}: ${c.detail}\n`;
  out += `  alarms: ${g.alarms.length === 0 ? "none firing" : g.alarms.map((a) => `${a.name} (${a.state})`).join(", ")}\n`;
  return out;
}

function renderWave(c: CampaignDto, w: CampaignWaveDto): string {
  const toVersion = c.release.engineVersion;
  const approval = w.approvalRequired ? (w.approved ? " — approved" : ` — needs a reviewer (dsp campaign approve ${c.id} --wave ${w.wave + 1})`) : "";
  let out = `\nWave ${w.wave + 1} · tier ${w.tier} (${TIER_NAMES[w.tier] ?? w.tier})${approval}\n`;
  out += renderTable(w.targets, [
    { header: "#", cell: (t) => String(t.seq + 1), align: "right" },
    { header: "DATASTORE", cell: (t) => t.datastore.name },
    { header: "TEAM", cell: (t) => `${t.team.slug}${t.upgradeEarly ? " (early)" : ""}` },
    { header: "VERSION", cell: (t) => `${t.fromVersion} → ${toVersion}` },
    { header: "STEP", cell: (t) => t.step },
    { header: "CANARY", cell: (t) => t.canaryZone ?? "—" },
    { header: "GATE", cell: (t) => gateCell(t.gate) },
  ]);
  for (const t of w.targets) {
    if (t.approvedBy) out += `  ${t.datastore.name}: approved by ${t.approvedBy} ${when(t.approvedAt)}\n`;
    if (t.error) out += `  ${t.datastore.name}: ${t.error}\n`;
    if (t.gate?.verdict === "fail") for (const r of t.gate.reasons) out += `  ${t.datastore.name}: gate failed: ${r}\n`;
  }
  return out;
}

export function renderCampaignHead(c: CampaignDto): string {
  return renderFields([
    ["Campaign", c.id],
    ["Release", `${c.family} ${c.release.engineVersion} (${describeImages(c.release)})`],
    ["Status", c.status + (c.haltReason ? `: ${c.haltReason}` : "")],
    ["Progress", progressOf(c)],
    ["Now", c.current ? `${c.current.datastoreName}: ${c.current.step}` : "—"],
    ["Gate", `p99 within each datastore's thresholds, at most ${c.maxRegressionPct}% regression, no alarm firing; ${c.benchmarkDurationS} s benchmarks`],
    ["Created", `${when(c.createdAt)} by ${c.createdBy}`],
  ]);
}

export function renderCampaign(c: CampaignDto, events?: readonly CampaignEventDto[]): string {
  let out = renderCampaignHead(c);
  for (const w of c.waves) out += renderWave(c, w);
  for (const t of c.waves.flatMap((w) => w.targets)) if (t.gate) out += renderGate(t, t.gate);
  if (events) {
    out += "\nEvents:\n";
    for (const e of events) out += `  ${when(e.at)} ${e.actor}: ${e.message}\n`;
  }
  const next = (["start", "pause", "resume", "abort"] as const).filter((a) => c.actions[a].allowed);
  if (next.length > 0) out += `\nYou may: ${next.map((a) => `dsp campaign ${a} ${c.id}`).join(" | ")}\n`;
  return out;
}

/** The wave or target an approval names: --wave N (as `show` numbers it) or --target <target id | datastore name>. */
function approvalBody(ctx: CommandContext, c: CampaignDto): { wave: number } | { targetId: string } {
  const wave = numberFlag(ctx, "wave", { int: true });
  const target = stringFlag(ctx, "target");
  if ((wave === undefined) === (target === undefined))
    throw usageError("Name a wave (--wave N, as `dsp campaign show` numbers it) or a datastore (--target NAME).");
  if (wave !== undefined) {
    if (wave < 1) throw usageError(`--wave must be a wave number from 1 (got ${wave}).`);
    return { wave: wave - 1 };
  }
  const targets = c.waves.flatMap((w) => w.targets);
  const hit = targets.find((t) => t.id === target) ?? targets.find((t) => t.datastore.name === target || t.datastore.id === target);
  if (!hit) throw new CliError(EXIT.notFound, `Campaign ${c.id} has no datastore or target ${JSON.stringify(target)}.`);
  return { targetId: hit.id };
}

/** show exits 1 when the campaign cannot finish as it stands: halted on a failed gate, or aborted. */
const exitOf = (c: CampaignDto) => (c.status === "halted" || c.status === "aborted" ? EXIT.failure : EXIT.ok);

export async function run(ctx: CommandContext) {
  const client = await ctx.client();
  const id = ctx.positionals[0] ?? "";
  const print = (c: CampaignDto, full = false) => {
    if (ctx.json) printJson(ctx, c);
    else ctx.io.stdout.write(full ? renderCampaign(c) : renderCampaignHead(c));
  };
  switch (ctx.name) {
    case "campaign list": {
      const list = await client.get("listCampaigns");
      if (ctx.json) printJson(ctx, list);
      else ctx.io.stdout.write(renderCampaignList(list.items));
      return EXIT.ok;
    }
    case "campaign show": {
      const c = await client.get("getCampaign", { params: { id } });
      const events = boolFlag(ctx, "events") ? (await client.get("listCampaignEvents", { params: { id } })).items : undefined;
      if (ctx.json) printJson(ctx, events ? { ...c, events } : c);
      else ctx.io.stdout.write(renderCampaign(c, events));
      return exitOf(c);
    }
    case "campaign create": {
      const maxRegressionPct = numberFlag(ctx, "max-regression");
      const benchmarkDurationS = numberFlag(ctx, "benchmark-duration", { int: true });
      const given = ctx.flags.datastore;
      const refs = Array.isArray(given) ? given : typeof given === "string" ? [given] : [];
      const team = stringFlag(ctx, "team");
      const datastoreIds: string[] = [];
      for (const ref of refs) datastoreIds.push(await resolveDatastoreId(client, ref, team));
      const c = await client.get("createCampaign", {
        body: {
          releaseId: id,
          ...(maxRegressionPct !== undefined ? { maxRegressionPct } : {}),
          ...(benchmarkDurationS !== undefined ? { benchmarkDurationS } : {}),
          ...(datastoreIds.length > 0 ? { datastoreIds } : {}),
          ...(boolFlag(ctx, "start") ? { start: true } : {}),
        },
      });
      print(c, true);
      return EXIT.ok;
    }
    case "campaign start":
      print(await client.get("startCampaign", { params: { id } }));
      return EXIT.ok;
    case "campaign pause":
      print(await client.get("pauseCampaign", { params: { id } }));
      return EXIT.ok;
    case "campaign resume":
      print(await client.get("resumeCampaign", { params: { id } }));
      return EXIT.ok;
    case "campaign abort": {
      const reason = stringFlag(ctx, "reason");
      print(await client.get("abortCampaign", { params: { id }, body: reason !== undefined ? { reason } : {} }));
      return EXIT.ok;
    }
    default: {
      // campaign approve
      const before = await client.get("getCampaign", { params: { id } });
      print(await client.get("approveCampaign", { params: { id }, body: approvalBody(ctx, before) }), true);
      return EXIT.ok;
    }
  }
}
