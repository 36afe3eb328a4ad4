// dsp release list | create: the engine versions and images released per family (what campaigns roll out).
import type { FamilyReleaseDto } from "@/lib/schemas/campaign";
import { FAMILIES, FamilySchema, type Family } from "@/lib/schemas/plan";
import { printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { renderFields, renderTable } from "../table";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** --family as the API takes it: a usage error naming the flag and the families otherwise. */
export function familyFlag(ctx: CommandContext): Family | undefined {
  const raw = stringFlag(ctx, "family");
  if (raw === undefined) return undefined;
  const parsed = FamilySchema.safeParse(raw);
  if (!parsed.success) throw usageError(`--family must be one of ${FAMILIES.join(", ")} (got ${JSON.stringify(raw)}).`);
  return parsed.data;
}

export function renderReleaseList(items: readonly FamilyReleaseDto[]): string {
  if (items.length === 0) return "No releases.\n";
  return renderTable(items, [
    { header: "ID", cell: (r) => r.id },
    { header: "FAMILY", cell: (r) => r.family },
    { header: "ENGINE", cell: (r) => r.engineVersion },
    { header: "IMAGE", cell: (r) => r.imageId },
    { header: "CURRENT", cell: (r) => (r.current ? "yes" : "") },
    { header: "CREATED", cell: (r) => `${when(r.createdAt)} ${r.createdBy}` },
  ]);
}

export function renderRelease(r: FamilyReleaseDto): string {
  return renderFields([
    ["Release", r.id],
    ["Family", r.family],
    ["Engine", r.engineVersion],
    ["Image", r.imageId],
    ["Current", r.current ? "yes (new datastores get it; campaigns roll it out)" : "no (a newer release exists)"],
    ["Created", `${when(r.createdAt)} by ${r.createdBy}`],
    ...(r.notes ? [["Notes", r.notes] as const] : []),
  ]);
}

export async function run(ctx: CommandContext) {
  const client = await ctx.client();
  if (ctx.name === "release list") {
    const family = familyFlag(ctx);
    const list = await client.get("listReleases", { query: family !== undefined ? { family } : {} });
    if (ctx.json) printJson(ctx, list);
    else ctx.io.stdout.write(renderReleaseList(list.items));
    return EXIT.ok;
  }
  const family = familyFlag(ctx);
  const engineVersion = stringFlag(ctx, "engine-version");
  const imageId = stringFlag(ctx, "image");
  if (family === undefined || engineVersion === undefined || imageId === undefined) {
    const missing = [family === undefined && "--family", engineVersion === undefined && "--engine-version", imageId === undefined && "--image"].filter(Boolean);
    throw usageError(`dsp release create needs ${missing.join(", ")}. See \`dsp release create --help\`.`);
  }
  const notes = stringFlag(ctx, "notes");
  // The server validates the version and image (a 422 naming engineVersion or imageId): one contract, not two.
  const release = await client.get("createRelease", { body: { family, engineVersion, imageId, ...(notes !== undefined ? { notes } : {}) } });
  if (ctx.json) printJson(ctx, release);
  else ctx.io.stdout.write(`${renderRelease(release)}\nSee what it affects in the portal (Upgrades), then: dsp campaign create ${release.id}\n`);
  return EXIT.ok;
}
