// dsp release list | create: the engine versions and images (one per region) released per family (what campaigns
// roll out).
import { describeImages, type FamilyReleaseDto } from "@/lib/schemas/campaign";
import { FAMILIES, FamilySchema, type Family } from "@/lib/schemas/plan";
import { printJson, stringFlag, type CommandContext, type FlagValue } from "../context";
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

/**
 * --image REGION=IMAGE, repeated: the release's image per region (an AMI exists in one region). A usage error names
 * a value without a region or a region given twice; the server validates the region codes and image ids (a 422 naming
 * imageIds.<region>): one contract, not two.
 */
export function imagesFlag(value: FlagValue): Record<string, string> | undefined {
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  if (values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf("=");
    const region = at > 0 ? v.slice(0, at).trim() : "";
    const image = at > 0 ? v.slice(at + 1).trim() : "";
    if (!region || !image)
      throw usageError(`--image takes REGION=IMAGE, one per region, e.g. --image us-east-1=ami-0123456789abcdef0 (got ${JSON.stringify(v)}).`);
    if (region in out) throw usageError(`--image names ${region} twice: one image per region.`);
    out[region] = image;
  }
  return out;
}

export function renderReleaseList(items: readonly FamilyReleaseDto[]): string {
  if (items.length === 0) return "No releases.\n";
  return renderTable(items, [
    { header: "ID", cell: (r) => r.id },
    { header: "FAMILY", cell: (r) => r.family },
    { header: "ENGINE", cell: (r) => r.engineVersion },
    { header: "IMAGES", cell: (r) => describeImages(r) },
    { header: "CURRENT", cell: (r) => (r.current ? "yes" : "") },
    { header: "CREATED", cell: (r) => `${when(r.createdAt)} ${r.createdBy}` },
  ]);
}

export function renderRelease(r: FamilyReleaseDto): string {
  return renderFields([
    ["Release", r.id],
    ["Family", r.family],
    ["Engine", r.engineVersion],
    ...(Object.keys(r.imageIds).length === 0
      ? [["Image", `${r.imageId ?? "—"} (every region: released before images were per region)`] as const]
      : Object.keys(r.imageIds)
          .sort()
          .map((region) => [`Image ${region}`, r.imageIds[region] ?? ""] as const)),
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
  const imageIds = imagesFlag(ctx.flags.image);
  if (family === undefined || engineVersion === undefined || imageIds === undefined) {
    const missing = [
      family === undefined && "--family",
      engineVersion === undefined && "--engine-version",
      imageIds === undefined && "--image REGION=IMAGE",
    ].filter(Boolean);
    throw usageError(`dsp release create needs ${missing.join(", ")}. See \`dsp release create --help\`.`);
  }
  const notes = stringFlag(ctx, "notes");
  // The server validates the version, regions and images (a 422 naming engineVersion or imageIds.<region>).
  const release = await client.get("createRelease", { body: { family, engineVersion, imageIds, ...(notes !== undefined ? { notes } : {}) } });
  if (ctx.json) printJson(ctx, release);
  else ctx.io.stdout.write(`${renderRelease(release)}\nSee what it affects in the portal (Upgrades), then: dsp campaign create ${release.id}\n`);
  return EXIT.ok;
}
